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
    m_advised = use_batch_heap();
}

void TestBatchHeap::largeBlocksComeFromTheHeap() {
    // 4 MiB is far above glibc's default mmap threshold (128 KiB).
    void* block = std::malloc(4 << 20);
    QVERIFY(block);
    const QByteArray record = smaps_of(block);
    QVERIFY2(record.contains("[heap]"), record.left(200).constData());
    std::free(block);
}

void TestBatchHeap::theHeapIsAdvisedForHugePages() {
    const QByteArray mode = thp_mode();
    if (mode.isEmpty() || mode.contains("[never]"))
        QSKIP("transparent huge pages are off on this system: nothing to advise");
    QVERIFY(m_advised);
    char* block = static_cast<char*>(std::malloc(8 << 20));
    QVERIFY(block);
    std::memset(block, 1, 8 << 20);
    // The middle of an 8 MiB block lies inside the advised part.
    const QByteArray record = smaps_of(block + (4 << 20));
    QVERIFY2(record.contains("[heap]"), record.left(200).constData());
    QVERIFY2(record.contains(" hg"), record.constData()); // VmFlags: MADV_HUGEPAGE
    QVERIFY2(field(record, "THPeligible") == "1", record.constData());
    std::free(block);
}

void TestBatchHeap::aFreedBlockIsReusedNotGivenBack() {
    char* first = static_cast<char*>(std::malloc(6 << 20));
    QVERIFY(first);
    std::memset(first, 2, 6 << 20);
    const auto first_at = std::uintptr_t(first);
    std::free(first);
    // Not trimmed: the heap still reaches past the freed block.
    QVERIFY(std::uintptr_t(sbrk(0)) >= first_at + (6 << 20));
    // The next block of that size takes the same, already written, pages.
    char* second = static_cast<char*>(std::malloc(6 << 20));
    QCOMPARE(std::uintptr_t(second), first_at);
    std::free(second);
}

QTEST_GUILESS_MAIN(TestBatchHeap)
#include "tst_batch_heap.moc"
