// One metrics source against a scripted /metrics endpoint on loopback:
// rates, counter resets, garbage lines, 500s, stalls, TLS with a test CA,
// credentials, and a Prometheus API error.

#include "tests/ui/ui_test_support.h"
#include "tests/ui/update/feed_server.h"
#include "ui/live/metrics_source.h"

#include <QNetworkAccessManager>
#include <QTemporaryDir>

using namespace ociproxy;
using namespace ociproxy::ui;
using ociproxy::test::FeedServer;

namespace {

QByteArray metrics(double manifests, double hits, const QByteArray& extra = {}) {
    return "# TYPE ociproxy_requests_total counter\n"
           "ociproxy_requests_total{kind=\"manifest\",backend=\"upstream\",code=\"307\"} " +
           QByteArray::number(manifests) +
           "\n# TYPE ociproxy_blob_checks_total counter\n"
           "ociproxy_blob_checks_total{result=\"cache_hit\"} " +
           QByteArray::number(hits) + "\nociproxy_blob_checks_total{result=\"found\"} 0\n" + extra;
}

double last(const MetricsSource& s, LiveChart c, const char* series) {
    const auto& cols = s.store().series(c);
    const auto it = cols.find(series);
    return it == cols.end() || it->second.empty() ? std::nan("") : it->second.back();
}

bool wait_idle(MetricsSource& s) {
    QElapsedTimer t;
    t.start();
    while (s.isPolling() && t.elapsed() < 15000)
        QTest::qWait(20);
    return !s.isPolling();
}

} // namespace

class TestMetricsSource : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { test::isolate_console_settings(); }
    void ratesAcrossACounterReset();
    void garbageLinesAreSkippedAndReported();
    void failureIsAGapAndBacksOff();
    void stallTurnsStaleThenErrors();
    void tlsNeedsTheCaFile();
    void credentialsAreSent();
    void prometheusErrorsAreShown();
};

void TestMetricsSource::ratesAcrossACounterReset() {
    FeedServer server;
    QList<QByteArray> script = {metrics(100, 0), metrics(150, 30), metrics(20, 40)};
    server.set(
        "/metrics", FeedServer::Handler([&script] {
            return FeedServer::Answer{200, script.size() > 1 ? script.takeFirst() : script.first()};
        }));
    MetricsSource s(SourceConfig::direct(server.url("/metrics")));
    QCoro::waitFor(s.poll(1000, 300, 5));
    QCOMPARE(s.state(), SourceState::Ok);
    QCOMPARE(s.store().size(), std::size_t(0)); // the first scrape is the baseline
    QCoro::waitFor(s.poll(1005, 300, 5));
    QCOMPARE(last(s, LiveChart::Requests, "manifest 307"), 10.0);
    QCOMPARE(last(s, LiveChart::Checks, "cache_hit"), 6.0);
    QCOMPARE(last(s, LiveChart::Checks, "cache hit ratio %"), 100.0);
    QCoro::waitFor(s.poll(1015, 300, 5)); // restarted: 20 since
    QCOMPARE(last(s, LiveChart::Requests, "manifest 307"), 2.0);
    QCOMPARE(s.store().size(), std::size_t(2));
}

void TestMetricsSource::garbageLinesAreSkippedAndReported() {
    FeedServer server;
    int n = 0;
    server.set(
        "/metrics", FeedServer::Handler([&n] {
            n += 10;
            return FeedServer::Answer{200, metrics(n, 0, "this is { not a sample\nok_metric 1\n")};
        }));
    MetricsSource s(SourceConfig::direct(server.url("/metrics")));
    QCoro::waitFor(s.poll(0, 300, 1));
    QCoro::waitFor(s.poll(1, 300, 1));
    QCOMPARE(s.state(), SourceState::Ok);
    QVERIFY2(s.reason().contains("1 malformed line skipped, at line 6"), qPrintable(s.reason()));
    QCOMPARE(last(s, LiveChart::Requests, "manifest 307"), 10.0);

    server.set("/metrics", FeedServer::Answer{200, "<html>login</html>\n"});
    QCoro::waitFor(s.poll(2, 300, 1));
    QCOMPARE(s.state(), SourceState::Error);
    QVERIFY2(s.reason().contains("has no metrics (line 1:"), qPrintable(s.reason()));
}

