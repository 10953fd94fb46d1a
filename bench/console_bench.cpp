// Console benchmarks (not tests): the Lookup view with many rows on the real
// AWS and Google ranges. Reports how long the results take, the longest time
// the event loop was blocked meanwhile, and the cost of one scrolled frame at
// 100k rows against the same view at 1k rows (the baseline: scrolling should
// not depend on the row count).
#include "core/net/ip_address.h"
#include "ui/live/live_view.h"
#include "ui/main_window.h"
#include "ui/models/lookup_table_model.h"
#include "ui/views/filtered_table.h"
#include "ui/views/lookup_view.h"
#include "ui/views/simulation_view.h"

#include <QApplication>
#include <QCoroTask>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>

using namespace ociproxy;
using namespace ociproxy::ui;

namespace {

// Half uniform random IPv4, half inside the loaded prefixes.
QString make_lines(const Router& r, int n) {
    std::mt19937_64 rng(42);
    std::vector<const TableEntry*> v4;
    for (const auto& e : r.table().entries())
        if (e.prefix.family() == Family::V4) v4.push_back(&e);
    QString out;
    out.reserve(n * 16);
    for (int i = 0; i < n; ++i) {
        std::uint32_t a = std::uint32_t(rng());
        if (i % 2) {
            const auto* e = v4[rng() % v4.size()];
            const std::uint32_t base = e->prefix.network().v4_bits();
            const int host = 32 - e->prefix.length();
            a = base | (host ? std::uint32_t(rng()) & ((host == 32 ? 0u : (1u << host)) - 1u) : 0u);
        }
        out +=
            QString::asprintf("%u.%u.%u.%u\n", a >> 24, (a >> 16) & 255, (a >> 8) & 255, a & 255);
    }
    return out;
}

struct Stall {
    QElapsedTimer clock;
    qint64 last = 0, worst = 0;
    QTimer timer;
    Stall() {
        timer.setInterval(1);
        QObject::connect(&timer, &QTimer::timeout, [this] {
            const qint64 now = clock.nsecsElapsed();
            worst = std::max(worst, now - last);
            last = now;
        });
    }
    void start() {
        clock.start();
        last = 0;
        worst = 0;
        timer.start();
    }
    double stop_ms() {
        timer.stop();
        return double(worst) / 1e6;
    }
};

double lookup(LookupView* v, const QString& text, double* stall_ms, double* paste_ms) {
    bool done = false;
    auto c = QObject::connect(v, &LookupView::computed, [&done] { done = true; });
    v->input()->clear();
    while (v->isComputing())
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 5);
    done = false;
    // The user's way in: a paste (chunked by the input), the event loop's
    // longest block measured from the paste on.
    Stall stall;
    QElapsedTimer t;
    t.start();
    stall.start();
    v->input()->pasteText(text);
    while (v->input()->isPasting())
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 5);
    *paste_ms = double(t.nsecsElapsed()) / 1e6;
    while (!done || v->isComputing())
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 5);
    QObject::disconnect(c);
    const double ms = double(t.nsecsElapsed()) / 1e6;
    *stall_ms = stall.stop_ms();
    return ms;
}

// Median and worst of scrolling one page down and painting it.
std::pair<double, double> scroll_frames(QTableView* view, int frames) {
    std::vector<double> ms;
    auto* bar = view->verticalScrollBar();
    bar->setValue(0);
    for (int i = 0; i < frames; ++i) {
        QElapsedTimer t;
        t.start();
        bar->setValue(bar->value() + bar->pageStep());
        view->viewport()->repaint();
        ms.push_back(double(t.nsecsElapsed()) / 1e6);
    }
    std::sort(ms.begin(), ms.end());
    return {ms[ms.size() / 2], ms.back()};
}

} // namespace

