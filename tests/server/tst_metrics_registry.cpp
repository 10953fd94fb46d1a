// The server's /metrics text read back with the core's parser: what the
// console will read, with the names and types of DESIGN §6.

#include "core/metrics/prometheus_parser.h"
#include "core/metrics/series_math.h"
#include "server/metrics_registry.h"

#include <QTest>

using namespace ociproxy;
using namespace ociproxy::server;

class TestMetricsRegistry : public QObject {
    Q_OBJECT
private slots:
    void rendersWhatTheParserReads();
};

void TestMetricsRegistry::rendersWhatTheParserReads() {
    MetricsRegistry m(2);
    Decision blob;
    blob.status = 307;
    blob.kind = RequestKind::Blob;
    blob.backend = Backend::S3;
    blob.bucket_name = "eu-west-3";
    blob.cloud = "AWS";
    blob.region = "eu-west-3";
    for (int i = 0; i < 3; ++i) {
        MetricsRegistry::bind_thread(unsigned(i % 2));
        m.count_request(RequestKind::Blob, Backend::S3, 307,
                        std::chrono::microseconds(300 + 1000 * i));
        m.count_blob_redirect(blob);
        m.add_egress(blob, 1000, 0.5);
        m.count_blob_check(BlobCheckResult::CacheHit);
    }
    m.count_request(RequestKind::Ping, Backend::None, 200, std::chrono::microseconds(50));
    MetricsRegistry::Gauges g;
    g.blob_cache_entries = 7;
    g.range_prefixes = {{"AWS", 10}, {"GCP", 3}};
    const Scrape s = parse_prometheus_text(m.render(g));
    QVERIFY2(s.issues.empty(), s.issues.empty() ? "" : s.issues[0].message.c_str());
    const auto value = [&](const std::string& name,
                           std::initializer_list<std::pair<const char*, const char*>> labels) {
        for (const auto& sample : s.samples) {
            if (sample.name != name) continue;
            bool all = true;
            for (const auto& [k, v] : labels)
                all &= sample.label(k) == v;
            if (all) return sample.value;
        }
        return -1.0;
    };
    QCOMPARE(
        value("ociproxy_requests_total", {{"kind", "blob"}, {"backend", "s3"}, {"code", "307"}}),
        3.0);
    QCOMPARE(value("ociproxy_requests_total", {{"kind", "ping"}, {"code", "200"}}), 1.0);
    QCOMPARE(
        value("ociproxy_blob_redirects_total", {{"bucket", "eu-west-3"}, {"region", "eu-west-3"}}),
        3.0);
    QCOMPARE(value("ociproxy_redirected_bytes_total", {{"bucket", "eu-west-3"}}), 3000.0);
    QCOMPARE(value("ociproxy_estimated_egress_cost_usd_total", {{"bucket", "eu-west-3"}}), 1.5);
    QCOMPARE(value("ociproxy_blob_checks_total", {{"result", "cache_hit"}}), 3.0);
    QCOMPARE(value("ociproxy_blob_cache_entries", {}), 7.0);
    QCOMPARE(value("ociproxy_range_prefixes", {{"cloud", "GCP"}}), 3.0);
    QVERIFY(s.families.at("ociproxy_requests_total").type == MetricType::Counter);
    QVERIFY(s.families.at("ociproxy_request_duration_seconds").type == MetricType::Histogram);
    QVERIFY(s.families.at("ociproxy_in_flight_requests").type == MetricType::Gauge);
    const auto buckets = histogram_buckets(s, "ociproxy_request_duration_seconds");
    QCOMPARE(buckets.back().count, 4.0);
    // 0.05 ms, 0.3 ms, 1.3 ms, 2.3 ms: the median lies in (0.25 ms, 0.5 ms].
    const double p50 = histogram_quantile(0.5, buckets);
    QVERIFY2(p50 > 0.00025 && p50 <= 0.0005, qPrintable(QString::number(p50)));
}

QTEST_APPLESS_MAIN(TestMetricsRegistry)
#include "tst_metrics_registry.moc"
