// A group's top clients and prefixes, by a second pass, in bounded memory.

#include "core/ranges/range_loader.h"
#include "core/simulate/drill_down.h"

#include <QTemporaryDir>
#include <QTest>

using namespace ociproxy;

namespace {

Router make_router() {
    auto set = parse_ranges("35.180.0.0/16,AWS,eu-west-3\n35.181.0.0/16,AWS,eu-west-3\n"
                            "52.95.0.0/16,AWS,us-east-1\n",
                            "t.csv");
    auto bm = BucketMap::create("https://cdn.example.com",
                                {{"eu", "https://eu.example.com", {"eu-west-3"}}});
    return std::move(Router::create(PrefixTable::build(std::span(&*set, 1)), *bm, {})).value();
}

const std::string kBlob = "/v2/p/blobs/sha256:" + std::string(64, 'a');

} // namespace

class TestDrillDown : public QObject {
    Q_OBJECT
private slots:
    void groupTopClientsAndPrefixes();
    void unmatchedClients();
    void topCounterKeepsHeavyHittersInBoundedMemory();
};

void TestDrillDown::groupTopClientsAndPrefixes() {
    const Router router = make_router();
    AllBlobsPresent all;
    Scenario s{&router, &all, {}, 1000};
    const std::string text = "ip,method,path,count\n"
                             "35.180.1.1,GET," +
                             kBlob +
                             ",5\n"
                             "35.181.2.2,GET," +
                             kBlob +
                             ",2\n"
                             "35.181.2.2,HEAD," +
                             kBlob +
                             ",4\n"
                             "52.95.1.1,GET," +
                             kBlob +
                             ",9\n"
                             "203.0.113.9,GET," +
                             kBlob + ",3\n";
    auto sim = simulate_text(text, "t.csv", s);
    QVERIFY(sim);
    const Aggregate* eu = nullptr;
    for (const auto& a : sim->rows)
        if (a.bucket == "eu") eu = &a;
    QVERIFY(eu);
    auto d = drill_down_text(text, "t.csv", s, DrillFilter::of(*eu), 10, 64);
    QVERIFY2(d, d ? "" : d.error().what().c_str());
    // The group's totals are the simulation's row.
    QCOMPARE(d->requests, eu->requests);
    QCOMPARE(d->bytes, eu->bytes);
    QCOMPARE(d->requests, std::uint64_t(11));
    QCOMPARE(d->bytes, std::uint64_t(7000)); // the HEADs move nothing
    QVERIFY(d->clients_exact);
    QCOMPARE(d->clients_by_requests.size(), std::size_t(2));
    QCOMPARE(d->clients_by_requests[0].key, std::string("35.181.2.2"));
    QCOMPARE(d->clients_by_requests[0].weight, std::uint64_t(6));
    QCOMPARE(d->clients_by_bytes[0].key, std::string("35.180.1.1"));
    QCOMPARE(d->clients_by_bytes[0].weight, std::uint64_t(5000));
    QCOMPARE(d->prefixes.size(), std::size_t(2));
    QCOMPARE(d->prefixes[0].key, std::string("35.181.0.0/16 (AWS eu-west-3)"));
    QCOMPARE(d->prefixes[0].requests, std::uint64_t(6));
    QCOMPARE(d->prefixes[1].bytes, std::uint64_t(5000));
    QCOMPARE(drill_clients_csv(*d),
             std::string("client,requests,bytes,overcount\n35.181.2.2,6,2000,0\n"
                         "35.180.1.1,5,5000,0\n"));
    QCOMPARE(DrillFilter::of(*eu).describe(),
             std::string("backend s3, bucket eu, cloud AWS, region eu-west-3, status 307"));
}

void TestDrillDown::unmatchedClients() {
    const Router router = make_router();
    AllBlobsPresent all;
    Scenario s{&router, &all, {}, 1000};
    auto d = drill_down_text("203.0.113.9 3\n35.180.1.1 4\n198.51.100.7 5\n203.0.113.9 1\n",
                             "ips.txt", s, DrillFilter::unmatched(), 10, 64);
    QVERIFY2(d, d ? "" : d.error().what().c_str());
    QCOMPARE(d->requests, std::uint64_t(9));
    QCOMPARE(d->clients_by_requests.size(), std::size_t(2));
    QCOMPARE(d->clients_by_requests[0].key, std::string("198.51.100.7"));
    QCOMPARE(d->clients_by_requests[1].weight, std::uint64_t(4));
    QVERIFY(d->prefixes.empty());
    QCOMPARE(d->group, std::string("clients in no published range"));
    // A file that is not there is named.
    auto missing = drill_down_file("/nonexistent/t.txt", s, DrillFilter::unmatched(), 10, 64);
    QVERIFY(!missing);
    QCOMPARE(missing.error().location, std::string("/nonexistent/t.txt"));
}

void TestDrillDown::topCounterKeepsHeavyHittersInBoundedMemory() {
    // 64 counters: every key above 114 000 / 64 ≈ 1 781 is kept.
    TopCounter c(64);
    // 100 000 distinct light keys around two heavy ones.
    for (int i = 0; i < 100000; ++i) {
        c.add("light" + std::to_string(i), 1, 1, 0);
        if (i % 10 == 0) c.add("heavy", 1, 1, 0);
        if (i % 25 == 0) c.add("second", 1, 1, 0);
    }
    QCOMPARE(c.size(), std::size_t(64)); // never more counters than asked
    QVERIFY(!c.exact());
    const auto top = c.top(2);
    QCOMPARE(top[0].key, std::string("heavy"));
    QCOMPARE(top[1].key, std::string("second"));
    // Over by at most its overcount, never under.
    QVERIFY(top[0].weight >= 10000 && top[0].weight - top[0].overcount <= 10000);
}

QTEST_APPLESS_MAIN(TestDrillDown)
#include "tst_drill_down.moc"
