#include "core/decide/blob_presence.h"
#include "core/ranges/range_loader.h"
#include "core/simulate/simulation.h"

#include <QTest>

using namespace ociproxy;

namespace {

const std::string kEu =
    "https://prod-registry-k8s-io-eu-west-3.s3.dualstack.eu-west-3.amazonaws.com";
const std::string kDefault = "https://d1be1w964nk82h.cloudfront.net";

} // namespace

class TestBlobInventory : public QObject {
    Q_OBJECT
private slots:
    void checks_data();
    void checks();
    void badLinesNameTheLine_data();
    void badLinesNameTheLine();
    void simulationTakesSizesFromIt();
};

void TestBlobInventory::checks_data() {
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("found");
    QTest::newRow("listed bucket")
        << QString::fromStdString(kEu + "/containers/images/sha256:a") << true;
    QTest::newRow("other bucket") << QString::fromStdString(kDefault +
                                                            "/containers/images/sha256:a")
                                  << false;
    QTest::newRow("default listed")
        << QString::fromStdString(kDefault + "/containers/images/sha256:b") << true;
    QTest::newRow("everywhere") << QString::fromStdString(kEu + "/containers/images/sha256:c")
                                << true;
    QTest::newRow("unknown digest")
        << QString::fromStdString(kEu + "/containers/images/sha256:z") << false;
    QTest::newRow("not a blob url") << QString::fromStdString(kEu) << false;
}

void TestBlobInventory::checks() {
    QFETCH(QString, url);
    QFETCH(bool, found);
    auto inv = BlobInventory::parse("digest,size,buckets\nsha256:a,100,eu-west-3\n"
                                    "sha256:b,200,default ap-east-1\nsha256:c,300,*\n",
                                    "inv.csv", BucketMap::production());
    QVERIFY2(inv, inv ? "" : inv.error().what().c_str());
    QCOMPARE(inv->check(url.toStdString()) == BlobAnswer::Found, found);
    QCOMPARE(*inv->blob_size("sha256:b"), std::uint64_t(200));
    QVERIFY(!inv->blob_size("sha256:z"));
}

void TestBlobInventory::badLinesNameTheLine_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("where");
    QTest::addColumn<QString>("message");
    QTest::newRow("no size") << "sha256:a"
                             << "inv.csv:1"
                             << "digest,size,buckets";
    QTest::newRow("bad size") << "sha256:a,big,eu-west-3"
                              << "inv.csv:1"
                              << "size in bytes";
    QTest::newRow("bad digest") << "\n\nabc,1,"
                                << "inv.csv:3"
                                << "digest like sha256";
    QTest::newRow("unknown bucket") << "sha256:a,1,mars-1"
                                    << "inv.csv:1"
                                    << "no bucket named 'mars-1'";
}

void TestBlobInventory::badLinesNameTheLine() {
    QFETCH(QString, text);
    QFETCH(QString, where);
    QFETCH(QString, message);
    auto inv = BlobInventory::parse(text.toStdString(), "inv.csv", BucketMap::production());
    QVERIFY(!inv);
    QCOMPARE(QString::fromStdString(inv.error().location), where);
    QVERIFY2(QString::fromStdString(inv.error().message).contains(message),
             inv.error().message.c_str());
}

void TestBlobInventory::simulationTakesSizesFromIt() {
    auto set = parse_ranges("35.180.0.0/16,AWS,eu-west-3\n", "t.csv");
    auto router =
        Router::create(PrefixTable::build(std::span(&*set, 1)), BucketMap::production(), {});
    QVERIFY(router);
    auto inv =
        BlobInventory::parse("sha256:aa,1000,eu-west-3\n", "inv.csv", BucketMap::production());
    QVERIFY(inv);
    Scenario s{&*router, &*inv, {}, 5};
    auto r = simulate_text(
        "xff,path,bytes\n"
        "\"35.180.1.1, 1.1.1.1\",/v2/p/blobs/sha256:aa,\n"  // the inventory: 1000
        "\"35.180.1.1, 1.1.1.1\",/v2/p/blobs/sha256:aa,7\n" // the row: 7
        "\"35.180.1.1, 1.1.1.1\",/v2/p/blobs/sha256:bb,\n", // not mirrored: upstream, default 5
        "t.csv", s);
    QVERIFY2(r, r ? "" : r.error().what().c_str());
    QCOMPARE(r->bytes, std::uint64_t(1000 + 7 + 5));
    std::uint64_t s3 = 0, upstream = 0;
    for (const auto& a : r->rows)
        (a.backend == Backend::S3 ? s3 : upstream) += a.requests;
    QCOMPARE(s3, 2ull);
    QCOMPARE(upstream, 1ull);
}

QTEST_GUILESS_MAIN(TestBlobInventory)
#include "tst_blob_inventory.moc"
