#include "core/cost/price_table.h"

#include <QTest>

using namespace ociproxy;

namespace {

Decision blob(Backend backend, const char* cloud, const char* region, const char* bucket_region) {
    Decision d;
    d.status = 307;
    d.kind = RequestKind::Blob;
    d.backend = backend;
    d.cloud = cloud;
    d.region = region;
    d.bucket_region = bucket_region;
    return d;
}

constexpr std::uint64_t kGiB = 1024ull * 1024 * 1024;

} // namespace

class TestPriceTable : public QObject {
    Q_OBJECT
private slots:
    void egressByRoute_data();
    void egressByRoute();
    void jsonRoundTripAndErrors();
};

void TestPriceTable::egressByRoute_data() {
    QTest::addColumn<int>("backend");
    QTest::addColumn<QString>("cloud");
    QTest::addColumn<QString>("region");
    QTest::addColumn<QString>("bucketRegion");
    QTest::addColumn<double>("usdPerGiB");
    QTest::newRow("s3 same region") << int(Backend::S3) << "AWS"
                                    << "eu-west-3"
                                    << "eu-west-3" << 0.0;
    QTest::newRow("s3 alias region") << int(Backend::S3) << "AWS"
                                     << "ap-east-2"
                                     << "ap-east-1" << 0.02;
    QTest::newRow("s3 to internet") << int(Backend::S3) << "Azure"
                                    << "westeurope"
                                    << "eu-west-3" << 0.09;
    QTest::newRow("cloudfront") << int(Backend::Default) << ""
                                << ""
                                << "" << 0.085;
    QTest::newRow("upstream to gcp") << int(Backend::Upstream) << "GCP"
                                     << "us-east1"
                                     << "" << 0.0;
    QTest::newRow("upstream to aws") << int(Backend::Upstream) << "AWS"
                                     << "eu-west-3"
                                     << "" << 0.12;
}

void TestPriceTable::egressByRoute() {
    QFETCH(int, backend);
    QFETCH(QString, cloud);
    QFETCH(QString, region);
    QFETCH(QString, bucketRegion);
    QFETCH(double, usdPerGiB);
    const PriceTable p;
    const Decision d = blob(Backend(backend), cloud.toUtf8().constData(),
                            region.toUtf8().constData(), bucketRegion.toUtf8().constData());
    QCOMPARE(p.egress_usd(d, 10 * kGiB), 10 * usdPerGiB);
    Decision manifest = d;
    manifest.kind = RequestKind::Manifest;
    QCOMPARE(p.egress_usd(manifest, kGiB), 0.0);
}

void TestPriceTable::jsonRoundTripAndErrors() {
    auto p = PriceTable::from_json(R"({"s3_internet": 0.05, "upstream_internet": 0.11})", "p.json");
    QVERIFY(p.ok());
    QCOMPARE(p->s3_internet, 0.05);
    QCOMPARE(p->cloudfront_internet, 0.085); // unspecified keep the defaults
    auto back = PriceTable::from_json(p->to_json(), "q");
    QVERIFY(back.ok());
    QCOMPARE(back->upstream_internet, 0.11);
    auto unknown = PriceTable::from_json(R"({"s3_intranet": 1})", "p.json");
    QVERIFY(!unknown.ok());
    QCOMPARE(QString::fromStdString(unknown.error().location),
             QStringLiteral("p.json: s3_intranet"));
    QVERIFY(!PriceTable::from_json(R"({"s3_internet": "cheap"})", "p.json").ok());
    QVERIFY(!PriceTable::from_json(R"({"s3_internet": -1})", "p.json").ok());
    QVERIFY(!PriceTable::from_json("[", "p.json").ok());
}

QTEST_APPLESS_MAIN(TestPriceTable)
#include "tst_price_table.moc"
