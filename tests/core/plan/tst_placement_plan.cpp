#include "core/plan/map_sites.h"
#include "core/plan/placement_plan.h"
#include "core/plan/plan_inputs.h"
#include "core/report/plan_report.h"
#include "resources/demo_data.h"
#include "resources/planner_data.h"

#include <QRegularExpression>
#include <QTest>
#include <boost/json.hpp>

using namespace ociproxy;

namespace {

constexpr double kGiB = 1024.0 * 1024.0 * 1024.0;
constexpr double kDegreeKm = 111.195; // one degree of great circle

// Five places on the equator, hand-priced: buckets at a, b and c; x, y and w
// without one; z in the ranges but not in the catalogue.
RegionCatalogue catalogue() {
    auto c = RegionCatalogue::from_json(R"({"oci_proxy_region_catalogue": 1, "regions": [
      {"region": "a", "lat": 0, "lon": 0,   "storage_gib_month": 0.02,  "transfer_inter_region": 0.02},
      {"region": "b", "lat": 0, "lon": 10,  "storage_gib_month": 0.03,  "transfer_inter_region": 0.05},
      {"region": "c", "lat": 0, "lon": -10, "storage_gib_month": 0.025, "transfer_inter_region": 0.02},
      {"region": "x", "lat": 0, "lon": 4,   "storage_gib_month": 0.04},
      {"region": "y", "lat": 0, "lon": 5,   "storage_gib_month": 0.01},
      {"region": "w", "lat": 0, "lon": 8,   "storage_gib_month": 0.03}]})",
                                        "test catalogue");
    if (!c) qFatal("%s", c.error().what().c_str());
    return std::move(c).value();
}

BucketMap buckets(std::vector<std::string> a_regions = {"a"},
                  std::vector<std::string> b_regions = {"b"}) {
    auto m = BucketMap::create("https://default.example", {{"A", "https://a.example", a_regions},
                                                           {"B", "https://b.example", b_regions},
                                                           {"C", "https://c.example", {"c"}}});
    if (!m) qFatal("%s", m.error().what().c_str());
    return std::move(m).value();
}

PriceTable prices() {
    PriceTable p;
    p.s3_same_region = 0;
    p.s3_cross_region = 0.03;
    p.cloudfront_internet = 0.085;
    return p;
}

struct Fixture {
    RegionCatalogue cat = catalogue();
    BucketMap map = buckets();
    PlanInputs in;
    Fixture() {
        in.catalogue = &cat;
        in.buckets = &map;
        in.prices = prices();
        in.traffic = {{"x", 100, std::uint64_t(100 * kGiB)},
                      {"w", 50, std::uint64_t(50 * kGiB)},
                      {"z", 7, std::uint64_t(7 * kGiB)}};
        in.range_regions = {"a", "b", "c", "x", "y", "w", "z"};
        in.assumptions.store_bytes = std::uint64_t(100 * kGiB);
        in.assumptions.horizon_months = 10;
        in.assumptions.traffic_days = 30;
    }
};

const AliasRow* alias(const Plan& p, const std::string& region) {
    for (const auto& a : p.aliases)
        if (a.region == region) return &a;
    return nullptr;
}

const PlacementCandidate* candidate(const Plan& p, const std::string& region) {
    for (const auto& c : p.candidates)
        if (c.region == region) return &c;
    return nullptr;
}

bool near(double a, double b) {
    return std::abs(a - b) < 1e-3 * std::max(1.0, std::abs(b));
}

} // namespace

class TestPlacementPlan : public QObject {
    Q_OBJECT
private slots:
    void aliases_data();
    void aliases();
    void keepsTodayWhenNothingIsCheaper();
    void candidates_data();
    void candidates();
    void ranking();
    void trafficDaysScaleToAMonth();
    void notInCatalogueIsReportedNeverGuessed();
    void bucketMapLoadsBackAndValidates();
    void chosenRegionLeavesTheBucketItWasAliasedTo();
    void nothingChosenWhenNothingSaves();
    void trafficFromSimulation();
    void storeSizeAssumption();
    void reportsCarryTheAssumptions();
    void mapSites();
    void demoPlan();
};

