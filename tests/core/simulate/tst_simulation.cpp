// Aggregates checked against hand-computed numbers on small inputs.

#include "core/digest/sha256.h"
#include "core/ranges/range_loader.h"
#include "core/simulate/simulation.h"
#include "core/table/address_batch.h"
#include "tests/test_support.h"

#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <set>

using namespace ociproxy;

namespace {

constexpr double kGiB = 1024.0 * 1024 * 1024;

Router make_router() {
    auto set = parse_ranges("35.180.0.0/16,AWS,eu-west-3\n52.95.0.0/16,AWS,us-east-1\n"
                            "3.2.0.0/16,AWS,xx-none-1\n34.80.0.0/15,GCP,asia-east1\n",
                            "t.csv");
    auto bm = BucketMap::create("https://cdn.example.com",
                                {{"eu", "https://eu.example.com", {"eu-west-3"}}});
    return std::move(Router::create(PrefixTable::build(std::span(&*set, 1)), *bm, {})).value();
}

const Aggregate* find(const std::vector<Aggregate>& rows, std::string_view bucket,
                      std::string_view region = {}) {
    for (const auto& a : rows)
        if (a.bucket == bucket && (region.empty() || a.region == region)) return &a;
    return nullptr;
}

} // namespace

class TestSimulation : public QObject {
    Q_OBJECT
private slots:
    void ipListAggregatesExactly();
    void ipListCountsMixedWithBareLines_data();
    void ipListCountsMixedWithBareLines();
    void csvRowsWithPathsAndBytes();
    void sameAnswerOnEveryThreadCount();
    void headMovesNoBytes();
    void fileStreamsAndReportsBadLines();
    void cloudLoggingArrayReadsLikeJsonLines_data();
    void cloudLoggingArrayReadsLikeJsonLines();
    void cloudLoggingArrayErrorsNameTheLine_data();
    void cloudLoggingArrayErrorsNameTheLine();
    void largeCloudLoggingArrayStreams();
    void cancelStops();
    void inputIsHashedAsRead();
    void compareMovesTrafficBetweenScenarios();
    void changedLinesKeepTheirNumbersPastTheFirstBlock();
    void compareRealAwsSnapshots();
};

void TestSimulation::ipListAggregatesExactly() {
    const Router router = make_router();
    AllBlobsPresent all;
    Scenario s{&router, &all, {}, 1ull << 30};
    // eu-west-3 client → eu bucket, same region: free. us-east-1 client →
    // default (CloudFront) at 0.085/GiB. GCP → upstream, free. No range →
    // default at 0.085.
    auto r = simulate_text("35.180.1.1 3\n52.95.7.7\n34.80.1.1 2\n203.0.113.9\n", "t", s);
    QVERIFY2(r, r ? "" : r.error().what().c_str());
    QCOMPARE(r->format, TrafficFormat::IpList);
    QCOMPARE(r->lines, 4ull);
    QCOMPARE(r->requests, 7ull);
    QCOMPARE(r->bytes, 7ull << 30);
    QVERIFY(qAbs(r->usd - 2 * 0.085) < 1e-9);
    const auto* eu = find(r->rows, "eu");
    QVERIFY(eu && eu->requests == 3 && eu->backend == Backend::S3 && eu->usd == 0);
    const auto* def = find(r->rows, "default", "us-east-1");
    QVERIFY(def && def->requests == 1 && def->backend == Backend::Default);
    const auto* up = find(r->rows, "upstream");
    QVERIFY(up && up->requests == 2 && up->cloud == "GCP");
    const auto by = r->rollup(SimulationResult::By::Backend);
    QCOMPARE(by.size(), std::size_t(3));
    QCOMPARE(by[0].backend, Backend::S3); // most bytes first: 3 GiB, then 2 and 2
    QCOMPARE(by[0].bytes, 3ull << 30);
}

void TestSimulation::ipListCountsMixedWithBareLines_data() {
    QTest::addColumn<int>("bare");  // bare lines before each counted one
    QTest::addColumn<int>("count"); // a counted line's count
    QTest::addColumn<int>("groups");
    QTest::newRow("count after a few bare lines") << 3 << 5 << 4;
    // Sizes from the batch's, so that the lines cross its end whatever it is.
    const int batch = int(AddressBatch::kSize);
    QTest::newRow("count after a batch of bare lines") << batch + 44 << 7 << 3;
    QTest::newRow("count of one") << 2 << 1 << 200;
    QTest::newRow("bare lines only") << 2 * batch + 488 << 0 << 1;
}