void TestMetricsSource::failureIsAGapAndBacksOff() {
    FeedServer server;
    server.set("/metrics", FeedServer::Answer{200, metrics(0, 0)});
    MetricsSource s(SourceConfig::direct(server.url("/metrics")));
    QCoro::waitFor(s.poll(100, 300, 1));
    server.set("/metrics", FeedServer::Answer{500, "boom"});
    QCoro::waitFor(s.poll(101, 300, 1));
    QCOMPARE(s.state(), SourceState::Error);
    QVERIFY2(s.reason().contains("answered HTTP 500 (retrying in 1 s)"), qPrintable(s.reason()));
    QCOMPARE(s.store().size(), std::size_t(1));
    QVERIFY(std::isnan(last(s, LiveChart::Requests, "manifest 307")));

    const int hits = server.hits("/metrics");
    QCoro::waitFor(s.poll(101.5, 300, 1)); // backing off: not polled
    QCOMPARE(server.hits("/metrics"), hits);
    QCoro::waitFor(s.poll(102.5, 300, 1));
    QCOMPARE(server.hits("/metrics"), hits + 1);
    QVERIFY2(s.reason().contains("retrying in 2 s"), qPrintable(s.reason()));

    server.set("/metrics", FeedServer::Answer{200, metrics(10, 0)});
    QCoro::waitFor(s.poll(105, 300, 1)); // recovers; a new baseline, no rate across the gap
    QCOMPARE(s.state(), SourceState::Ok);
    QCoro::waitFor(s.poll(106, 300, 1));
    QCOMPARE(last(s, LiveChart::Requests, "manifest 307"), 0.0);
}

void TestMetricsSource::stallTurnsStaleThenErrors() {
    FeedServer server;
    server.set("/metrics", FeedServer::Answer{200, metrics(0, 0)});
    MetricsSource s(SourceConfig::direct(server.url("/metrics")));
    QCoro::waitFor(s.poll(1000, 300, 0.5));
    server.set("/metrics", FeedServer::Answer{200, {}, 0, true});
    s.poll(1001, 300, 0.5); // runs until the transfer timeout
    QVERIFY(s.isPolling());
    QCoro::waitFor(s.poll(1010, 300, 0.5));
    QCOMPARE(s.state(), SourceState::Stale);
    QVERIFY2(s.reason().contains("no answer for 10 s"), qPrintable(s.reason()));
    QVERIFY(wait_idle(s));
    QCOMPARE(s.state(), SourceState::Error);
    QVERIFY2(s.reason().contains("did not answer in time"), qPrintable(s.reason()));
}

void TestMetricsSource::tlsNeedsTheCaFile() {
    QTemporaryDir dir;
    const auto made = test::make_test_certificate(dir.path());
    QVERIFY(made.ok());
    FeedServer tls(&made.cert, &made.key);
    tls.set("/metrics", FeedServer::Answer{200, metrics(1, 0)});

    SourceConfig trusted = SourceConfig::direct(tls.url("/metrics"));
    trusted.caFile = made.pem_path;
    MetricsSource ok(trusted);
    QCoro::waitFor(ok.poll(0, 300, 1));
    QVERIFY2(ok.state() == SourceState::Ok, qPrintable(ok.reason()));

    MetricsSource untrusted(SourceConfig::direct(tls.url("/metrics")));
    QCoro::waitFor(untrusted.poll(0, 300, 1));
    QCOMPARE(untrusted.state(), SourceState::Error);
    QVERIFY2(untrusted.reason().startsWith("TLS error from https://127.0.0.1"),
             qPrintable(untrusted.reason()));

    trusted.caFile = dir.filePath("missing.pem");
    MetricsSource missing(trusted);
    QCoro::waitFor(missing.poll(0, 300, 1));
    QVERIFY2(missing.reason().contains("missing.pem"), qPrintable(missing.reason()));
}

void TestMetricsSource::credentialsAreSent() {
    FeedServer server;
    server.set("/metrics", FeedServer::Answer{200, metrics(0, 0)});
    SourceConfig c = SourceConfig::direct(server.url("/metrics"));
    c.bearerToken = "s3cr3t";
    MetricsSource bearer(c);
    QCoro::waitFor(bearer.poll(0, 300, 1));
    QVERIFY(server.lastRequest().contains("Authorization: Bearer s3cr3t"));
    c.bearerToken.clear();
    c.user = "ops";
    c.password = "pw";
    MetricsSource basic(c);
    QCoro::waitFor(basic.poll(0, 300, 1));
    QVERIFY(
        server.lastRequest().contains("Authorization: Basic " + QByteArray("ops:pw").toBase64()));
}

void TestMetricsSource::prometheusErrorsAreShown() {
    FeedServer server;
    server.set(
        "/api/v1/query_range",
        FeedServer::Answer{
            400,
            R"({"status":"error","errorType":"bad_data","error":"invalid parameter \"query\""})"});
    QUrl base = server.url("/");
    MetricsSource s(SourceConfig::prometheus(base));
    QCoro::waitFor(s.poll(1000, 300, 1));
    QCOMPARE(s.state(), SourceState::Error);
    QVERIFY2(s.reason().contains("Prometheus refused the query: invalid parameter"),
             qPrintable(s.reason()));
}

QTEST_MAIN(TestMetricsSource)
#include "tst_metrics_source.moc"