void TestPlacementPlan::aliases_data() {
    QTest::addColumn<QString>("region");
    QTest::addColumn<QString>("nearest");
    QTest::addColumn<double>("nearestKm");
    QTest::addColumn<QString>("cheapest");
    QTest::addColumn<QString>("recommended");
    // x: a is 4° away at $0.02; c is as cheap but 14° away.
    QTest::newRow("nearest is also cheapest") << "x"
                                              << "A" << 4 * kDegreeKm << "A"
                                              << "A";
    // y: a and b both 5° away; the tie goes to the cheaper ($0.02 < $0.05).
    QTest::newRow("distance tie: cheaper wins") << "y"
                                                << "A" << 5 * kDegreeKm << "A"
                                                << "A";
    // w: b is nearest (2°) but $0.05; a and c cost $0.02, a is nearer.
    QTest::newRow("cheapest is not nearest") << "w"
                                             << "B" << 2 * kDegreeKm << "A"
                                             << "A";
}

void TestPlacementPlan::aliases() {
    QFETCH(QString, region);
    QFETCH(QString, nearest);
    QFETCH(double, nearestKm);
    QFETCH(QString, cheapest);
    QFETCH(QString, recommended);
    Fixture f;
    const Plan p = make_plan(f.in);
    const AliasRow* row = alias(p, region.toStdString());
    QVERIFY(row);
    QCOMPARE(row->today.bucket, std::string("default"));
    QCOMPARE(row->today.usd_per_gib, 0.085);
    QVERIFY(row->nearest && row->cheapest);
    QCOMPARE(QString::fromStdString(row->nearest->bucket), nearest);
    QVERIFY2(std::abs(*row->nearest->km - nearestKm) < 0.5,
             qPrintable(QString::number(*row->nearest->km)));
    QCOMPARE(QString::fromStdString(row->cheapest->bucket), cheapest);
    QVERIFY(row->recommended);
    QCOMPARE(QString::fromStdString(row->recommended->bucket), recommended);
    // Regions with a bucket get no alias row.
    QVERIFY(!alias(p, "a") && !alias(p, "b") && !alias(p, "c"));
}

void TestPlacementPlan::keepsTodayWhenNothingIsCheaper() {
    Fixture f;
    f.in.prices.cloudfront_internet = 0.01; // the default beats every bucket
    const Plan p = make_plan(f.in);
    const AliasRow* row = alias(p, "x");
    QVERIFY(row && row->nearest);
    QVERIFY(!row->recommended);
    auto map = plan_bucket_map(f.map, p);
    QVERIFY(map);
    QVERIFY(!map->for_region("y"));
}

void TestPlacementPlan::candidates_data() {
    QTest::addColumn<QString>("region");
    QTest::addColumn<double>("gib");
    QTest::addColumn<QString>("from");
    QTest::addColumn<double>("saved");
    QTest::addColumn<double>("storage");
    QTest::addColumn<double>("copyOnce");
    QTest::addColumn<double>("net");
    QTest::addColumn<double>("breakEven");
    // Store 100 GiB, horizon 10 months; the default costs $0.085/GiB today.
    // x: 100 GiB × 0.085 = 8.5 saved; 100 × 0.04 storage; copy from A (4°)
    //    100 × 0.02 = 2 once, 0.2 a month; net 4.3; break-even 4.2 / 0.085.
    QTest::newRow("x") << "x" << 100.0 << "A" << 8.5 << 4.0 << 2.0 << 4.3 << 4.2 / 0.085;
    // w: 50 × 0.085 = 4.25; storage 3; copy from B (2°, $0.05) 5 once, 0.5
    //    a month; net 0.75; break-even 3.5 / 0.085.
    QTest::newRow("w") << "w" << 50.0 << "B" << 4.25 << 3.0 << 5.0 << 0.75 << 3.5 / 0.085;
    // y: no traffic; copy from A (tie with B at 5°: by name) 2 once;
    //    net -(1 + 0.2); break-even 1.2 / 0.085.
    QTest::newRow("y, no traffic, copy-source tie")
        << "y" << 0.0 << "A" << 0.0 << 1.0 << 2.0 << -1.2 << 1.2 / 0.085;
}