// A batch of bare lines is counted one request each without keeping the
// lines (the fast path): a counted line arriving later in the same batch
// must not lose the earlier lines' requests, nor have them counted twice.
void TestSimulation::ipListCountsMixedWithBareLines() {
    QFETCH(int, bare);
    QFETCH(int, count);
    QFETCH(int, groups);
    const Router router = make_router();
    AllBlobsPresent all;
    Scenario s{&router, &all, {}, 1000};
    // Bare lines alternate eu-west-3, us-east-1, none (IPv4 and IPv6) and
    // GCP clients; counted lines are eu-west-3 clients.
    const char* const bare_ips[] = {"35.180.1.1", "52.95.7.7", "203.0.113.9", "2001:db8::1",
                                    "34.80.1.1"};
    std::string text;
    std::uint64_t requests = 0, eu = 0;
    for (int g = 0; g < groups; ++g) {
        for (int i = 0; i < bare; ++i) {
            text += bare_ips[i % 5];
            text += '\n';
            ++requests;
            eu += i % 5 == 0;
        }
        if (count == 0) continue;
        text += "35.180.9.9 " + std::to_string(count) + "\n";
        requests += std::uint64_t(count);
        eu += std::uint64_t(count);
    }
    auto r = simulate_text(text, "t", s);
    QVERIFY2(r, r ? "" : r.error().what().c_str());
    QCOMPARE(r->requests, requests);
    const auto* e = find(r->rows, "eu");
    QVERIFY(e);
    QCOMPARE(e->requests, eu);
    std::uint64_t sum = 0;
    for (const auto& row : r->rows)
        sum += row.requests;
    QCOMPARE(sum, requests);
}

// DESIGN §5: a HEAD moves no bytes, whether the size would come from the
// default layer size or from the row itself.
void TestSimulation::headMovesNoBytes() {
    const Router router = make_router();
    AllBlobsPresent all;
    Scenario s{&router, &all, {}, 32ull << 20};
    auto r = simulate_text("ip,path,method,count,bytes\n"
                           "35.180.1.1,/v2/a/blobs/sha256:1,HEAD,4,\n"
                           "52.95.7.7,/v2/a/blobs/sha256:1,HEAD,1,5000\n"
                           "52.95.7.7,/v2/a/blobs/sha256:1,GET,1,\n",
                           "t", s);
    QVERIFY2(r, r ? "" : r.error().what().c_str());
    QCOMPARE(r->requests, 6ull);
    QCOMPARE(r->bytes, 32ull << 20); // the one GET
    QVERIFY(qAbs(r->usd - 0.085 * (32.0 / 1024)) < 1e-12);
}

void TestSimulation::csvRowsWithPathsAndBytes() {
    const Router router = make_router();
    NoBlobsPresent none; // every blob falls back to upstream
    Scenario s{&router, &none, {}, 100};
    const char* text = "xff,path,method,count,bytes\n"
                       "\"35.180.1.1, 130.211.0.1\",/v2/a/blobs/sha256:1,GET,2,1073741824\n"
                       "\"35.180.1.1, 130.211.0.1\",/v2/a/manifests/latest,GET,5,\n"
                       "35.180.1.1,/v2/a/blobs/sha256:1,GET,1,\n"
                       "\"x, 130.211.0.1\",/v2/a/blobs/sha256:1,GET,1,\n";
    auto r = simulate_text(text, "t.csv", s);
    QVERIFY(r);
    QCOMPARE(r->format, TrafficFormat::Csv);
    QCOMPARE(r->requests, 9ull);
    // 2 blob GETs of 1 GiB to upstream from an AWS client: 2 × 0.12.
    QVERIFY(qAbs(r->usd - 0.24) < 1e-9);
    const auto* bad = find(r->rows, "none");
    QVERIFY(bad); // one XFF entry: 400
    QCOMPARE(bad->status, 400);
    QCOMPARE(bad->requests, 2ull); // the single-entry XFF and the unparseable one
    std::uint64_t manifests = 0;
    for (const auto& a : r->rows)
        if (a.status == 307 && a.backend == Backend::Upstream && a.bytes == 0)
            manifests += a.requests;
    QCOMPARE(manifests, 5ull);
}

