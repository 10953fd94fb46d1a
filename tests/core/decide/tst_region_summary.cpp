#include "core/decide/region_summary.h"
#include "core/ranges/range_loader.h"

#include <QTest>

using namespace ociproxy;

class TestRegionSummary : public QObject {
    Q_OBJECT
private slots:
    void countsAndBuckets();
};

void TestRegionSummary::countsAndBuckets() {
    auto set = parse_ranges("10.0.0.0/8,AWS,eu-west-3\n10.1.0.0/16,AWS,eu-west-3\n"
                            "2001:db8::/32,AWS,eu-west-3\n11.0.0.0/8,AWS,xx-new-1\n"
                            "12.0.0.0/8,AWS,GLOBAL\n13.0.0.0/8,GCP,europe-west1\n",
                            "t.csv");
    QVERIFY(set);
    auto router =
        Router::create(PrefixTable::build(std::span(&*set, 1)), BucketMap::production(), {});
    QVERIFY(router);
    const auto s = summarize_regions(*router);
    QCOMPARE(s.size(), std::size_t(4));
    QCOMPARE(s[0].region, std::string("GLOBAL"));
    QVERIFY(!s[0].unmapped_aws);
    QCOMPARE(s[1].region, std::string("eu-west-3"));
    QCOMPARE(s[1].ipv4, std::size_t(2));
    QCOMPARE(s[1].ipv6, std::size_t(1));
    QVERIFY(s[1].bucket && s[1].bucket->name == "eu-west-3");
    QCOMPARE(s[2].region, std::string("xx-new-1"));
    QVERIFY(s[2].unmapped_aws);
    QCOMPARE(s[3].cloud, std::string("GCP"));
    QVERIFY(!s[3].bucket && !s[3].unmapped_aws);
}

QTEST_GUILESS_MAIN(TestRegionSummary)
#include "tst_region_summary.moc"
