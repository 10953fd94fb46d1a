// use_batch_heap() sets the oci-route process's malloc up: large blocks from
// the heap (not mappings of their own), the heap grown at once and advised
// for transparent huge pages, nothing trimmed back.

#include "core/batch_heap.h"

#include <QFile>
#include <QTest>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <unistd.h>

using namespace ociproxy;

namespace {

// The smaps record of the mapping that holds `p`: its header line and fields.
QByteArray smaps_of(const void* p) {
    QFile f("/proc/self/smaps");
    if (!f.open(QIODevice::ReadOnly)) return {};
    const auto at = std::uintptr_t(p);
    QByteArray record;
    bool inside = false;
    for (const QByteArray& line : f.readAll().split('\n')) {
        const qsizetype dash = line.indexOf('-');
        const qsizetype space = line.indexOf(' ');
        bool ok_from = false, ok_to = false;
        const auto from = dash > 0 ? line.left(dash).toULongLong(&ok_from, 16) : 0;
        const auto to =
            space > dash ? line.mid(dash + 1, space - dash - 1).toULongLong(&ok_to, 16) : 0;
        if (ok_from && ok_to) {
            if (inside) break; // the next mapping's header
            inside = from <= at && at < to;
        }
        if (inside) record += line + '\n';
    }
    return record;
}

// A field's value in an smaps record ("THPeligible:    1" gives "1").
QByteArray field(const QByteArray& record, const QByteArray& name) {
    for (const QByteArray& line : record.split('\n'))
        if (line.startsWith(name + ':')) return line.mid(name.size() + 1).trimmed();
    return {};
}

// A malloc'd block, freed however the check ends.
struct Block {
    explicit Block(std::size_t n)
        : p(static_cast<char*>(std::malloc(n))) {}
    ~Block() { std::free(p); }
    Block(const Block&) = delete;
    Block& operator=(const Block&) = delete;
    char* p;
};

QByteArray thp_mode() {
    QFile f("/sys/kernel/mm/transparent_hugepage/enabled");
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestBatchHeap : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void largeBlocksComeFromTheHeap();
    void theHeapIsAdvisedForHugePages();
    void aFreedBlockIsReusedNotGivenBack();

private:
    bool m_advised = false;
};

void TestBatchHeap::initTestCase() {
#if defined(__SANITIZE_ADDRESS__)
    QSKIP("AddressSanitizer's allocator stands in for glibc's malloc, which this sets up");
#endif
    m_advised = use_batch_heap();
}

void TestBatchHeap::largeBlocksComeFromTheHeap() {
    // 4 MiB is far above glibc's default mmap threshold (128 KiB).
    const Block block(4 << 20);
    QVERIFY(block.p);
    const QByteArray record = smaps_of(block.p);
    QVERIFY2(record.contains("[heap]"), record.left(200).constData());
}

void TestBatchHeap::theHeapIsAdvisedForHugePages() {
    const QByteArray mode = thp_mode();
    if (mode.isEmpty() || mode.contains("[never]"))
        QSKIP("transparent huge pages are off on this system: nothing to advise");
    QVERIFY(m_advised);
    const Block block(8 << 20);
    QVERIFY(block.p);
    std::memset(block.p, 1, 8 << 20);
    // The middle of an 8 MiB block lies inside the advised part.
    const QByteArray record = smaps_of(block.p + (4 << 20));
    QVERIFY2(record.contains("[heap]"), record.left(200).constData());
    QVERIFY2(record.contains(" hg"), record.constData()); // VmFlags: MADV_HUGEPAGE
    QVERIFY2(field(record, "THPeligible") == "1", record.constData());
}

void TestBatchHeap::aFreedBlockIsReusedNotGivenBack() {
    std::uintptr_t first_at = 0;
    {
        const Block first(12 << 20);
        QVERIFY(first.p);
        std::memset(first.p, 2, 12 << 20);
        first_at = std::uintptr_t(first.p);
    }
    // Not trimmed: the heap still reaches past the freed block.
    QVERIFY(std::uintptr_t(sbrk(0)) >= first_at + (12 << 20));
    // The next block of that size takes the same, already written, pages.
    const Block second(12 << 20);
    QCOMPARE(std::uintptr_t(second.p), first_at);
}

QTEST_GUILESS_MAIN(TestBatchHeap)
#include "tst_batch_heap.moc"