void TestPlacementPlan::candidates() {
    QFETCH(QString, region);
    QFETCH(double, gib);
    QFETCH(QString, from);
    QFETCH(double, saved);
    QFETCH(double, storage);
    QFETCH(double, copyOnce);
    QFETCH(double, net);
    QFETCH(double, breakEven);
    Fixture f;
    const Plan p = make_plan(f.in);
    const PlacementCandidate* c = candidate(p, region.toStdString());
    QVERIFY(c);
    QVERIFY(near(c->gib_month, gib));
    QCOMPARE(QString::fromStdString(c->replicate_from.bucket), from);
    QVERIFY2(near(c->egress_saving_month, saved),
             qPrintable(QString::number(c->egress_saving_month)));
    QVERIFY(near(c->storage_month, storage));
    QVERIFY(near(c->replication_once, copyOnce));
    QVERIFY(near(c->replication_month, copyOnce / 10));
    QVERIFY2(near(c->net_month, net), qPrintable(QString::number(c->net_month)));
    QVERIFY(c->break_even_gib_month);
    QVERIFY2(near(*c->break_even_gib_month, breakEven),
             qPrintable(QString::number(*c->break_even_gib_month)));
}

void TestPlacementPlan::ranking() {
    Fixture f;
    const Plan p = make_plan(f.in);
    QStringList order;
    for (const auto& c : p.candidates)
        order << QString::fromStdString(c.region);
    // Regions that host a bucket are no candidates; z is not in the catalogue.
    QCOMPARE(order, QStringList({"x", "w", "y"}));
    QVERIFY(p.chosen() && p.chosen()->region == "x");
    // A larger store makes w's storage outweigh its savings; x still leads.
    f.in.assumptions.store_bytes = std::uint64_t(150 * kGiB);
    const Plan q = make_plan(f.in);
    QVERIFY(candidate(q, "w")->net_month < 0);
    // Equal net savings rank by name.
    f.in.traffic = {};
    f.in.assumptions.store_bytes = 0;
    const Plan r = make_plan(f.in);
    QCOMPARE(r.candidates.size(), std::size_t(3));
    QCOMPARE(r.candidates[0].region, std::string("w"));
    QCOMPARE(r.candidates[1].region, std::string("x"));
    QCOMPARE(r.candidates[2].region, std::string("y"));
    QVERIFY(!r.chosen()); // saves nothing
}

void TestPlacementPlan::trafficDaysScaleToAMonth() {
    Fixture f;
    f.in.assumptions.traffic_days = 15; // half a month of traffic
    const Plan p = make_plan(f.in);
    QVERIFY(near(candidate(p, "x")->gib_month, 200));
    QVERIFY(near(alias(p, "w")->gib_month, 100));
    QCOMPARE(p.month_factor, 2.0);
}

void TestPlacementPlan::notInCatalogueIsReportedNeverGuessed() {
    Fixture f;
    const Plan p = make_plan(f.in);
    QCOMPARE(p.not_in_catalogue, std::vector<std::string>({"z"}));
    // A bucket whose home the catalogue lacks is reported and never a target.
    auto odd = BucketMap::create("https://default.example", {{"A", "https://a.example", {"a"}},
                                                             {"Q", "https://q.example", {"q"}}});
    QVERIFY(odd);
    f.map = *odd;
    const Plan q = make_plan(f.in);
    QCOMPARE(q.not_in_catalogue, std::vector<std::string>({"q", "z"}));
    for (const auto& a : q.aliases)
        QVERIFY(a.nearest->bucket == "A" && a.cheapest->bucket == "A");
    QVERIFY(!alias(p, "z"));
    QVERIFY(!candidate(p, "z"));
    // Its traffic still counts in the total: it is real traffic.
    QVERIFY(near(p.gib_month, 157));
}

void TestPlacementPlan::bucketMapLoadsBackAndValidates() {
    Fixture f;
    const Plan p = make_plan(f.in);
    auto map = plan_bucket_map(f.map, p);
    QVERIFY2(map, map ? "" : map.error().what().c_str());
    auto back = BucketMap::from_json(map->to_json(), "plan.json");
    QVERIFY2(back, back ? "" : back.error().what().c_str());
    QVERIFY(*back == *map);
    QCOMPARE(back->for_region("x")->name, std::string("x"));
    QCOMPARE(back->for_region("x")->url, production_bucket_url("x"));
    QCOMPARE(back->for_region("y")->name, std::string("A"));
    QCOMPARE(back->for_region("w")->name, std::string("A"));
    QVERIFY(!back->for_region("z"));
    QCOMPARE(back->default_url(), std::string("https://default.example"));
}