// Resident memory of this process, from /proc.
double rss_mb() {
    QFile f("/proc/self/status");
    if (!f.open(QIODevice::ReadOnly)) return 0;
    for (const auto& line : f.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').front().toDouble() / 1024;
    return 0;
}

// 24 h at a 5 s interval, 50 series over the five charts, then redraws at
// the 24 h window against the same view drawing the last 5 minutes.
int live_bench() {
    QStandardPaths::setTestModeEnabled(true);
    const double before = rss_mb();
    LiveView v;
    v.resize(1280, 900);
    v.show();
    v.setPaused(true);
    MetricsSource* s = v.addSource(SourceConfig::direct(QUrl("http://127.0.0.1:9/metrics")));
    const double end = double(QDateTime::currentMSecsSinceEpoch()) / 1000.0;
    const int ticks = 24 * 3600 / 5;
    std::mt19937_64 rng(7);
    std::uniform_real_distribution<double> noise(0.8, 1.2);
    for (int i = 0; i < ticks; ++i) {
        LiveTick t;
        t.t = end - double(ticks - i) * 5;
        const double wave = 1.5 + std::sin(double(i) / 600.0);
        for (int k = 0; k < 34; ++k)
            t.chart(LiveChart::Requests)["kind" + std::to_string(k % 10) + " " +
                                         std::to_string(200 + k)] = wave * (k + 1) * noise(rng);
        for (const char* b : {"s3", "default", "upstream", "signature", "none"})
            t.chart(LiveChart::Egress)[b] = wave * 1e6 * noise(rng);
        for (const char* r : {"cache_hit", "found", "not_found", "error", "timeout", "coalesced"})
            t.chart(LiveChart::Checks)[r] = wave * 50 * noise(rng);
        t.chart(LiveChart::Cost)["USD/hour"] = wave * 2 * noise(rng);
        t.chart(LiveChart::Latency)["p50"] = 0.4 * noise(rng);
        t.chart(LiveChart::Latency)["p99"] = 3 * noise(rng);
        add_derived_series(t);
        s->ingest(t);
    }
    QCoreApplication::processEvents();
    const auto median_redraw = [&v](int window) {
        v.setWindowSeconds(window);
        std::vector<double> ms;
        for (int i = 0; i < 7; ++i) {
            QElapsedTimer t;
            t.start();
            v.redrawNow();
            v.repaint(); // the paint is part of a redraw the operator sees
            ms.push_back(double(t.nsecsElapsed()) / 1e6);
        }
        std::sort(ms.begin(), ms.end());
        return ms[ms.size() / 2];
    };
    const double day = median_redraw(24 * 3600);
    int points = 0;
    for (const LiveChart c : kLiveCharts)
        points += v.chartView(c)->drawnPoints();
    const double five = median_redraw(300);
    std::printf("live view: %zu ticks x %zu series (24 h at 5 s), offscreen 1280x900\n",
                s->store().size(), s->store().series_count());
    std::printf("  redraw, 24 h window: %.1f ms (median of 7), %d points drawn   bar <= 50 ms\n",
                day, points);
    std::printf("  redraw, 5 min window: %.1f ms; ratio %.2fx\n", five, day / five);
    std::printf("  resident memory: %.1f MB (%.1f MB before the view)   bar < 150 MB\n", rss_mb(),
                before);
    return 0;
}

// The Simulation view on 1 M traffic rows over the real ranges: time to the
// result and the longest event-loop block while it runs (bars: 2 s, 50 ms).
int simulation_bench(int rows) {
    QStandardPaths::setTestModeEnabled(true);
    const QString data = QStringLiteral(OCIPROXY_SHARED_DATA);
    MainWindow w;
    w.resize(1280, 800);
    w.show();
    Workspace ws;
    ws.range_sources = {(data + "/aws-ip-ranges-2026-07-29.json").toStdString(),
                        (data + "/gcp-cloud-2026-07-29.json").toStdString()};
    if (!QCoro::waitFor(w.document()->open(ws, {}))) return 3;
    QTemporaryDir dir;
    const QString path = dir.filePath("traffic.txt");
    QFile f(path);
    f.open(QIODevice::WriteOnly);
    f.write(make_lines(*w.document()->router(), rows).toLatin1());
    f.close();
    w.tabs()->setCurrentWidget(w.simulationView());
    SimulationView* v = w.simulationView();
    v->setTrafficFile(path);
    std::vector<double> ms, stalls;
    for (int i = 0; i < 5; ++i) {
        bool done = false;
        double took = 0;
        auto c = QObject::connect(v, &SimulationView::finished, [&](bool, double t) {
            done = true;
            took = t;
        });
        Stall stall;
        stall.start();
        v->run();
        while (!done)
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 5);
        stalls.push_back(stall.stop_ms());
        ms.push_back(took);
        QObject::disconnect(c);
    }
    std::sort(ms.begin(), ms.end());
    std::sort(stalls.begin(), stalls.end());
    std::printf(
        "simulation view, %d traffic rows (half uniform IPv4, half in prefixes), real AWS+GCP\n",
        rows);
    std::printf("  result in %.0f ms (median of 5; best %.0f)   bar <= 2000 ms\n", ms[2], ms[0]);
    std::printf("  longest event-loop block meanwhile: %.1f ms (worst of 5)   bar <= 50 ms\n",
                stalls.back());
    std::printf("  requests %llu, rows in the table %d\n",
                static_cast<unsigned long long>(v->result()->requests),
                v->table()->proxy()->rowCount());
    return 0;
}

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    if (argc > 1 && QByteArray(argv[1]) == "--live") return live_bench();
    if (argc > 1 && QByteArray(argv[1]) == "--simulation") {
        if (!QFile::exists(QStringLiteral(OCIPROXY_SHARED_DATA) +
                           "/aws-ip-ranges-2026-07-29.json")) {
            std::fprintf(stderr, "bench_console: skipped: real range snapshots not found\n");
            return 0;
        }
        return simulation_bench(argc > 2 ? std::atoi(argv[2]) : 1000000);
    }
    QStandardPaths::setTestModeEnabled(true);
    const QString data = QStringLiteral(OCIPROXY_SHARED_DATA);
    const QString aws = data + "/aws-ip-ranges-2026-07-29.json";
    const QString gcp = data + "/gcp-cloud-2026-07-29.json";
    if (!QFile::exists(aws)) {
        std::fprintf(stderr, "bench_console: skipped: real range snapshots not found in %s\n",
                     qPrintable(data));
        return 0;
    }
    const int rows = argc > 1 ? std::atoi(argv[1]) : 100000;

    MainWindow w;
    w.resize(1280, 800);
    w.show();
    Workspace ws;
    ws.range_sources = {aws.toStdString(), gcp.toStdString()};
    if (!QCoro::waitFor(w.document()->open(ws, {}))) return 3;
    w.tabs()->setCurrentWidget(w.lookupView());
    LookupView* v = w.lookupView();
    auto* view = v->results()->view();

    double small_stall = 0, small_paste = 0, big_stall = 0, big_paste = 0;
    const double small_ms =
        lookup(v, make_lines(*w.document()->router(), 1000), &small_stall, &small_paste);
    const auto small_frames = scroll_frames(view, 40);
    const QString big = make_lines(*w.document()->router(), rows);
    const double big_ms = lookup(v, big, &big_stall, &big_paste);
    const auto big_frames = scroll_frames(view, 200);

    std::printf("lookup view, real AWS+GCP ranges, offscreen\n");
    std::printf("  %7d rows: results in %7.1f ms (pasted in %6.1f ms), longest event-loop "
                "block from the paste on %5.1f ms\n",
                1000, small_ms, small_paste, small_stall);
    std::printf("  %7d rows: results in %7.1f ms (pasted in %6.1f ms), longest event-loop "
                "block from the paste on %5.1f ms   bar <= 50 ms\n",
                rows, big_ms, big_paste, big_stall);
    std::printf("  scroll one page + paint: %d rows median %.2f ms (worst %.2f); "
                "1000 rows median %.2f ms (worst %.2f); ratio %.2fx\n",
                rows, big_frames.first, big_frames.second, small_frames.first, small_frames.second,
                big_frames.first / small_frames.first);
    std::printf("  rows in model: %d\n", v->model()->rowCount());
    return 0;
}
