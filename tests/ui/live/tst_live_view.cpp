// The Live view's widgets offscreen: sources polled on the view's timer,
// charts with legends and gaps, export, pause, clear, remembered sources.

#include "tests/ui/ui_test_support.h"
#include "tests/ui/update/feed_server.h"
#include "ui/live/live_view.h"
#include "ui/models/model_roles.h"
#include "ui/views/filtered_table.h"

#include <QDateTime>
#include <QImage>
#include <QTemporaryDir>

using namespace ociproxy;
using namespace ociproxy::ui;
using ociproxy::test::FeedServer;

namespace {

QByteArray metrics(int manifests) {
    return "ociproxy_requests_total{kind=\"manifest\",backend=\"upstream\",code=\"307\"} " +
           QByteArray::number(manifests) + "\n";
}

bool wait_points(const MetricsSource* s, std::size_t n) {
    QElapsedTimer t;
    t.start();
    while (s->store().size() < n && t.elapsed() < 10000)
        QTest::qWait(20);
    return s->store().size() >= n;
}

} // namespace

class TestLiveView : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { test::isolate_console_settings(); }
    void pollsDrawsAndExports();
    void failedPollsBreakTheLine();
    void pauseClearAndRemember();
};

void TestLiveView::pollsDrawsAndExports() {
    FeedServer server;
    int n = 0;
    server.set("/metrics", FeedServer::Handler([&n] {
                   n += 7;
                   return FeedServer::Answer{200, metrics(n)};
               }));
    LiveView v;
    v.resize(1200, 900);
    v.show();
    v.setIntervalSeconds(1);
    MetricsSource* s = v.addSource(SourceConfig::direct(server.url("/metrics")));
    for (int i = 0; i < 3; ++i) {
        QTest::qWait(120);
        v.pollNow();
    }
    QVERIFY(wait_points(s, 3));
    v.redrawNow();
    const auto* chart = v.chartView(LiveChart::Requests);
    // Ticks this close together share a pixel column: downsampled to one or two points.
    QVERIFY(chart->drawnPoints() >= 1 && chart->drawnPoints() <= 3);
    QCOMPARE(chart->drawnSegments(), 1);
    QCOMPARE(chart->legendEntries().size(), 1);
    QVERIFY2(chart->legendEntries().front().startsWith("manifest 307: "),
             qPrintable(chart->legendEntries().front()));

    QTemporaryDir dir;
    QVERIFY(v.exportPng(LiveChart::Requests, dir.filePath("r.png")));
    QVERIFY(!QImage(dir.filePath("r.png")).isNull());
    QVERIFY(v.exportCsv(LiveChart::Requests, dir.filePath("r.csv")));
    QFile csv(dir.filePath("r.csv"));
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = csv.readAll().trimmed().split('\n');
    QCOMPARE(lines.front(), QByteArray("time,\"manifest 307\""));
    QCOMPARE(std::size_t(lines.size() - 1), s->store().size());
    for (const auto& line : lines.mid(1))
        QVERIFY(line.split(',').last().toDouble() > 0);

    // The source table shows its state.
    const auto* model = v.findChild<FilteredTable*>()->proxy();
    QCOMPARE(model->index(0, 2).data().toString(), QString("ok"));
}

void TestLiveView::failedPollsBreakTheLine() {
    FeedServer server;
    int n = 0;
    server.set("/metrics", FeedServer::Handler([&n] {
                   ++n;
                   if (n == 4) return FeedServer::Answer{503, "busy"};
                   return FeedServer::Answer{200, metrics(n * 10)};
               }));
    LiveView v;
    v.resize(1200, 900);
    v.show();
    MetricsSource* s = v.addSource(SourceConfig::direct(server.url("/metrics")));
    // Polls 2, 3 give points; 4 fails (a gap; the backoff skips one poll); 6, 7 give points again.
    QElapsedTimer t;
    t.start();
    while (n < 7 && t.elapsed() < 15000) {
        QTest::qWait(300);
        v.pollNow();
    }
    QVERIFY(wait_points(s, 5));
    const auto& column = s->store().series(LiveChart::Requests).at("manifest 307");
    QVERIFY(std::count_if(column.begin(), column.end(), [](double x) { return std::isnan(x); }) >=
            1);
    QVERIFY(!std::isnan(column.back()));

    // Drawn: ticks 20 s apart (wider than a pixel column) with one missing
    // value make two runs of one line, one legend entry.
    const double now = double(QDateTime::currentMSecsSinceEpoch()) / 1000.0;
    v.setPaused(true); // no poll may land among the recorded ticks
    QVERIFY(QTest::qWaitFor([s] { return !s->isPolling(); }));
    v.clear();
    for (int i = 0; i < 8; ++i) {
        LiveTick tick;
        tick.t = now - 160 + 20 * i;
        if (i != 4) tick.chart(LiveChart::Requests)["manifest 307"] = 5 + i;
        s->ingest(tick);
    }
    v.redrawNow();
    QCOMPARE(v.chartView(LiveChart::Requests)->drawnSegments(), 2);
    QCOMPARE(v.chartView(LiveChart::Requests)->drawnPoints(), 7);
    QCOMPARE(v.chartView(LiveChart::Requests)->legendEntries().size(), 1);
    const auto* model = v.findChild<FilteredTable*>()->proxy();
    QCOMPARE(model->index(0, 2).data().toString(), QString("ok"));
}

void TestLiveView::pauseClearAndRemember() {
    FeedServer server;
    server.set("/metrics", FeedServer::Answer{200, metrics(1)});
    {
        LiveView v;
        v.setWindowSeconds(3600);
        MetricsSource* s = v.addSource(SourceConfig::direct(server.url("/metrics")));
        v.setPaused(true);
        const int hits = server.hits("/metrics");
        QTest::qWait(50);
        QVERIFY(v.isPaused());
        QVERIFY(wait_points(s, 0));
        v.pollNow(); // an explicit poll still works while paused
        QTRY_COMPARE(server.hits("/metrics"), hits + 1);
        v.clear();
        QCOMPARE(s->store().size(), std::size_t(0));
    }
    LiveView again;
    QCOMPARE(again.windowSeconds(), 3600);
    again.restoreSources();
    QCOMPARE(again.sources().size(), std::size_t(1));
    QCOMPARE(again.sources().front()->config().url, server.url("/metrics"));
    again.removeSource(0);
    QVERIFY(again.sources().empty());
}

QTEST_MAIN(TestLiveView)
#include "tst_live_view.moc"
