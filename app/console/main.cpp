// oci-proxy-console: the operators' desktop console. Everything here is
// start-up plumbing; the window and its views live in ui/.
#include "ui/icons.h"
#include "ui/live/demo_proxy.h"
#include "ui/live/live_view.h"
#include "ui/main_window.h"
#include "ui/models/lookup_table_model.h"
#include "ui/views/lookup_view.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QCoroSignal>
#include <QCoroTimer>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QPlainTextEdit>
#include <QSettings>
#include <QTimer>
#include <algorithm>
#include <cstdio>
#include <string_view>

using namespace ociproxy;
using namespace ociproxy::ui;

namespace {

struct Options {
    QString workspace;
    QStringList metrics, prometheus;
    int interval = 0;
    bool demo = false;
    QString screenshot_dir;
    bool exit_when_ready = false;
};

QCoro::Task<int> start(MainWindow& w, Options o, QElapsedTimer clock) {
    bool opened = false;
    if (!o.workspace.isEmpty()) {
        opened = co_await w.openWorkspace(o.workspace);
    } else if (!o.demo) {
        // Later starts reopen the last workspace; the first one opens the demo.
        const QString last = QSettings().value("lastWorkspace").toString();
        if (!last.isEmpty() && QFileInfo::exists(last)) opened = co_await w.openWorkspace(last);
    }
    if (!opened && (o.workspace.isEmpty() || o.demo)) {
        opened = co_await w.openDemo();
        if (opened) w.fillDemoViews();
    }
    if (!opened && !o.screenshot_dir.isEmpty()) {
        std::fprintf(stderr, "oci-proxy-console: %s\n", qPrintable(w.lastError()));
        co_return 3;
    }

    if (o.exit_when_ready) {
        // One pass of the event loop: the window has painted with the data.
        co_await QCoro::sleepFor(std::chrono::milliseconds(0));
        std::printf("ready in %.1f ms (workspace loaded in %.1f ms, table built in %.1f ms)\n",
                    double(clock.nsecsElapsed()) / 1e6, w.document()->lastLoadMs(),
                    w.document()->lastBuildMs());
        co_return 0;
    }
    for (const auto& u : o.metrics)
        w.liveView()->addSource(SourceConfig::direct(QUrl(u)));
    for (const auto& u : o.prometheus)
        w.liveView()->addSource(SourceConfig::prometheus(QUrl(u)));
    if (!o.screenshot_dir.isEmpty()) {
        // The Live view with data: a few polls of every source first (the
        // demo proxy's once it listens, polled every second meanwhile).
        QElapsedTimer waited;
        waited.start();
        if (w.liveView()->demoProxy()->state() == DemoProxy::State::Starting) {
            w.liveView()->setIntervalSeconds(1);
            while (waited.elapsed() < 15000 &&
                   w.liveView()->demoProxy()->state() == DemoProxy::State::Starting)
                co_await QCoro::sleepFor(std::chrono::milliseconds(50));
        }
        const auto& sources = w.liveView()->sources();
        while (waited.elapsed() < 20000 &&
               std::any_of(sources.begin(), sources.end(),
                           [](const auto& s) { return s->store().size() < 3; }))
            co_await QCoro::sleepFor(std::chrono::milliseconds(100));
        if (w.lookupView()->input()->toPlainText().isEmpty()) {
            w.lookupView()->input()->setPlainText(MainWindow::sampleLookups());
            co_await qCoro(w.lookupView(), &LookupView::computed, std::chrono::seconds(30));
        } else if (w.lookupView()->model()->rowCount() == 0) {
            co_await qCoro(w.lookupView(), &LookupView::computed, std::chrono::seconds(30));
        }
        w.lookupView()->selectFirstAttention();
        // The what-if views' runs (worker threads) before their pictures.
        QElapsedTimer computing;
        computing.start();
        while (w.isComputing() && computing.elapsed() < 30000)
            co_await QCoro::sleepFor(std::chrono::milliseconds(50));
        if (auto st = w.saveScreenshots(o.screenshot_dir); !st) {
            std::fprintf(stderr, "oci-proxy-console: %s\n", st.error().what().c_str());
            co_return 3;
        }
        std::size_t points = 0;
        for (const auto& src : sources)
            points += src->store().size();
        std::printf("screenshots written to %s (live: %zu source(s), %zu points)\n",
                    qPrintable(o.screenshot_dir), sources.size(), points);
        co_return 0;
    }
    co_return -1; // keep running
}

// The command line, described once for the GUI start and for the answers
// that need no display (--help, --version).
struct Flags {
    QCommandLineOption demo{"demo", "Open the built-in demo workspace."};
    QCommandLineOption shots{"screenshot",
                             "Render each main view to DIR/<view>.png and exit (with "
                             "QT_QPA_PLATFORM=offscreen no display is needed).",
                             "DIR"};
    QCommandLineOption ready{"exit-when-ready",
                             "Exit once the window shows the loaded workspace, printing how long "
                             "that took (for start-up benchmarks)."};
    QCommandLineOption metrics{
        "metrics", "Watch this oci-proxy /metrics URL in the Live view (repeatable).", "URL"};
    QCommandLineOption prometheus{
        "prometheus", "Watch the proxies a Prometheus server scrapes (its base URL).", "URL"};
    QCommandLineOption interval{"interval", "Live polling interval in seconds (1-60).", "S"};

