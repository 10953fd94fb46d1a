#include "core/ranges/published_time.h"

#include <QTest>

using namespace ociproxy;

class TestPublishedTime : public QObject {
    Q_OBJECT
private slots:
    void parses_data();
    void parses();
};

void TestPublishedTime::parses_data() {
    QTest::addColumn<QString>("published");
    QTest::addColumn<qint64>("expected"); // -1: no date
    // Reference values: `date -u -d '2025-07-14 17:23:30' +%s`.
    QTest::newRow("aws createDate") << "2025-07-14-17-23-30" << qint64(1752513810);
    QTest::newRow("google creationTime") << "2025-07-14T07:06:47.113936" << qint64(1752476807);
    QTest::newRow("demo new year") << "2026-01-01-00-00-00" << qint64(1767225600);
    QTest::newRow("leap day") << "2024-02-29-12-00-00" << qint64(1709208000);
    QTest::newRow("iso with Z") << "2024-02-29T12:00:00Z" << qint64(1709208000);
    QTest::newRow("azure changeNumber") << "318" << qint64(-1);
    QTest::newRow("empty") << "" << qint64(-1);
    QTest::newRow("no such day") << "2025-02-30-00-00-00" << qint64(-1);
    QTest::newRow("hour 24") << "2025-01-01-24-00-00" << qint64(-1);
    QTest::newRow("letters") << "2025-0a-01-00-00-00" << qint64(-1);
    QTest::newRow("truncated") << "2025-07-14-17-23" << qint64(-1);
    QTest::newRow("bad separator") << "2025/07/14-17-23-30" << qint64(-1);
    QTest::newRow("trailing junk") << "2025-07-14-17-23-30x" << qint64(-1);
}

void TestPublishedTime::parses() {
    QFETCH(QString, published);
    QFETCH(qint64, expected);
    const auto got = published_unix_seconds(published.toStdString());
    if (expected < 0) {
        QVERIFY2(!got, qPrintable(QString::number(got.value_or(0))));
    } else {
        QVERIFY(got);
        QCOMPARE(qint64(*got), expected);
    }
}

QTEST_GUILESS_MAIN(TestPublishedTime)
#include "tst_published_time.moc"
