#include "core/buckets/bucket_map.h"
#include "core/plan/region_catalogue.h"
#include "resources/planner_data.h"

#include <QTest>

using namespace ociproxy;

class TestRegionCatalogue : public QObject {
    Q_OBJECT
private slots:
    void greatCircle_data();
    void greatCircle();
    void parses();
    void rejects_data();
    void rejects();
    void builtinPlacesEveryProductionBucket();
};

void TestRegionCatalogue::greatCircle_data() {
    QTest::addColumn<double>("lat1");
    QTest::addColumn<double>("lon1");
    QTest::addColumn<double>("lat2");
    QTest::addColumn<double>("lon2");
    QTest::addColumn<double>("km");
    // One degree of a great circle on a 6371.0088 km sphere: 111.195 km.
    QTest::newRow("one degree of longitude on the equator") << 0.0 << 0.0 << 0.0 << 1.0 << 111.195;
    QTest::newRow("one degree of latitude") << 10.0 << 20.0 << 11.0 << 20.0 << 111.195;
    QTest::newRow("same place") << 51.51 << -0.13 << 51.51 << -0.13 << 0.0;
    QTest::newRow("antipodes: half the circumference") << 0.0 << 0.0 << 0.0 << 180.0 << 20015.1;
    QTest::newRow("across the date line") << 0.0 << 179.5 << 0.0 << -179.5 << 111.195;
    QTest::newRow("London to Paris") << 51.51 << -0.13 << 48.86 << 2.35 << 343.9;
}

void TestRegionCatalogue::greatCircle() {
    QFETCH(double, lat1);
    QFETCH(double, lon1);
    QFETCH(double, lat2);
    QFETCH(double, lon2);
    QFETCH(double, km);
    QVERIFY2(std::abs(great_circle_km(lat1, lon1, lat2, lon2) - km) < 0.5,
             qPrintable(QString::number(great_circle_km(lat1, lon1, lat2, lon2))));
}

void TestRegionCatalogue::parses() {
    auto c = RegionCatalogue::from_json(
        R"({"oci_proxy_region_catalogue": 1, "as_of": "2025-07", "regions": [
          {"region": "b", "city": "B", "lat": 1, "lon": 2, "storage_gib_month": 0.03},
          {"region": "a", "lat": -1.5, "lon": -2, "storage_gib_month": 0.02,
           "transfer_inter_region": 0.05, "transfer_internet": 0.1}]})",
        "cat.json");
    QVERIFY2(c, c ? "" : c.error().what().c_str());
    QCOMPARE(c->as_of(), std::string("2025-07"));
    QCOMPARE(c->regions().size(), std::size_t(2));
    QCOMPARE(c->regions().front().region, std::string("a")); // sorted
    const auto* a = c->find("a");
    QVERIFY(a);
    QCOMPARE(a->lat, -1.5);
    QCOMPARE(*a->transfer_inter_region, 0.05);
    QCOMPARE(*a->transfer_internet, 0.1);
    const auto* b = c->find("b");
    QVERIFY(b && !b->transfer_inter_region && !b->transfer_internet);
    QCOMPARE(b->city, std::string("B"));
    QVERIFY(!c->find("c"));
}

void TestRegionCatalogue::rejects_data() {
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("where");
    const QString head = R"({"oci_proxy_region_catalogue": 1, "regions": [)";
    const QString ok = R"({"region": "a", "lat": 1, "lon": 2, "storage_gib_month": 0.02})";
    QTest::newRow("not a catalogue") << R"({"regions": []})"
                                     << "cat.json: oci_proxy_region_catalogue";
    QTest::newRow("no regions") << R"({"oci_proxy_region_catalogue": 1, "regions": []})"
                                << "cat.json: regions";
    QTest::newRow("latitude out of range")
        << head + ok + R"(, {"region": "b", "lat": 91, "lon": 2, "storage_gib_month": 0.02}]})"
        << "cat.json: regions[1].lat";
    QTest::newRow("longitude missing")
        << head + R"({"region": "a", "lat": 1, "storage_gib_month": 0.02}]})"
        << "cat.json: regions[0].lon";
    QTest::newRow("negative price")
        << head + R"({"region": "a", "lat": 1, "lon": 2, "storage_gib_month": -1}]})"
        << "cat.json: regions[0].storage_gib_month";
    QTest::newRow("transfer price not a number")
        << head +
               R"({"region": "a", "lat": 1, "lon": 2, "storage_gib_month": 0.1, "transfer_internet": "x"}]})"
        << "cat.json: regions[0].transfer_internet";
    QTest::newRow("region listed twice") << head + ok + ", " + ok + "]}"
                                         << "cat.json: regions[1].region";
    QTest::newRow("truncated") << head + ok << "cat.json:";
}

void TestRegionCatalogue::rejects() {
    QFETCH(QString, json);
    QFETCH(QString, where);
    auto c = RegionCatalogue::from_json(json.toStdString(), "cat.json");
    QVERIFY(!c);
    QVERIFY2(QString::fromStdString(c.error().what()).startsWith(where), c.error().what().c_str());
}

// Every production bucket's home has a place and a price, so a plan from
// the built-in data never leaves a bucket off the map.
void TestRegionCatalogue::builtinPlacesEveryProductionBucket() {
    const auto& c = builtin::region_catalogue();
    QVERIFY(c.regions().size() >= 39);
    for (const auto& b : BucketMap::production().buckets()) {
        for (const auto& r : b.regions)
            QVERIFY2(c.find(r), r.c_str());
    }
    QVERIFY(builtin::world_outline().size() >= 10);
    for (const auto& poly : builtin::world_outline())
        for (const auto& [lon, lat] : poly)
            QVERIFY(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90);
}

QTEST_GUILESS_MAIN(TestRegionCatalogue)
#include "tst_region_catalogue.moc"