void TestSimulation::sameAnswerOnEveryThreadCount() {
    const Router router = make_router();
    AllBlobsPresent all;
    Scenario s{&router, &all, {}, 1000};
    std::string text;
    for (int i = 0; i < 300000; ++i)
        text += std::to_string(35 + i % 20) + "." + std::to_string(i % 256) + ".1." +
                std::to_string(i % 250) + "\n";
    SimulationOptions one;
    one.threads = 1;
    SimulationOptions four;
    four.threads = 4;
    auto a = simulate_text(text, "t", s, one);
    auto b = simulate_text(text, "t", s, four);
    QVERIFY(a && b);
    QCOMPARE(a->requests, b->requests);
    QCOMPARE(a->rows.size(), b->rows.size());
    for (std::size_t i = 0; i < a->rows.size(); ++i) {
        QCOMPARE(a->rows[i].bucket, b->rows[i].bucket);
        QCOMPARE(a->rows[i].requests, b->rows[i].requests);
    }
}

void TestSimulation::fileStreamsAndReportsBadLines() {
    QTemporaryDir dir;
    QFile f(dir.filePath("ips.txt"));
    QVERIFY(f.open(QIODevice::WriteOnly));
    // Longer than one read block, so lines cross block edges.
    for (int i = 0; i < 400000; ++i)
        f.write(i == 123456 ? "nonsense here\n" : "35.180.1.1 2\n");
    f.close();
    const Router router = make_router();
    AllBlobsPresent all;
    Scenario s{&router, &all, {}, 1};
    std::uint64_t progress = 0;
    SimulationOptions o;
    o.progress = [&progress](std::uint64_t done, std::uint64_t) {
        progress = std::max(progress, done);
    };
    auto r = simulate_file(f.fileName().toStdString(), s, o);
    QVERIFY(r);
    QCOMPARE(r->lines, 400000ull);
    QCOMPARE(r->requests, 2ull * 399999);
    QCOMPARE(r->bad_lines, 1ull);
    QCOMPARE(r->issues.size(), std::size_t(1));
    QCOMPARE(r->issues[0].line, std::size_t(123457));
    QCOMPARE(progress, std::uint64_t(f.size()));

    auto missing = simulate_file(dir.filePath("nope.txt").toStdString(), s);
    QVERIFY(!missing);
    QVERIFY(missing.error().what().find("nope.txt") != std::string::npos);
    auto notTraffic = simulate_text("hello world\n", "x.txt", s);
    QVERIFY(!notTraffic);
    QVERIFY(notTraffic.error().what().starts_with("x.txt:1:"));
}

namespace {

// One Cloud Logging entry as `gcloud logging read --format=json` prints it:
// pretty-printed, with strings that hold brackets, quotes and escapes.
std::string logging_entry(int i, bool pretty) {
    const std::string ip = i % 3 == 0   ? "35.180.1." + std::to_string(i % 250)
                           : i % 3 == 1 ? "52.95.2.2"
                                        : "34.80.9.9";
    const std::string method = i % 5 == 0 ? "HEAD" : "GET";
    const std::string nl = pretty ? "\n" : "";
    const std::string in = pretty ? "    " : "";
    return "{" + nl + in + "\"httpRequest\": {" + nl + in + in + "\"remoteIp\": \"" + ip + "\"," +
           nl + in + in + "\"requestMethod\": \"" + method + "\"," + nl + in + in +
           "\"requestUrl\": \"https://registry.k8s.io/v2/pause/blobs/sha256:" +
           std::to_string(1000 + i) + "\"," + nl + in + in +
           "\"userAgent\": \"x {\\\"a\\\": [1]} ]} \\\\ \\n\"" + nl + in + "}," + nl + in +
           "\"jsonPayload\": {\"list\": [{\"k\": \"]\"}, {\"k\": \"{[\"}]}" + nl + "}";
}

std::string logging_array(int n, bool pretty) {
    std::string s = pretty ? "[\n" : "[";
    for (int i = 0; i < n; ++i)
        s += (i ? (pretty ? ",\n" : ",") : "") + logging_entry(i, pretty);
    return s + (pretty ? "\n]\n" : "]");
}

std::string logging_lines(int n) {
    std::string s;
    for (int i = 0; i < n; ++i)
        s += logging_entry(i, false) + "\n";
    return s;
}

} // namespace

void TestSimulation::cloudLoggingArrayReadsLikeJsonLines_data() {
    QTest::addColumn<bool>("pretty");
    QTest::addColumn<QByteArray>("before"); // a BOM or blank lines before the '['
    QTest::newRow("gcloud --format=json") << true << QByteArray();
    QTest::newRow("one line") << false << QByteArray();
    QTest::newRow("BOM and blank lines") << true << QByteArray("\xEF\xBB\xBF\n\n  ");
}