void TestPlacementPlan::chosenRegionLeavesTheBucketItWasAliasedTo() {
    Fixture f;
    f.map = buckets({"a"}, {"b", "x"}); // x served by B today, $0.05/GiB
    f.in.traffic = {{"x", 1000, std::uint64_t(1000 * kGiB)}};
    const Plan p = make_plan(f.in);
    const PlacementCandidate* x = candidate(p, "x");
    QCOMPARE(x->today.bucket, std::string("B"));
    QVERIFY(near(x->egress_saving_month, 50));
    QVERIFY(p.chosen() && p.chosen()->region == "x");
    QVERIFY(!alias(p, "x")); // it has a bucket (an alias), so no alias row
    auto map = plan_bucket_map(f.map, p);
    QVERIFY(map);
    QCOMPARE(map->for_region("x")->name, std::string("x"));
    for (const auto& b : map->buckets())
        if (b.name == "B") QCOMPARE(b.regions, std::vector<std::string>({"b"}));
}

void TestPlacementPlan::nothingChosenWhenNothingSaves() {
    Fixture f;
    f.in.traffic = {};
    const Plan p = make_plan(f.in);
    QVERIFY(!p.chosen());
    auto map = plan_bucket_map(f.map, p);
    QVERIFY(map);
    QCOMPARE(map->buckets().size(), f.map.buckets().size());
}

void TestPlacementPlan::trafficFromSimulation() {
    SimulationResult r;
    const auto row = [](Backend b, const char* bucket, const char* cloud, const char* region,
                        std::uint64_t n) {
        Aggregate a;
        a.backend = b;
        a.bucket = bucket;
        a.cloud = cloud;
        a.region = region;
        a.status = 307;
        a.requests = n;
        a.bytes = n * 10;
        return a;
    };
    r.rows = {row(Backend::S3, "B", "AWS", "x", 3), row(Backend::Default, "default", "AWS", "x", 2),
              row(Backend::Upstream, "upstream", "AWS", "x", 100), // blob missing: no bucket helps
              row(Backend::S3, "A", "GCP", "x", 50),               // another cloud's client
              row(Backend::Default, "default", "AWS", "w", 4)};
    const auto t = aws_blob_traffic(r);
    QCOMPARE(t.size(), std::size_t(2));
    QCOMPARE(t[0].region, std::string("w"));
    QCOMPARE(t[0].requests, std::uint64_t(4));
    QCOMPARE(t[1].region, std::string("x"));
    QCOMPARE(t[1].requests, std::uint64_t(5));
    QCOMPARE(t[1].bytes, std::uint64_t(50));
    const auto flows = traffic_flows(r, buckets());
    QCOMPARE(flows.size(), std::size_t(3));
    QCOMPARE(flows[0].from, std::string("w")); // 40 bytes first
    QCOMPARE(flows[0].to, std::string(""));    // the default has no place
    QCOMPARE(flows[1].to, std::string("b"));   // bucket B lives in b
    QCOMPARE(flows[1].bytes, std::uint64_t(30));
}

void TestPlacementPlan::storeSizeAssumption() {
    PlannerSettings s;
    PlanAssumptions a = plan_assumptions(s, nullptr);
    QCOMPARE(a.store_bytes, std::uint64_t(1) << 40);
    QVERIFY(QString::fromStdString(a.store_basis).contains("assumed"));
    auto inv = BlobInventory::parse("digest,size,buckets\nsha256:aa,1000,\nsha256:bb,24,\n",
                                    "inv.csv", buckets());
    QVERIFY(inv);
    a = plan_assumptions(s, &*inv);
    QCOMPARE(a.store_bytes, std::uint64_t(1024));
    QVERIFY(QString::fromStdString(a.store_basis).contains("inventory"));
    s.store_bytes = 5;
    a = plan_assumptions(s, &*inv);
    QCOMPARE(a.store_bytes, std::uint64_t(5));
    QCOMPARE(a.store_basis, std::string("given"));
}

