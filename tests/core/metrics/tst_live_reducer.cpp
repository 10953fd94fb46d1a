#include "core/metrics/live_reducer.h"

#include <QTest>

using namespace ociproxy;

namespace {

std::string scrape_text(double blob307, double bytes_s3, double hits, double found, double cost,
                        double fast, double slow) {
    char buf[2048];
    std::snprintf(buf, sizeof buf,
                  "# TYPE ociproxy_requests_total counter\n"
                  "ociproxy_requests_total{kind=\"blob\",backend=\"s3\",code=\"307\"} %g\n"
                  "ociproxy_requests_total{kind=\"blob\",backend=\"default\",code=\"307\"} 0\n"
                  "# TYPE ociproxy_redirected_bytes_total counter\n"
                  "ociproxy_redirected_bytes_total{backend=\"s3\",bucket=\"eu-west-3\"} %g\n"
                  "# TYPE ociproxy_blob_checks_total counter\n"
                  "ociproxy_blob_checks_total{result=\"cache_hit\"} %g\n"
                  "ociproxy_blob_checks_total{result=\"found\"} %g\n"
                  "# TYPE ociproxy_estimated_egress_cost_usd_total counter\n"
                  "ociproxy_estimated_egress_cost_usd_total{backend=\"s3\",bucket=\"a\"} %g\n"
                  "# TYPE ociproxy_request_duration_seconds histogram\n"
                  "ociproxy_request_duration_seconds_bucket{le=\"0.001\"} %g\n"
                  "ociproxy_request_duration_seconds_bucket{le=\"0.01\"} %g\n"
                  "ociproxy_request_duration_seconds_bucket{le=\"+Inf\"} %g\n"
                  "ociproxy_request_duration_seconds_sum 1\n"
                  "ociproxy_request_duration_seconds_count %g\n",
                  blob307, bytes_s3, hits, found, cost, fast, fast + slow, fast + slow,
                  fast + slow);
    return buf;
}

double at(const LiveTick& t, LiveChart c, const char* series) {
    const auto& m = t.chart(c);
    const auto it = m.find(series);
    return it == m.end() ? std::nan("") : it->second;
}

} // namespace

class TestLiveReducer : public QObject {
    Q_OBJECT
private slots:
    void firstScrapeIsABaseline();
    void ratesBetweenScrapes();
    void counterResetCountsFromZero();
    void gapStartsANewBaseline();
};

void TestLiveReducer::firstScrapeIsABaseline() {
    LiveReducer r;
    QVERIFY(!r.add(100, parse_prometheus_text(scrape_text(10, 0, 0, 0, 0, 0, 0))));
}

void TestLiveReducer::ratesBetweenScrapes() {
    LiveReducer r;
    r.add(100, parse_prometheus_text(scrape_text(10, 1000, 4, 1, 0.5, 10, 0)));
    auto t = r.add(105, parse_prometheus_text(scrape_text(60, 6000, 34, 11, 0.6, 110, 0)));
    QVERIFY(t);
    QCOMPARE(t->t, 105.0);
    QCOMPARE(at(*t, LiveChart::Requests, "blob 307"), 10.0); // 50 in 5 s, both backends summed
    QCOMPARE(at(*t, LiveChart::Egress, "s3"), 1000.0);
    QCOMPARE(at(*t, LiveChart::Checks, "cache_hit"), 6.0);
    QCOMPARE(at(*t, LiveChart::Checks, "found"), 2.0);
    QCOMPARE(at(*t, LiveChart::Checks, "cache hit ratio %"), 75.0);
    QVERIFY(qAbs(at(*t, LiveChart::Cost, "USD/hour") - 0.1 / 5 * 3600) < 1e-9);
    // 100 new requests, all in the first bucket: the median interpolates in it.
    QCOMPARE(at(*t, LiveChart::Latency, "p50"), 0.5);
    QVERIFY(qAbs(at(*t, LiveChart::Latency, "p99") - 0.99) < 1e-9);
}

void TestLiveReducer::counterResetCountsFromZero() {
    LiveReducer r;
    r.add(0, parse_prometheus_text(scrape_text(1000, 0, 0, 0, 0, 500, 0)));
    // The proxy restarted: 20 requests since, all slow.
    auto t = r.add(10, parse_prometheus_text(scrape_text(20, 0, 0, 0, 0, 0, 20)));
    QVERIFY(t);
    QCOMPARE(at(*t, LiveChart::Requests, "blob 307"), 2.0);
    QCOMPARE(at(*t, LiveChart::Latency, "p50"), 5.5); // in (1 ms, 10 ms]
    QVERIFY(std::isnan(at(*t, LiveChart::Checks, "cache hit ratio %")));
}

void TestLiveReducer::gapStartsANewBaseline() {
    LiveReducer r;
    r.add(0, parse_prometheus_text(scrape_text(0, 0, 0, 0, 0, 0, 0)));
    r.gap();
    QVERIFY(!r.add(10, parse_prometheus_text(scrape_text(100, 0, 0, 0, 0, 0, 0))));
    auto t = r.add(20, parse_prometheus_text(scrape_text(200, 0, 0, 0, 0, 0, 0)));
    QVERIFY(t);
    QCOMPARE(at(*t, LiveChart::Requests, "blob 307"), 10.0);
    QVERIFY(std::isnan(at(*t, LiveChart::Latency, "p50"))); // no observations: a gap, not 0
}

QTEST_GUILESS_MAIN(TestLiveReducer)
#include "tst_live_reducer.moc"
