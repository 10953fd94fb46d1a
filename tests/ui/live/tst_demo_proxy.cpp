// The Live view's demo: the real oci-proxy binary started on loopback with a
// demo bucket and the built-in traffic replayed to it, charted with real
// points, its charts readable, and stopped with the view.

#include "tests/ui/ui_test_support.h"
#include "ui/live/demo_bucket.h"
#include "ui/live/demo_proxy.h"
#include "ui/live/live_view.h"
#include "ui/live/traffic_replayer.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <csignal>
#include <sys/types.h>

using namespace ociproxy;
using namespace ociproxy::ui;

namespace {

bool alive(qint64 pid) {
    return pid > 0 && ::kill(pid_t(pid), 0) == 0;
}

double last_value(const MetricsSource& s, LiveChart c, const std::string& name) {
    const auto& cols = s.store().series(c);
    const auto it = cols.find(name);
    if (it == cols.end()) return 0;
    for (auto v = it->second.rbegin(); v != it->second.rend(); ++v)
        if (!std::isnan(*v)) return *v;
    return 0;
}

} // namespace

class TestDemoProxy : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        test::isolate_console_settings();
        qputenv("OCI_PROXY_BIN", OCIPROXY_PROXY_BIN);
    }
    void bucketAnswersHeadWithSizes();
    void chartsTheDemoAndStopsWithTheView();
    void missingBinaryIsExplained();
};

void TestDemoProxy::bucketAnswersHeadWithSizes() {
    DemoBucket bucket;
    QVERIFY(bucket.start());
    QNetworkAccessManager net;
    const QUrl url(QString("http://127.0.0.1:%1/prod-x/containers/images/sha256:ab12")
                       .arg(bucket.serverPort()));
    QNetworkReply* r = net.head(QNetworkRequest(url));
    QTRY_VERIFY(r->isFinished());
    QCOMPARE(r->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    const auto size = r->header(QNetworkRequest::ContentLengthHeader).toULongLong();
    QCOMPARE(quint64(size), quint64(DemoBucket::blobSize("sha256:ab12")));
    QVERIFY(size >= 2u << 20 && size < 66u << 20);
    r->deleteLater();
    QNetworkReply* missing = net.head(QNetworkRequest(
        QUrl(QString("http://127.0.0.1:%1/prod-x/other").arg(bucket.serverPort()))));
    QTRY_VERIFY(missing->isFinished());
    QCOMPARE(missing->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 404);
    missing->deleteLater();
}

void TestDemoProxy::chartsTheDemoAndStopsWithTheView() {
    qint64 pid = 0;
    {
        LiveView v;
        v.resize(1200, 900);
        v.show();
        QVERIFY(QTest::qWaitForWindowExposed(&v));
        v.setIntervalSeconds(1);
        // Before any source, every chart says why it is empty and what to do.
        v.redrawNow();
        QVERIFY2(v.chartView(LiveChart::Egress)->shownMessage().contains("Start Demo Proxy"),
                 qPrintable(v.chartView(LiveChart::Egress)->shownMessage()));

        v.startDemoProxy();
        QTRY_COMPARE_WITH_TIMEOUT(int(v.demoProxy()->state()), int(DemoProxy::State::Running),
                                  20000);
        pid = v.demoProxy()->pid();
        QVERIFY(alive(pid));
        QCOMPARE(v.sources().size(), std::size_t(1));
        const MetricsSource& s = *v.sources().front();
        QVERIFY(s.config().demo);
        // Real points: redirects, bytes and cache hits all move.
        QTRY_VERIFY_WITH_TIMEOUT(s.store().size() >= 4 &&
                                     last_value(s, LiveChart::Egress, "s3") > 0 &&
                                     last_value(s, LiveChart::Checks, "cache_hit") > 0,
                                 30000);
        QVERIFY(v.demoProxy()->replayer()->answered() > 0);
        QCOMPARE(v.demoProxy()->replayer()->failed(), quint64(0));
        v.redrawNow();
        for (const LiveChart c : kLiveCharts) {
            const LiveChartView* chart = v.chartView(c);
            // Tick labels without exponents, titles with units.
            for (const auto& label : chart->valueTickLabels())
                QVERIFY2(!label.contains('e'), qPrintable(label));
            QVERIFY(!chart->valueAxisTitle().isEmpty());
            // No two lines share a colour.
            const auto colours = chart->lineColours();
            for (int i = 0; i < colours.size(); ++i)
                for (int j = i + 1; j < colours.size(); ++j)
                    QVERIFY2(colours[i] != colours[j], qPrintable(live_chart_title(c).data()));
        }
        QVERIFY(v.chartView(LiveChart::Egress)->drawnPoints() > 0);
        QVERIFY(v.chartView(LiveChart::Egress)->shownMessage().isEmpty());
        // Egress in a unit people read: a few MiB/s, not 3.1e+07.
        QVERIFY2(v.chartView(LiveChart::Egress)->valueAxisTitle().endsWith("iB/s"),
                 qPrintable(v.chartView(LiveChart::Egress)->valueAxisTitle()));
        // Time ticks on round minutes.
        for (const auto& t : v.chartView(LiveChart::Requests)->timeTickLabels())
            QVERIFY2(QTime::fromString(t, "HH:mm").isValid(), qPrintable(t));
        // The demo source is not remembered: its ports die with it.
        QVERIFY(QSettings().value("live/sources").toStringList().isEmpty());
    }
    // The view is gone, and the proxy with it.
    QTRY_VERIFY_WITH_TIMEOUT(!alive(pid), 10000);
}

void TestDemoProxy::missingBinaryIsExplained() {
    qputenv("OCI_PROXY_BIN", "/nonexistent/oci-proxy");
    LiveView v;
    v.startDemoProxy();
    QCOMPARE(int(v.demoProxy()->state()), int(DemoProxy::State::Failed));
    QVERIFY2(v.demoProxy()->error().contains("OCI_PROXY_BIN"), qPrintable(v.demoProxy()->error()));
    QVERIFY(v.sources().empty());
    qputenv("OCI_PROXY_BIN", OCIPROXY_PROXY_BIN);
}

QTEST_MAIN(TestDemoProxy)
#include "tst_demo_proxy.moc"
