// The Live view's sources against the real thing: a real oci-proxy process
// driven over loopback, read directly from /metrics and then through a real
// Prometheus server (Debian's `prometheus`) scraping it every second.

#include "tests/ui/ui_test_support.h"
#include "ui/live/metrics_source.h"

#include <QDateTime>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QScopeGuard>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>

using namespace ociproxy;
using namespace ociproxy::ui;

namespace {

quint16 free_port() {
    QTcpServer s;
    s.listen(QHostAddress::LocalHost, 0);
    return s.serverPort();
}

double now_s() {
    return double(QDateTime::currentMSecsSinceEpoch()) / 1000.0;
}

// GETs that do not follow the redirects (they point at the internet).
int get_all(QNetworkAccessManager& net, const QUrl& url, int n) {
    int done = 0, ok = 0;
    for (int i = 0; i < n; ++i) {
        QNetworkRequest r(url);
        r.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                       QNetworkRequest::ManualRedirectPolicy);
        QNetworkReply* reply = net.get(r);
        QObject::connect(reply, &QNetworkReply::finished, reply, [reply, &done, &ok] {
            ok += reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 307;
            ++done;
            reply->deleteLater();
        });
    }
    QElapsedTimer t;
    t.start();
    while (done < n && t.elapsed() < 20000)
        QTest::qWait(10);
    return ok;
}

bool wait_http_ok(QNetworkAccessManager& net, const QUrl& url, int timeout_ms) {
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < timeout_ms) {
        QNetworkReply* reply = net.get(QNetworkRequest(url));
        QElapsedTimer w;
        w.start();
        while (!reply->isFinished() && w.elapsed() < 2000)
            QTest::qWait(20);
        const bool ok = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200;
        reply->deleteLater();
        if (ok) return true;
        QTest::qWait(200);
    }
    return false;
}

double last_value(const MetricsSource& s, LiveChart c, const std::string& name) {
    const auto& cols = s.store().series(c);
    const auto it = cols.find(name);
    if (it == cols.end()) return std::nan("");
    for (auto v = it->second.rbegin(); v != it->second.rend(); ++v)
        if (!std::isnan(*v)) return *v;
    return std::nan("");
}

} // namespace

class TestLiveMetrics : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void directSourceRates();
    void prometheusSourceReadsTheSameSeries();

private:
    QNetworkAccessManager m_net;
    QProcess m_proxy;
    quint16 m_port = 0, m_admin = 0;
    QUrl manifest() const {
        return QUrl(QStringLiteral("http://127.0.0.1:%1/v2/pause/manifests/3.9").arg(m_port));
    }
};

void TestLiveMetrics::initTestCase() {
    test::isolate_console_settings();
    m_port = free_port();
    m_admin = free_port();
    m_proxy.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_proxy.start(QStringLiteral(OCIPROXY_PROXY_BIN),
                  {"--demo", "--listen", QStringLiteral("127.0.0.1:%1").arg(m_port),
                   "--admin-listen", QStringLiteral("127.0.0.1:%1").arg(m_admin)});
    QVERIFY(m_proxy.waitForStarted(10000));
    QVERIFY(wait_http_ok(m_net, QUrl(QStringLiteral("http://127.0.0.1:%1/readyz").arg(m_admin)),
                         10000));
}

void TestLiveMetrics::cleanupTestCase() {
    m_proxy.terminate();
    m_proxy.waitForFinished(10000);
}

void TestLiveMetrics::directSourceRates() {
    MetricsSource s(
        SourceConfig::direct(QUrl(QStringLiteral("http://127.0.0.1:%1/metrics").arg(m_admin))));
    QCoro::waitFor(s.poll(1000, 300, 1));
    QVERIFY2(s.state() == SourceState::Ok, qPrintable(s.reason()));
    QCOMPARE(get_all(m_net, manifest(), 40), 40);
    QCoro::waitFor(s.poll(1002, 300, 1));
    // 40 manifest redirects in the 2 s between the two polls.
    QCOMPARE(last_value(s, LiveChart::Requests, "manifest 307"), 20.0);
    QVERIFY(!std::isnan(last_value(s, LiveChart::Latency, "p50")));
    QCOMPARE(get_all(m_net, manifest(), 10), 10);
    QCoro::waitFor(s.poll(1007, 300, 1));
    QCOMPARE(last_value(s, LiveChart::Requests, "manifest 307"), 2.0);
}

