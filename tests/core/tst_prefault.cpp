#include "core/prefault.h"

#include <QTest>
#include <cstring>
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

QTEST_APPLESS_MAIN(TestPrefault)
#include "tst_prefault.moc"
