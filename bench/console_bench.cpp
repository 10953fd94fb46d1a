// Console benchmarks (not tests): the Lookup view with many rows on the real
// AWS and Google ranges. Reports how long the results take, the longest time
// the event loop was blocked meanwhile, and the cost of one scrolled frame at
// 100k rows against the same view at 1k rows (the baseline: scrolling should
// not depend on the row count).
#include "core/net/ip_address.h"
#include "ui/main_window.h"
#include "ui/models/lookup_table_model.h"
#include "ui/views/filtered_table.h"
#include "ui/views/lookup_view.h"

#include <QApplication>
#include <QCoroTask>
#include <QElapsedTimer>
#include <QFile>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <algorithm>
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
    Stall stall;
    QElapsedTimer t;
    t.start();
    v->input()->setPlainText(text);
    *paste_ms = double(t.nsecsElapsed()) / 1e6;
    stall.start();
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

int main(int argc, char** argv) {
    QApplication app(argc, argv);
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
    std::printf("  %7d rows: results in %7.1f ms (paste %6.1f ms), longest event-loop block "
                "after paste %5.1f ms\n",
                1000, small_ms, small_paste, small_stall);
    std::printf("  %7d rows: results in %7.1f ms (paste %6.1f ms), longest event-loop block "
                "after paste %5.1f ms\n",
                rows, big_ms, big_paste, big_stall);
    std::printf("  scroll one page + paint: %d rows median %.2f ms (worst %.2f); "
                "1000 rows median %.2f ms (worst %.2f); ratio %.2fx\n",
                rows, big_frames.first, big_frames.second, small_frames.first, small_frames.second,
                big_frames.first / small_frames.first);
    std::printf("  rows in model: %d\n", v->model()->rowCount());
    return 0;
}