void TestPlacementPlan::reportsCarryTheAssumptions() {
    Fixture f;
    f.in.traffic_source = "traffic.csv";
    f.in.assumptions.store_basis = "given";
    const Plan p = make_plan(f.in);
    const QString text = QString::fromStdString(plan_report(p, PlanFormat::Text));
    QVERIFY2(text.contains("Best next bucket: x"), qPrintable(text));
    QVERIFY(text.contains("traffic: traffic.csv"));
    QVERIFY(text.contains("store: 100.00 GiB (given)"));
    QVERIFY(text.contains("amortised over 10 months"));
    QVERIFY(text.contains("Not in the catalogue") && text.contains(" z"));

    const auto json = boost::json::parse(plan_report(p, PlanFormat::Json, 2));
    QCOMPARE(json.at("chosen").as_string(), "x");
    QCOMPARE(json.at("candidates").as_array().size(), std::size_t(2)); // --top 2
    QCOMPARE(json.at("candidates").as_array()[1].at("region").as_string(), "w");
    QVERIFY(std::abs(json.at("candidates").as_array()[0].at("net_month").to_number<double>() -
                     4.3) < 1e-9);
    QCOMPARE(json.at("aliases").as_array().size(), std::size_t(3));
    QCOMPARE(json.at("not_in_catalogue").as_array()[0].as_string(), "z");
    QCOMPARE(json.at("assumptions").at("store").as_string(), "100.00 GiB (given)");

    const QStringList csv =
        QString::fromStdString(plan_report(p, PlanFormat::Csv)).split('\n', Qt::SkipEmptyParts);
    QCOMPARE(csv.filter(QRegularExpression("^alias,")).size(), 3);
    QCOMPARE(csv.filter(QRegularExpression("^candidate,")).size(), 3);
    QVERIFY(csv.filter(QRegularExpression("^# store: ")).size() == 1);
    QCOMPARE(csv.filter(QRegularExpression("^candidate,1,x,100,default,0.085,x,0,0,8.5,4,0.2,4.3,"))
                 .size(),
             1);

    const QString md = QString::fromStdString(plan_report(p, PlanFormat::Markdown));
    QVERIFY(md.contains("**Best next bucket: x**"));
    QVERIFY(md.contains("| 1 | x |"));
    QVERIFY(md.contains("- **store**: 100.00 GiB (given)"));
}

void TestPlacementPlan::mapSites() {
    const auto sites = map_sites(catalogue(), buckets({"a", "y"}));
    QCOMPARE(sites.size(), std::size_t(6));
    std::map<std::string, MapSite::Kind> kinds;
    for (const auto& s : sites)
        kinds[s.region] = s.kind;
    QCOMPARE(kinds["a"], MapSite::Kind::Bucket);
    QCOMPARE(kinds["y"], MapSite::Kind::Aliased);
    QCOMPARE(kinds["x"], MapSite::Kind::Bucketless);
}

// The built-in demo: the planner traffic through the demo workspace.
void TestPlacementPlan::demoPlan() {
    auto sets = demo::range_sets();
    QVERIFY(sets);
    auto router = Router::create(PrefixTable::build(*sets), demo::workspace().buckets,
                                 demo::workspace().settings);
    QVERIFY(router);
    AllBlobsPresent all;
    Scenario s;
    s.router = &*router;
    s.presence = &all;
    auto sim = simulate_text(demo::file("planner-traffic.csv"), "demo", s);
    QVERIFY(sim);
    const Plan p = make_plan(plan_inputs(*sim, *router, PriceTable{}, builtin::region_catalogue(),
                                         plan_assumptions({}, &all), s.default_blob_bytes));
    QVERIFY(p.chosen());
    QCOMPARE(p.chosen()->region, std::string("us-gov-west-1"));
    QCOMPARE(p.not_in_catalogue, std::vector<std::string>({"GLOBAL", "me-west-1"}));
    QVERIFY(alias(p, "us-gov-west-1"));
    QCOMPARE(alias(p, "us-gov-west-1")->nearest->bucket, std::string("us-west-2"));
}

QTEST_GUILESS_MAIN(TestPlacementPlan)
#include "tst_placement_plan.moc"
