// Every series of DESIGN §6 moves by exactly what a known mix of traffic
// should move it by: counters, histogram counts and sums, gauges. A name
// that merely appears proves nothing; a wrong count fails here.

#include "core/metrics/prometheus_parser.h"
#include "resources/demo_data.h"
#include "tests/server/http_probe.h"
#include "tests/server/running_proxy.h"
#include "tests/server/test_bucket.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <chrono>
#include <set>

using namespace ociproxy;
using namespace ociproxy::test;

namespace {

using Labels = std::vector<std::pair<std::string, std::string>>;

// The sum of every sample of `name` carrying all of `want` (a partial
// label match; {} sums the whole metric).
double sum(const Scrape& s, const std::string& name, const Labels& want = {}) {
    double total = 0;
    for (const auto& m : s.samples) {
        if (m.name != name) continue;
        bool match = true;
        for (const auto& [k, v] : want)
            match = match && m.label(k) == v;
        if (match) total += m.value;
    }
    return total;
}

bool has(const Scrape& s, const std::string& name) {
    for (const auto& m : s.samples)
        if (m.name == name) return true;
    return false;
}

Scrape scrape(unsigned short admin_port) {
    Scrape s = parse_prometheus_text(scrape_metrics(admin_port));
    if (!s.issues.empty()) qFatal("malformed /metrics line %zu", s.issues.front().line);
    return s;
}

const std::string kBlob = "/v2/pause/blobs/sha256:";
const std::string kEuWest3Client = "35.180.1.1, 34.120.0.1"; // demo AWS eu-west-3, via the LB
const std::string kUnknownClient = "192.0.2.1, 34.120.0.1";  // in no range: the default
const std::string kGcpClient = "35.220.26.1, 34.120.0.1";    // demo GCP: upstream

} // namespace

class TestMetricsTruth : public QObject {
    Q_OBJECT
private slots:
    void everySeriesMovesByTheTraffic();
};

