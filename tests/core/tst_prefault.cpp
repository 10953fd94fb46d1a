#include "core/prefault.h"

#include <QTest>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <sys/mman.h>
#include <unistd.h>
#include <vector>

using namespace ociproxy;

namespace {

// Pages of [p, p + bytes) the kernel has mapped, by mincore().
std::size_t resident_pages(void* p, std::size_t bytes) {
    const std::size_t page = std::size_t(::sysconf(_SC_PAGESIZE));
    std::vector<unsigned char> in((bytes + page - 1) / page);
    if (::mincore(p, bytes, in.data()) != 0) return 0;
    std::size_t n = 0;
    for (const unsigned char c : in)
        n += c & 1;
    return n;
}

} // namespace

// prefault() maps the pages the range files' buffers are about to fill, and
// must never change what they hold.
class TestPrefault : public QObject {
    Q_OBJECT
private slots:
    void mapsEveryWholePageOfTheRange();
    void keepsTheContents();
    void advisesOnlyWholeHugePages();
};

void TestPrefault::mapsEveryWholePageOfTheRange() {
    const std::size_t page = std::size_t(::sysconf(_SC_PAGESIZE));
    const std::size_t pages = 256;
    void* p =
        ::mmap(nullptr, pages * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    QVERIFY(p != MAP_FAILED);
    QCOMPARE(resident_pages(p, pages * page), std::size_t(0));
    if (::madvise(p, page, MADV_POPULATE_WRITE) != 0) {
        ::munmap(p, pages * page);
        QSKIP("this kernel has no MADV_POPULATE_WRITE (Linux < 5.14): prefault() does nothing");
    }
    ::madvise(p, page, MADV_DONTNEED);
    // From the middle of the first page to the middle of the last: the
    // whole pages between, not the two it only touches.
    auto* bytes = static_cast<char*>(p);
    prefault(bytes + page / 2, (pages - 1) * page);
    QCOMPARE(resident_pages(p, page), std::size_t(0));
    QCOMPARE(resident_pages(bytes + page, (pages - 2) * page), pages - 2);
    QCOMPARE(resident_pages(bytes + (pages - 1) * page, page), std::size_t(0));
    ::munmap(p, pages * page);
}

void TestPrefault::keepsTheContents() {
    std::vector<char> data(1 << 20);
    for (std::size_t i = 0; i < data.size(); ++i)
        data[i] = char(i * 7 + 3);
    const std::vector<char> before = data;
    prefault(data.data(), data.size());
    QVERIFY(std::memcmp(data.data(), before.data(), data.size()) == 0);
}

// The mapping of /proc/self/maps that starts at `at`, as "from-to", or "".
std::string mapping_at(std::uintptr_t at) {
    std::FILE* f = std::fopen("/proc/self/maps", "r");
    if (!f) return {};
    char line[512];
    std::string found;
    while (found.empty() && std::fgets(line, sizeof line, f)) {
        unsigned long from = 0, to = 0;
        if (std::sscanf(line, "%lx-%lx", &from, &to) == 2 && from == at)
            found = std::to_string(from) + "-" + std::to_string(to);
    }
    std::fclose(f);
    return found;
}

void TestPrefault::advisesOnlyWholeHugePages() {
    // Three huge pages' worth, on a huge page boundary.
    const std::size_t huge = kHugePageBytes;
    void* raw =
        ::mmap(nullptr, 4 * huge, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    QVERIFY(raw != MAP_FAILED);
    const std::uintptr_t base = (std::uintptr_t(raw) + huge - 1) & ~std::uintptr_t(huge - 1);
    auto* at = reinterpret_cast<char*>(base);
    // Inside one extent, none of it whole: nothing to advise.
    QVERIFY(!advise_huge_pages(at + huge / 4, huge / 2));
    QVERIFY(!advise_huge_pages(at + huge / 2, huge)); // across a boundary, still none whole
    // Half of the first extent, the second whole, half of the third: only
    // the second is advised, so the kernel cuts the mapping at its ends.
    if (!advise_huge_pages(at + huge / 2, 2 * huge)) {
        ::munmap(raw, 4 * huge);
        QSKIP("this kernel has no transparent huge pages: advise_huge_pages() does nothing");
    }
    const std::string second = mapping_at(base + huge);
    ::munmap(raw, 4 * huge);
    QCOMPARE(second, std::to_string(base + huge) + "-" + std::to_string(base + 2 * huge));
}

QTEST_APPLESS_MAIN(TestPrefault)
#include "tst_prefault.moc"