    void describe(QCommandLineParser& parser) const {
        parser.setApplicationDescription(
            "The registry.k8s.io routing console: range files, bucket map, lookups, what-if\n"
            "simulations, live metrics and the bucket planner.\n"
            "Opens WORKSPACE, else the last workspace, else the built-in demo.");
        parser.addHelpOption();
        parser.addVersionOption();
        parser.addPositionalArgument("WORKSPACE", "Workspace file to open (JSON).", "[WORKSPACE]");
        parser.addOptions({demo, shots, ready, metrics, prometheus, interval});
    }
};

void name_application() {
    QCoreApplication::setOrganizationName("oci-proxy");
    QCoreApplication::setApplicationName("oci-proxy-console");
    QCoreApplication::setApplicationVersion(OCIPROXY_VERSION);
}

// True when the command line only asks for help or the version: those are
// answered with a QCoreApplication, as QApplication aborts where there is no
// display (an ssh session, a container) before it could print anything.
bool asks_only_for_text(int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        const std::string_view a = argv[i];
        if (a == "--help" || a == "-h" || a == "-?" || a == "--help-all" || a == "--version" ||
            a == "-v")
            return true;
    }
    return false;
}

} // namespace

int main(int argc, char** argv) {
    if (asks_only_for_text(argc, argv)) {
        QCoreApplication core(argc, argv);
        name_application();
        const Flags flags;
        QCommandLineParser parser;
        flags.describe(parser);
        parser.process(core); // prints and exits
        return 0;
    }
    QElapsedTimer clock;
    clock.start();
    QApplication app(argc, argv);
    name_application();
    QApplication::setDesktopFileName("io.k8s.OciProxyConsole");
    QApplication::setWindowIcon(app_icon());

    Flags flags;
    QCommandLineParser parser;
    flags.describe(parser);
    parser.process(app);
    if (parser.positionalArguments().size() > 1) {
        std::fprintf(stderr, "oci-proxy-console: at most one WORKSPACE (see --help)\n");
        return 2;
    }

    Options o;
    o.workspace = parser.positionalArguments().value(0);
    o.demo = parser.isSet(flags.demo);
    o.screenshot_dir = parser.value(flags.shots);
    o.exit_when_ready = parser.isSet(flags.ready);
    o.metrics = parser.values(flags.metrics);
    o.prometheus = parser.values(flags.prometheus);
    for (const auto& u : o.metrics + o.prometheus) {
        const QUrl url(u);
        if (!url.isValid() || (url.scheme() != "http" && url.scheme() != "https")) {
            std::fprintf(stderr, "oci-proxy-console: not an http(s) URL: %s\n", qPrintable(u));
            return 2;
        }
    }
    if (parser.isSet(flags.interval)) {
        bool ok = false;
        o.interval = parser.value(flags.interval).toInt(&ok);
        if (!ok || o.interval < 1 || o.interval > 60) {
            std::fprintf(stderr, "oci-proxy-console: --interval takes 1 to 60 seconds\n");
            return 2;
        }
    }

    MainWindow w;
    if (o.interval > 0) w.liveView()->setIntervalSeconds(o.interval);
    // Sources given on the command line replace the remembered ones.
    if (o.metrics.isEmpty() && o.prometheus.isEmpty() && o.screenshot_dir.isEmpty() &&
        !o.exit_when_ready)
        w.liveView()->restoreSources();
    w.show();
    // Started from inside the event loop: a start that fails without
    // waiting for anything must still be able to exit it.
    QTimer::singleShot(0, &app, [&] {
        QCoro::connect(start(w, o, clock), &app, [](int code) {
            if (code >= 0) QCoreApplication::exit(code);
        });
    });
    return app.exec();
}