void TestMetricsTruth::everySeriesMovesByTheTraffic() {
    const double t_start =
        std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
    TestBucket regional, fallback;
    regional.set("sha256:a", {200, 1000, {}});
    fallback.set("sha256:b", {200, 500, {}});
    QTemporaryDir dir;
    QFile map(dir.filePath("buckets.json"));
    QVERIFY(map.open(QIODevice::WriteOnly));
    map.write(QByteArray::fromStdString(R"({"default":")" + fallback.url() +
                                        R"(","buckets":[{"name":"eu-west-3","url":")" +
                                        regional.url() + R"(","regions":["eu-west-3"]}]})"));
    map.close();
    RunningProxy proxy({"--buckets", map.fileName().toStdString(), "--threads", "2"});
    const Scrape before = scrape(proxy.admin_port());

    HttpProbe c(proxy.port());
    for (int i = 0; i < 3; ++i) // 1 HEAD on the bucket, then 2 cache hits; 3000 bytes
        QCOMPARE(c.request("GET", kBlob + "a", kEuWest3Client).status, 307);
    for (int i = 0; i < 2; ++i) // cache hits; a HEAD moves no bytes
        QCOMPARE(c.request("HEAD", kBlob + "a", kEuWest3Client).status, 307);
    QCOMPARE(c.request("GET", kBlob + "b", kUnknownClient).header("location"),
             fallback.url() + "/containers/images/sha256:b"); // found in the default: 500 bytes
    QCOMPARE(c.request("GET", kBlob + "missing", kUnknownClient).status, 307); // 404 → upstream
    QCOMPARE(c.request("GET", kBlob + "a", kGcpClient).status, 307); // GCP: no check at all
    for (int i = 0; i < 4; ++i)
        QCOMPARE(c.request("GET", "/v2/pause/manifests/3.9").status, 307);
    QCOMPARE(c.request("GET", "/v2/").status, 200);
    QCOMPARE(c.request("POST", "/v2/").status, 405);
    QCOMPARE(c.request("GET", "/elsewhere").status, 404);
    const int requests = 3 + 2 + 1 + 1 + 1 + 4 + 1 + 1 + 1;

    // A request is counted once its answer is written, which the client may
    // read first: wait for the last one to be counted, then read it all.
    QTRY_COMPARE_WITH_TIMEOUT(sum(scrape(proxy.admin_port()), "ociproxy_requests_total") -
                                  sum(before, "ociproxy_requests_total"),
                              double(requests), 5000);
    const Scrape after = scrape(proxy.admin_port());
    const auto moved = [&](const std::string& name, const Labels& l = {}) {
        return sum(after, name, l) - sum(before, name, l);
    };

    // ociproxy_requests_total
    QCOMPARE(moved("ociproxy_requests_total"), double(requests));
    QCOMPARE(
        moved("ociproxy_requests_total", {{"kind", "blob"}, {"backend", "s3"}, {"code", "307"}}),
        5.0);
    QCOMPARE(moved("ociproxy_requests_total", {{"kind", "blob"}, {"backend", "default"}}), 1.0);
    QCOMPARE(moved("ociproxy_requests_total", {{"kind", "blob"}, {"backend", "upstream"}}), 2.0);
    QCOMPARE(moved("ociproxy_requests_total", {{"kind", "manifest"}, {"backend", "upstream"}}),
             4.0);
    QCOMPARE(moved("ociproxy_requests_total", {{"kind", "ping"}, {"code", "200"}}), 1.0);
    QCOMPARE(moved("ociproxy_requests_total", {{"kind", "method_not_allowed"}, {"code", "405"}}),
             1.0);
    QCOMPARE(moved("ociproxy_requests_total", {{"kind", "not_found"}, {"code", "404"}}), 1.0);

    // ociproxy_blob_redirects_total
    QCOMPARE(moved("ociproxy_blob_redirects_total"), 8.0);
    QCOMPARE(moved("ociproxy_blob_redirects_total", {{"backend", "s3"},
                                                     {"bucket", "eu-west-3"},
                                                     {"cloud", "AWS"},
                                                     {"region", "eu-west-3"}}),
             5.0);
    QCOMPARE(
        moved("ociproxy_blob_redirects_total", {{"backend", "default"}, {"bucket", "default"}}),
        1.0);
    QCOMPARE(moved("ociproxy_blob_redirects_total", {{"backend", "upstream"}, {"cloud", "GCP"}}),
             1.0);

    // Bytes and cost: GETs only, at the price table's rates.
    QCOMPARE(moved("ociproxy_redirected_bytes_total", {{"backend", "s3"}, {"bucket", "eu-west-3"}}),
             3000.0);
    QCOMPARE(moved("ociproxy_redirected_bytes_total", {{"backend", "default"}}), 500.0);
    QCOMPARE(moved("ociproxy_redirected_bytes_total"), 3500.0);
    // Same-region S3 is free; the default (CloudFront) costs 0.085 USD/GiB.
    QCOMPARE(moved("ociproxy_estimated_egress_cost_usd_total", {{"backend", "s3"}}), 0.0);
    QVERIFY(std::abs(moved("ociproxy_estimated_egress_cost_usd_total", {{"backend", "default"}}) -
                     0.085 * 500 / (1024.0 * 1024 * 1024)) < 1e-15);

    // ociproxy_blob_checks_total by result
    QCOMPARE(moved("ociproxy_blob_checks_total", {{"result", "found"}}), 2.0);
    QCOMPARE(moved("ociproxy_blob_checks_total", {{"result", "not_found"}}), 1.0);
    QCOMPARE(moved("ociproxy_blob_checks_total", {{"result", "cache_hit"}}), 4.0);
    QCOMPARE(moved("ociproxy_blob_checks_total"), 7.0);
    QCOMPARE(regional.total_heads() + fallback.total_heads(), 3);

    // Histograms: one observation per real HEAD, one per request.
    QCOMPARE(moved("ociproxy_blob_check_duration_seconds_count"), 3.0);
    QCOMPARE(moved("ociproxy_blob_check_duration_seconds_bucket", {{"le", "+Inf"}}), 3.0);
    const double check_sum = moved("ociproxy_blob_check_duration_seconds_sum");
    QVERIFY2(check_sum > 0 && check_sum < 3 * 5.0, qPrintable(QString::number(check_sum)));
    QCOMPARE(moved("ociproxy_request_duration_seconds_count"), double(requests));
    QCOMPARE(moved("ociproxy_request_duration_seconds_bucket", {{"le", "+Inf"}}), double(requests));
    QVERIFY(moved("ociproxy_request_duration_seconds_sum") >= check_sum);

    // Gauges.
    QCOMPARE(sum(after, "ociproxy_in_flight_requests"), 0.0);
    QCOMPARE(sum(after, "ociproxy_blob_cache_entries"), 2.0); // a and b
    QCOMPARE(sum(after, "ociproxy_bucket_up", {{"bucket", "eu-west-3"}}), 1.0);
    QCOMPARE(sum(after, "ociproxy_bucket_up", {{"bucket", "default"}}), 1.0);
    QCOMPARE(moved("ociproxy_refused_connections_total"), 0.0);
    // Range prefixes per cloud, against an independent count of the demo data.
    std::map<std::string, std::set<std::string>> unique;
    const auto sets = demo::range_sets();
    QVERIFY(sets.ok());
    for (const auto& set : *sets)
        for (const auto& e : set.entries)
            unique[e.cloud].insert(e.prefix.to_string());
    for (const auto& [cloud, prefixes] : unique)
        QCOMPARE(sum(after, "ociproxy_range_prefixes", {{"cloud", cloud}}),
                 double(prefixes.size()));

    // Publication time of each dated range file: the demo AWS list says
    // createDate 2026-01-01-00-00-00 (`date -u -d 2026-01-01 +%s`).
    QCOMPARE(sum(after, "ociproxy_range_published_timestamp_seconds",
                 {{"file", "demo:aws-ip-ranges.json"}}),
             1767225600.0);

    // Process metrics.
    QVERIFY(sum(after, "process_resident_memory_bytes") > 1 << 20);
    QVERIFY(sum(after, "process_cpu_seconds_total") >= sum(before, "process_cpu_seconds_total"));
    QVERIFY(sum(after, "process_cpu_seconds_total") > 0);
    const double started = sum(after, "process_start_time_seconds");
    QVERIFY(started >= t_start - 1 && started <= t_start + 60);
    QVERIFY(has(after, "ociproxy_blob_check_duration_seconds_bucket"));
}

QTEST_GUILESS_MAIN(TestMetricsTruth)
#include "tst_metrics_truth.moc"