void TestLiveMetrics::prometheusSourceReadsTheSameSeries() {
    const QString prometheus = QStandardPaths::findExecutable("prometheus");
    if (prometheus.isEmpty())
        QSKIP("the prometheus binary is not installed (Debian package prometheus)");
    QTemporaryDir dir;
    QFile cfg(dir.filePath("prometheus.yml"));
    QVERIFY(cfg.open(QIODevice::WriteOnly));
    cfg.write(QStringLiteral("global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n"
                             "scrape_configs:\n  - job_name: oci-proxy\n    static_configs:\n"
                             "      - targets: ['127.0.0.1:%1']\n")
                  .arg(m_admin)
                  .toUtf8());
    cfg.close();
    const quint16 port = free_port();
    QProcess prom;
    prom.setProcessChannelMode(QProcess::MergedChannels);
    prom.start(prometheus,
               {"--config.file=" + cfg.fileName(), "--storage.tsdb.path=" + dir.filePath("data"),
                QStringLiteral("--web.listen-address=127.0.0.1:%1").arg(port)});
    QVERIFY(prom.waitForStarted(10000));
    const auto stop = qScopeGuard([&prom] {
        prom.terminate();
        prom.waitForFinished(10000);
    });
    const QUrl base(QStringLiteral("http://127.0.0.1:%1").arg(port));
    QVERIFY2(wait_http_ok(m_net, base.resolved(QUrl("/-/ready")), 30000),
             prom.readAll().right(2000).constData());

    // Steady traffic until Prometheus has scraped enough for a few rate
    // points (its first scrape can take a while on a loaded machine).
    std::unique_ptr<MetricsSource> source;
    double rate = std::nan("");
    QElapsedTimer clock;
    clock.start();
    qint64 lastTry = 0;
    while (clock.elapsed() < 90000) {
        QCOMPARE(get_all(m_net, manifest(), 20), 20);
        QTest::qWait(250);
        if (clock.elapsed() - lastTry < 1000) continue;
        lastTry = clock.elapsed();
        source = std::make_unique<MetricsSource>(SourceConfig::prometheus(base));
        QCoro::waitFor(source->poll(now_s(), 300, 1)); // history from query_range
        QVERIFY2(source->state() == SourceState::Ok, qPrintable(source->reason()));
        rate = last_value(*source, LiveChart::Requests, "manifest 307");
        if (source->store().size() >= 3 && rate > 0) break;
    }
    MetricsSource& s = *source;
    QVERIFY2(s.store().size() >= 3, qPrintable(QString::number(s.store().size())));
    QVERIFY2(rate > 5 && rate < 500, qPrintable(QString::number(rate)));
    QVERIFY(s.store().series(LiveChart::Latency).count("p99"));
    const std::size_t before = s.store().size();
    QTest::qWait(1100);
    QCoro::waitFor(s.poll(now_s(), 300, 1)); // then instant queries
    QCOMPARE(s.store().size(), before + 1);

    // The same series names as the direct reading of the proxy.
    MetricsSource direct(
        SourceConfig::direct(QUrl(QStringLiteral("http://127.0.0.1:%1/metrics").arg(m_admin))));
    QCoro::waitFor(direct.poll(1, 300, 1));
    QCoro::waitFor(direct.poll(2, 300, 1));
    for (const auto& [name, column] : direct.store().series(LiveChart::Requests))
        QVERIFY2(s.store().series(LiveChart::Requests).count(name), name.c_str());
}

QTEST_MAIN(TestLiveMetrics)
#include "tst_live_metrics.moc"