// DESIGN §5: the array that gcloud and the Logs Explorer write is read as the
// same entries as JSON lines, to the same totals.
void TestSimulation::cloudLoggingArrayReadsLikeJsonLines() {
    QFETCH(bool, pretty);
    QFETCH(QByteArray, before);
    const Router router = make_router();
    AllBlobsPresent all;
    Scenario s{&router, &all, {}, 1000};
    auto lines = simulate_text(logging_lines(40), "t.jsonl", s);
    auto array = simulate_text(before.toStdString() + logging_array(40, pretty), "t.json", s);
    QVERIFY(lines);
    QVERIFY2(array, array ? "" : array.error().what().c_str());
    QCOMPARE(int(array->format), int(TrafficFormat::CloudLogging));
    QCOMPARE(array->requests, 40ull);
    QCOMPARE(array->bad_lines, 0ull);
    QCOMPARE(array->requests, lines->requests);
    QCOMPARE(array->bytes, lines->bytes); // the HEADs moved nothing here too
    QCOMPARE(array->rows.size(), lines->rows.size());
    for (std::size_t i = 0; i < lines->rows.size(); ++i) {
        QCOMPARE(array->rows[i].bucket, lines->rows[i].bucket);
        QCOMPARE(array->rows[i].requests, lines->rows[i].requests);
    }
}

void TestSimulation::cloudLoggingArrayErrorsNameTheLine_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("location");
    QTest::addColumn<QString>("message");
    const QByteArray one = QByteArray::fromStdString(logging_entry(1, true));
    // An entry is 9 lines: after "[\n" it takes lines 2 to 10.
    QTest::newRow("cut off: where the last entry starts")
        << "[\n" + one + ",\n{\"httpRequest\": {\n \"remoteIp\": \"x\"\n"
        << "t.json:11"
        << "ends early";
    QTest::newRow("text after") << "[\n" + one + "]\n\n\nmore"
                                << "t.json:13"
                                << "after the end";
    QTest::newRow("not an object") << "[\n" + one + ",\n\n 17\n]"
                                   << "t.json:12"
                                   << "expected an object";
    QTest::newRow("empty array") << QByteArray("[ ]") << "t.json"
                                 << "no traffic";
}

void TestSimulation::cloudLoggingArrayErrorsNameTheLine() {
    QFETCH(QByteArray, text);
    QFETCH(QString, location);
    QFETCH(QString, message);
    const Router router = make_router();
    AllBlobsPresent all;
    Scenario s{&router, &all, {}, 1};
    auto r = simulate_text(text.toStdString(), "t.json", s);
    QVERIFY(!r);
    QCOMPARE(QString::fromStdString(r.error().location), location);
    QVERIFY2(QString::fromStdString(r.error().message).contains(message),
             r.error().message.c_str());
}

// An export larger than a read block, elements across block edges, on two
// threads: every entry once, and a bad entry reported at the line it starts on.
void TestSimulation::largeCloudLoggingArrayStreams() {
    QTemporaryDir dir;
    QFile f(dir.filePath("export.json"));
    QVERIFY(f.open(QIODevice::WriteOnly));
    const int n = 30000;
    f.write("[\n");
    int line = 2, bad_line = 0;
    for (int i = 0; i < n; ++i) {
        if (i) f.write(",\n");
        const std::string e =
            i == 20000 ? "{\n    \"insertId\": \"no request\"\n}" : logging_entry(i, true);
        if (i == 20000) bad_line = line;
        f.write(e.data(), qint64(e.size()));
        line += int(std::count(e.begin(), e.end(), '\n')) + 1;
    }
    f.write("\n]\n");
    f.close();
    QVERIFY(f.size() > 4 << 20); // more than one read block
    const Router router = make_router();
    AllBlobsPresent all;
    Scenario s{&router, &all, {}, 1};
    SimulationOptions o;
    o.threads = 2;
    auto r = simulate_file(f.fileName().toStdString(), s, o);
    QVERIFY2(r, r ? "" : r.error().what().c_str());
    QCOMPARE(r->lines, std::uint64_t(n));
    QCOMPARE(r->requests, std::uint64_t(n - 1));
    QCOMPARE(r->bad_lines, 1ull);
    QCOMPARE(r->issues.size(), std::size_t(1));
    QCOMPARE(r->issues[0].line, std::size_t(bad_line));
}

