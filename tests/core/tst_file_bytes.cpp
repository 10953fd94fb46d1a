#include "core/file_bytes.h"
#include "core/file_io.h"

#include <QTemporaryDir>
#include <QTest>
#include <cstdint>
#include <string>

using namespace ociproxy;

// FileBytes::read() answers as read_file() does, whichever way it reads: the
// same bytes for a small file, a large one (its own aligned mapping), one
// just past a page or a huge page; the same errors, naming the path.
class TestFileBytes : public QObject {
    Q_OBJECT
private slots:
    void sameBytesAsReadFile_data();
    void sameBytesAsReadFile();
    void errorsNameThePath();
    void movedBytesStayReadable();
};

void TestFileBytes::sameBytesAsReadFile_data() {
    QTest::addColumn<qint64>("size");
    QTest::newRow("empty") << qint64(0);
    QTest::newRow("small") << qint64(1000);
    QTest::newRow("just under a huge page") << qint64((2 << 20) - 1);
    QTest::newRow("a huge page") << qint64(2 << 20);
    QTest::newRow("AWS-sized") << qint64(2537688);
    QTest::newRow("two huge pages and a byte") << qint64((4 << 20) + 1);
}

void TestFileBytes::sameBytesAsReadFile() {
    QFETCH(qint64, size);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string path = dir.filePath("f.bin").toStdString();
    std::string content(std::size_t(size), '\0');
    for (std::size_t i = 0; i < content.size(); ++i)
        content[i] = char('a' + (i * 31 + i / 4096) % 26);
    QVERIFY(write_file_atomic(path, content).ok());
    const auto bytes = FileBytes::read(path);
    QVERIFY2(bytes.ok(), bytes.ok() ? "" : bytes.error().what().c_str());
    QCOMPARE(bytes->view().size(), content.size());
    QVERIFY(bytes->view() == content);
    // A large file's bytes start on a huge page, as the reader maps them.
    if (size >= (2 << 20))
        QCOMPARE(std::uintptr_t(bytes->view().data()) % (2 << 20), std::uintptr_t(0));
}

void TestFileBytes::errorsNameThePath() {
    QTemporaryDir dir;
    const std::string missing = dir.filePath("missing.json").toStdString();
    const auto none = FileBytes::read(missing);
    QVERIFY(!none.ok());
    QVERIFY(none.error().what().find(missing) != std::string::npos);
    const std::string folder = dir.path().toStdString();
    const auto directory = FileBytes::read(folder);
    QVERIFY(!directory.ok());
    QVERIFY(directory.error().what().find(folder) != std::string::npos);
    QVERIFY(directory.error().what().find("directory") != std::string::npos);
}

void TestFileBytes::movedBytesStayReadable() {
    QTemporaryDir dir;
    const std::string path = dir.filePath("big.bin").toStdString();
    const std::string content(std::size_t(3) << 20, 'x');
    QVERIFY(write_file_atomic(path, content).ok());
    auto read = FileBytes::read(path);
    QVERIFY(read.ok());
    FileBytes moved = std::move(*read);
    QCOMPARE(moved.view().size(), content.size());
    FileBytes assigned;
    assigned = std::move(moved);
    QVERIFY(assigned.view() == content);
    QVERIFY(moved.view().empty());
}

QTEST_APPLESS_MAIN(TestFileBytes)
#include "tst_file_bytes.moc"
