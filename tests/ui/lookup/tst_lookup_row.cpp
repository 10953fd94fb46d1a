#include "resources/demo_data.h"
#include "ui/lookup/lookup_row.h"

#include <QTest>

using namespace ociproxy;
using namespace ociproxy::ui;

class TestLookupRow : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void inputKinds_data();
    void inputKinds();
    void blankLinesSkippedAndPathUsed();

private:
    std::optional<Router> m_router;
};

void TestLookupRow::initTestCase() {
    auto sets = demo::range_sets();
    QVERIFY(sets);
    auto r = Router::create(PrefixTable::build(*sets), BucketMap::production(), {});
    QVERIFY(r);
    m_router.emplace(std::move(r).value());
}

void TestLookupRow::inputKinds_data() {
    QTest::addColumn<QString>("input");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("client");
    QTest::addColumn<QString>("region");
    QTest::addColumn<bool>("differ");
    QTest::newRow("bare IPv4") << "35.180.1.1" << 307 << "35.180.1.1"
                               << "eu-west-3" << false;
    QTest::newRow("peer host:port") << "35.180.1.1:51234" << 307 << "35.180.1.1"
                                    << "eu-west-3" << false;
    QTest::newRow("IPv6 peer") << "[2a05:d012::1]:443" << 307 << "2a05:d012::1"
                               << "eu-west-3" << false;
    QTest::newRow("bare IPv6") << "2a05:d012::1" << 307 << "2a05:d012::1"
                               << "eu-west-3" << false;
    QTest::newRow("mapped IPv6") << "[::ffff:35.180.1.1]:80" << 307 << "35.180.1.1"
                                 << "eu-west-3" << false;
    QTest::newRow("xff pair") << "35.180.1.1, 130.211.0.1" << 307 << "35.180.1.1"
                              << "eu-west-3" << false;
    QTest::newRow("xff chain") << "10.0.0.1,35.180.1.1,130.211.0.1" << 307 << "35.180.1.1"
                               << "eu-west-3" << false;
    QTest::newRow("xff spaces") << "35.180.1.1 130.211.0.1" << 307 << "35.180.1.1"
                                << "eu-west-3" << false;
    QTest::newRow("modes differ") << "99.77.161.18" << 307 << "99.77.161.18"
                                  << "ap-southeast-1" << true;
    QTest::newRow("no cloud") << "203.0.113.9" << 307 << "203.0.113.9"
                              << "" << false;
    QTest::newRow("garbage") << "not-an-ip" << 400 << ""
                             << "" << false;
    QTest::newRow("xff one entry") << "35.180.1.1," << 400 << ""
                                   << "" << false;
    QTest::newRow("xff unparseable") << "x, 130.211.0.1" << 400 << ""
                                     << "" << false;
}

void TestLookupRow::inputKinds() {
    QFETCH(QString, input);
    QFETCH(int, status);
    QFETCH(QString, client);
    QFETCH(QString, region);
    QFETCH(bool, differ);
    AllBlobsPresent all;
    const auto rows = lookup_rows(*m_router, all, {input}, {});
    QCOMPARE(rows.size(), std::size_t(1));
    const auto& d = rows[0].decision;
    QCOMPARE(d.status, status);
    QCOMPARE(d.client_ip ? QString::fromStdString(d.client_ip->to_string()) : QString(), client);
    QCOMPARE(QString::fromStdString(d.region), region);
    QCOMPARE(rows[0].modes_differ, differ);
    if (differ) {
        QCOMPARE(rows[0].longest, QString("AWS ap-southeast-1"));
        QCOMPARE(rows[0].first, QString("AWS GLOBAL"));
    }
}

void TestLookupRow::blankLinesSkippedAndPathUsed() {
    NoBlobsPresent none;
    const auto rows =
        lookup_rows(*m_router, none, {"", "  35.180.1.1  ", "\t"}, "/v2/pause/manifests/3.9");
    QCOMPARE(rows.size(), std::size_t(1));
    QCOMPARE(rows[0].input, QString("35.180.1.1"));
    QCOMPARE(rows[0].decision.kind, RequestKind::Manifest);
    AllBlobsPresent all;
    const auto blob = lookup_rows(*m_router, none, {"35.180.1.1"}, {});
    QCOMPARE(blob[0].decision.backend, Backend::Upstream); // no blob in any bucket
    const auto found = lookup_rows(*m_router, all, {"35.180.1.1"}, {});
    QCOMPARE(found[0].decision.backend, Backend::S3);
}

QTEST_GUILESS_MAIN(TestLookupRow)
#include "tst_lookup_row.moc"