void TestSimulation::cancelStops() {
    const Router router = make_router();
    AllBlobsPresent all;
    Scenario s{&router, &all, {}, 1};
    std::string text;
    for (int i = 0; i < 2000000; ++i)
        text += "35.180.1.1\n";
    std::atomic<bool> cancel{true};
    SimulationOptions o;
    o.cancel = &cancel;
    auto r = simulate_text(text, "t", s, o);
    QVERIFY(!r);
    QCOMPARE(QString::fromStdString(r.error().message), QString("cancelled"));
}

void TestSimulation::compareMovesTrafficBetweenScenarios() {
    const Router a = make_router();
    // B adds a bucket for us-east-1: those clients move off the default URL.
    auto bm = BucketMap::create("https://cdn.example.com",
                                {{"eu", "https://eu.example.com", {"eu-west-3"}},
                                 {"virginia", "https://va.example.com", {"us-east-1"}}});
    auto set = parse_ranges("35.180.0.0/16,AWS,eu-west-3\n52.95.0.0/16,AWS,us-east-1\n"
                            "3.2.0.0/16,AWS,xx-none-1\n34.80.0.0/15,GCP,asia-east1\n",
                            "t.csv");
    const Router b =
        std::move(Router::create(PrefixTable::build(std::span(&*set, 1)), *bm, {})).value();
    AllBlobsPresent all;
    const Scenario sa{&a, &all, {}, 1ull << 30};
    const Scenario sb{&b, &all, {}, 1ull << 30};
    auto c = compare_text("35.180.1.1 3\n52.95.7.7 4\n34.80.1.1\n52.95.0.9\n", "t", sa, sb);
    QVERIFY2(c, c ? "" : c.error().what().c_str());
    QCOMPARE(c->a.requests, 9ull);
    QCOMPARE(c->b.requests, 9ull);
    // 5 requests from us-east-1 went default → virginia: 5 GiB at 0.085 saved
    // (S3 to a client in the bucket's own region costs nothing).
    const Movement* moved = nullptr;
    for (const auto& m : c->moves)
        if (m.from == "default" && m.to == "virginia") moved = &m;
    QVERIFY(moved);
    QCOMPARE(moved->requests, 5ull);
    QVERIFY(qAbs(moved->usd_a - 5 * 0.085) < 1e-9);
    QCOMPARE(moved->usd_b, 0.0);
    QVERIFY(qAbs((c->a.usd - c->b.usd) - 5 * 0.085) < 1e-9);
    std::uint64_t unchanged = 0;
    for (const auto& m : c->moves)
        if (m.from == m.to) unchanged += m.requests;
    QCOMPARE(unchanged, 4ull);
    QCOMPARE(c->changed.size(), std::size_t(2));
    QCOMPARE(c->changed[0].line, std::size_t(2));
    QCOMPARE(QString::fromStdString(c->changed[0].input), QString("52.95.7.7"));
    QCOMPARE(c->changed[1].line, std::size_t(4));
}

// A changed request names its own input line wherever its block starts:
// pending lines keep their place in the block until the table answers.
void TestSimulation::changedLinesKeepTheirNumbersPastTheFirstBlock() {
    const Router a = make_router();
    auto bm = BucketMap::create("https://cdn.example.com",
                                {{"eu", "https://eu.example.com", {"eu-west-3"}},
                                 {"virginia", "https://va.example.com", {"us-east-1"}}});
    auto set = parse_ranges("35.180.0.0/16,AWS,eu-west-3\n52.95.0.0/16,AWS,us-east-1\n", "t.csv");
    const Router b =
        std::move(Router::create(PrefixTable::build(std::span(&*set, 1)), *bm, {})).value();
    AllBlobsPresent all;
    const Scenario sa{&a, &all, {}, 1ull << 30};
    const Scenario sb{&b, &all, {}, 1ull << 30};
    std::string text;
    for (int i = 1; i <= 300000; ++i) // 3.3 MB: a dozen blocks
        text += i == 200001 ? "52.95.7.7\n" : i == 250001 ? "52.95.7.8 2\n" : "35.180.1.1\n";
    auto c = compare_text(text, "t", sa, sb);
    QVERIFY2(c, c ? "" : c.error().what().c_str());
    QCOMPARE(c->a.requests, 300001ull);
    QCOMPARE(c->changed.size(), std::size_t(2));
    QCOMPARE(c->changed[0].line, std::size_t(200001));
    QCOMPARE(QString::fromStdString(c->changed[0].input), QString("52.95.7.7"));
    QCOMPARE(c->changed[1].line, std::size_t(250001));
}

