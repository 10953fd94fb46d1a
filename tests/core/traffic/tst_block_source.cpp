#include "core/traffic/block_source.h"

#include <QTemporaryFile>
#include <QTest>
#include <fcntl.h>
#include <unistd.h>

using namespace ociproxy;

namespace {

// Every block of `source`, in order.
std::vector<LineBlock> all_blocks(BlockSource& source) {
    std::vector<LineBlock> blocks;
    LineBlock b;
    while (source.next(b))
        blocks.push_back(b);
    return blocks;
}

} // namespace

class TestBlockSource : public QObject {
    Q_OBJECT
private slots:
    void wholeLinesInOrder_data();
    void wholeLinesInOrder();
};

// Lines far shorter than a block and lines longer than several blocks (the
// longest, 9 MiB, over two of any block size the reader has had): the blocks join
// up to the input, each ends a line, and each knows its first line.
void TestBlockSource::wholeLinesInOrder_data() {
    QTest::addColumn<QList<int>>("lengths");
    QTest::addColumn<bool>("finalNewline");
    QTest::addColumn<bool>("fromFile");
    const QList<int> shortLines(600000, 15);
    const QList<int> mixed{10, 9 << 20, 3, 300000, 1, 700000, 2};
    for (const bool file : {false, true}) {
        const char* from = file ? " (file)" : " (text)";
        QTest::newRow(QByteArray("short lines") + from) << shortLines << true << file;
        QTest::newRow(QByteArray("lines over a block") + from) << mixed << true << file;
        QTest::newRow(QByteArray("a long last line, no newline") + from)
            << QList<int>{4, 9 << 20} << false << file;
    }
}

void TestBlockSource::wholeLinesInOrder() {
    QFETCH(QList<int>, lengths);
    QFETCH(bool, finalNewline);
    QFETCH(bool, fromFile);
    std::string text;
    for (int i = 0; i < lengths.size(); ++i) {
        text.append(std::size_t(lengths[i]), char('a' + i % 26));
        if (i + 1 < lengths.size() || finalNewline) text += '\n';
    }
    QTemporaryFile file;
    int fd = -1;
    if (fromFile) {
        QVERIFY(file.open());
        QCOMPARE(file.write(text.data(), qint64(text.size())), qint64(text.size()));
        QVERIFY(file.flush());
        fd = ::open(file.fileName().toLocal8Bit().constData(), O_RDONLY);
        QVERIFY(fd >= 0);
    }
    BlockSource source(fd, fromFile ? std::string_view() : std::string_view(text));
    const auto blocks = all_blocks(source);
    if (fd >= 0) ::close(fd);
    QVERIFY(source.error().empty());
    if (lengths.size() > 1000) QVERIFY(blocks.size() > 1); // 9 MiB of short lines
    std::string joined;
    std::size_t line = 1;
    for (std::size_t i = 0; i < blocks.size(); ++i) {
        const std::string& t = blocks[i].text;
        QVERIFY(!t.empty());
        if (i + 1 < blocks.size() || finalNewline) QCOMPARE(t.back(), '\n');
        QCOMPARE(blocks[i].first_line, line);
        line += std::size_t(std::count(t.begin(), t.end(), '\n'));
        joined += t;
    }
    QCOMPARE(joined.size(), text.size());
    QVERIFY(joined == text);
    QCOMPARE(source.done(), std::uint64_t(text.size()));
}

QTEST_APPLESS_MAIN(TestBlockSource)
#include "tst_block_source.moc"