// Traffic: the first address of every IPv4 prefix the 2026 file added. Under
// each publication the expected bucket comes from an independent longest-
// match scan over the file's prefixes; compare() must move exactly the
// requests whose bucket differs.
void TestSimulation::compareRealAwsSnapshots() {
    REQUIRE_SHARED_DATA();
    auto old_set = load_range_file(test::shared_file("aws-ip-ranges-2025-07-14.json"));
    auto new_set = load_range_file(test::shared_file("aws-ip-ranges-2026-07-29.json"));
    QVERIFY(old_set && new_set);
    const auto v4 = [](const RangeSet& s) {
        std::vector<std::pair<IpPrefix, std::string>> out;
        for (const auto& e : s.entries)
            if (e.prefix.family() == Family::V4) out.emplace_back(e.prefix, e.region);
        return out;
    };
    const auto a = v4(*old_set), b = v4(*new_set);
    const auto bucket_of = [](const std::vector<std::pair<IpPrefix, std::string>>& ps,
                              const IpAddress& ip) {
        int best = -1;
        std::string region;
        for (const auto& [p, r] : ps)
            if (p.contains(ip) && p.length() > best) {
                best = p.length();
                region = r;
            }
        const Bucket* bk = best < 0 ? nullptr : BucketMap::production().for_region(region);
        return bk ? bk->name : std::string("default");
    };
    std::set<std::string> old_prefixes;
    for (const auto& [p, r] : a)
        old_prefixes.insert(p.to_string());
    std::string traffic;
    std::size_t lines = 0, expected_moves = 0;
    std::set<std::string> seen;
    for (const auto& [p, r] : b) {
        if (old_prefixes.count(p.to_string()) || !seen.insert(p.to_string()).second) continue;
        const IpAddress ip = p.network();
        traffic += ip.to_string() + "\n";
        ++lines;
        expected_moves += bucket_of(a, ip) != bucket_of(b, ip);
    }
    QVERIFY(lines > 100);
    auto ra =
        Router::create(PrefixTable::build(std::span(&*old_set, 1)), BucketMap::production(), {});
    auto rb =
        Router::create(PrefixTable::build(std::span(&*new_set, 1)), BucketMap::production(), {});
    AllBlobsPresent all;
    const Scenario sa{&*ra, &all, {}, 1};
    const Scenario sb{&*rb, &all, {}, 1};
    auto c = compare_text(traffic, "added.txt", sa, sb);
    QVERIFY2(c, c ? "" : c.error().what().c_str());
    QCOMPARE(c->a.requests, std::uint64_t(lines));
    std::uint64_t moved = 0;
    for (const auto& m : c->moves)
        if (m.from != m.to) moved += m.requests;
    QCOMPARE(moved, std::uint64_t(expected_moves));
    qInfo("%zu addresses of added AWS prefixes, %zu change bucket", lines, expected_moves);
}

void TestSimulation::inputIsHashedAsRead() {
    const Router router = make_router();
    AllBlobsPresent all;
    Scenario s{&router, &all, {}, 1000};
    // Several blocks' worth, so the digest spans reads.
    std::string text;
    for (int i = 0; i < 400000; ++i)
        text += "35.180." + std::to_string(i % 250) + ".1 2\n";
    QTemporaryDir dir;
    const QString path = dir.filePath("t.txt");
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(text.data(), qint64(text.size()));
    f.close();
    SimulationOptions o;
    auto plain = simulate_file(path.toStdString(), s, o);
    QVERIFY(plain);
    QVERIFY(plain->sha256.empty()); // not asked: no cost
    o.hash_input = true;
    o.threads = 2;
    auto hashed = simulate_file(path.toStdString(), s, o);
    QVERIFY(hashed);
    QCOMPARE(hashed->sha256, sha256_hex(text));
    QCOMPARE(hashed->requests, plain->requests);
    auto fromText = simulate_text(text, "t", s, o);
    QVERIFY(fromText);
    QCOMPARE(fromText->sha256, sha256_hex(text));
    // A Cloud Logging array is hashed as its bytes, not as the records made of it.
    const std::string array =
        R"([ {"httpRequest": {"remoteIp": "35.180.1.1", "requestMethod": "GET",
  "requestUrl": "https://registry.k8s.io/v2/"}} ])";
    auto arr = simulate_text(array, "a.json", s, o);
    QVERIFY2(arr, arr ? "" : arr.error().what().c_str());
    QCOMPARE(arr->sha256, sha256_hex(array));
}

QTEST_GUILESS_MAIN(TestSimulation)
#include "tst_simulation.moc"
