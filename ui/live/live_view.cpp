#include "ui/live/live_view.h"

#include "core/file_io.h"
#include "core/metrics/live_queries.h"
#include "core/metrics/live_sum.h"
#include "ui/icons.h"
#include "ui/live/demo_proxy.h"
#include "ui/live/live_source_model.h"
#include "ui/live/traffic_replayer.h"
#include "ui/views/filtered_table.h"

#include <QAction>
#include <QComboBox>
#include <QDateTime>
#include <QDialog>
#include <QDialogButtonBox>
#include <QElapsedTimer>
#include <QFileDialog>
#include <QFormLayout>
#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QScrollArea>
#include <QSettings>
#include <QSpinBox>
#include <QSplitter>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

namespace ociproxy::ui {
namespace {

// Long enough for the longest window; older ticks are dropped.
constexpr double kKeepSeconds = 24 * 3600;

double now_s() {
    return double(QDateTime::currentMSecsSinceEpoch()) / 1000.0;
}

const char* chart_file_name(LiveChart c) {
    switch (c) {
    case LiveChart::Requests:
        return "requests";
    case LiveChart::Egress:
        return "egress";
    case LiveChart::Checks:
        return "blob-checks";
    case LiveChart::Cost:
        return "cost";
    case LiveChart::Latency:
        return "latency";
    }
    return "chart";
}

} // namespace

LiveView::LiveView(QWidget* parent)
    : QWidget(parent)
    , m_model(new LiveSourceModel(this))
    , m_table(new FilteredTable(m_model, tr("Sources"), this))
    , m_toolBar(new QToolBar(this))
    , m_interval(new QSpinBox(this))
    , m_window(new QComboBox(this))
    , m_combine(new QComboBox(this))
    , m_status(new QLabel(this))
    , m_demo(new DemoProxy(this)) {
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    auto* add =
        m_toolBar->addAction(icon("add"), tr("Add Source…"), this, &LiveView::addSourceDialog);
    add->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_M));
    m_toolBar->addAction(icon("remove"), tr("Remove Source"), this, [this] {
        const QModelIndex i = m_table->view()->currentIndex();
        if (i.isValid()) removeSource(m_table->proxy()->mapToSource(i).row());
    });
    m_toolBar->addSeparator();
    m_toolBar->addWidget(new QLabel(tr(" Every "), this));
    m_interval->setRange(1, 60);
    m_interval->setSuffix(tr(" s"));
    m_interval->setToolTip(tr("Polling interval"));
    m_toolBar->addWidget(m_interval);
    m_toolBar->addWidget(new QLabel(tr("  Window "), this));
    for (const auto& [label, s] : {std::pair{tr("5 min"), 300},
                                   {tr("15 min"), 900},
                                   {tr("1 hour"), 3600},
                                   {tr("6 hours"), 6 * 3600},
                                   {tr("24 hours"), 24 * 3600}})
        m_window->addItem(label, s);
    m_toolBar->addWidget(m_window);
    m_toolBar->addWidget(new QLabel(tr("  Show "), this));
    m_combine->addItem(tr("Sum across sources"), true);
    m_combine->addItem(tr("Each source"), false);
    m_combine->setToolTip(tr("With several sources: one line per series summed across them "
                             "(latency: the worst source), or every source's own lines"));
    m_toolBar->addWidget(m_combine);
    connect(m_combine, &QComboBox::currentIndexChanged, this, &LiveView::scheduleRedraw);
    m_toolBar->addSeparator();
    m_demoAction = m_toolBar->addAction(tr("Start Demo Proxy"), this, [this] {
        if (m_demo->state() == DemoProxy::State::Running ||
            m_demo->state() == DemoProxy::State::Starting)
            stopDemoProxy();
        else
            startDemoProxy();
    });
    m_demoAction->setToolTip(tr("Run oci-proxy --demo on a free loopback port with a demo bucket, "
                                "replay the built-in traffic to it and chart it"));
    m_toolBar->addSeparator();
    m_pause = m_toolBar->addAction(tr("Pause"), this, [this] { setPaused(!m_paused); });
    m_pause->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_P));
    m_toolBar->addAction(icon("reload"), tr("Clear"), this, &LiveView::clear);
    auto* exportButton = new QToolButton(this);
    exportButton->setText(tr("Export"));
    exportButton->setIcon(icon("export"));
    exportButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    exportButton->setPopupMode(QToolButton::InstantPopup);
    auto* exportMenu = new QMenu(exportButton);
    for (const LiveChart c : kLiveCharts) {
        auto* sub = exportMenu->addMenu(QString::fromLatin1(live_chart_title(c).data()));
        sub->addAction(tr("PNG image…"), this, [this, c] { exportDialog(c, false); });
        sub->addAction(tr("CSV data…"), this, [this, c] { exportDialog(c, true); });
    }
    exportButton->setMenu(exportMenu);
    m_toolBar->addWidget(exportButton);

    m_table->view()->horizontalHeader()->setStretchLastSection(true);
    m_table->view()->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->setMinimumHeight(90);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->hide();
    connect(m_demo, &DemoProxy::started, this, [this] {
        SourceConfig c = SourceConfig::direct(m_demo->metricsUrl());
        c.demo = true;
        addSource(c);
        updateDemoStatus();
    });
    connect(m_demo, &DemoProxy::failed, this, [this] {
        for (std::size_t i = m_sources.size(); i-- > 0;)
            if (m_sources[i]->config().demo) removeSource(int(i));
        updateDemoStatus();
    });
    connect(m_demo->replayer(), &TrafficReplayer::progressed, this, &LiveView::updateDemoStatus);
    auto* grid = new QGridLayout;
    auto* charts = new QWidget(this);
    charts->setLayout(grid);
    for (std::size_t i = 0; i < kLiveChartCount; ++i) {
        auto* v = new LiveChartView(kLiveCharts[i], charts);
        v->setContextMenuPolicy(Qt::ActionsContextMenu);
        auto* png = new QAction(tr("Export PNG…"), v);
        connect(png, &QAction::triggered, this,
                [this, c = kLiveCharts[i]] { exportDialog(c, false); });
        auto* csv = new QAction(tr("Export CSV…"), v);
        connect(csv, &QAction::triggered, this,
                [this, c = kLiveCharts[i]] { exportDialog(c, true); });
        v->addAction(png);
        v->addAction(csv);
        m_charts[i] = v;
        grid->addWidget(v, int(i / 2), int(i % 2));
    }
    auto* scroll = new QScrollArea(this);
    scroll->setWidget(charts);
    scroll->setWidgetResizable(true);
    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_table);
    split->addWidget(scroll);
    split->setChildrenCollapsible(false);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 5);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_toolBar);
    layout->addWidget(m_status);
    layout->addWidget(split, 1);

    QSettings settings;
    m_interval->setValue(settings.value("live/interval", 5).toInt());
    const int window = settings.value("live/window", 300).toInt();
    m_window->setCurrentIndex(std::max(0, m_window->findData(window)));
    connect(m_interval, &QSpinBox::valueChanged, this, [this](int s) {
        m_timer.setInterval(s * 1000);
        QSettings().setValue("live/interval", s);
    });
    connect(m_window, &QComboBox::currentIndexChanged, this, [this] {
        QSettings().setValue("live/window", windowSeconds());
        scheduleRedraw();
    });
    m_timer.setInterval(m_interval->value() * 1000);
    connect(&m_timer, &QTimer::timeout, this, &LiveView::pollNow);
    m_redraw.setSingleShot(true);
    m_redraw.setInterval(0);
    connect(&m_redraw, &QTimer::timeout, this, &LiveView::redrawNow);
    redrawNow();
}

LiveView::~LiveView() {
    // The demo proxy's process goes with the view, never outlives the console.
    m_demo->stop();
}

void LiveView::startDemoProxy() {
    m_demo->start();
    updateDemoStatus();
}

void LiveView::stopDemoProxy() {
    m_demo->stop();
    for (std::size_t i = m_sources.size(); i-- > 0;)
        if (m_sources[i]->config().demo) removeSource(int(i));
    updateDemoStatus();
}

void LiveView::updateDemoStatus() {
    const auto st = m_demo->state();
    const bool on = st == DemoProxy::State::Running || st == DemoProxy::State::Starting;
    m_demoAction->setText(on ? tr("Stop Demo Proxy") : tr("Start Demo Proxy"));
    m_status->setVisible(st != DemoProxy::State::Stopped);
    m_status->setText(m_demo->describe());
}

void LiveView::setSumSources(bool sum) {
    m_combine->setCurrentIndex(sum ? 0 : 1);
}

bool LiveView::sumSources() const {
    return m_combine->currentData().toBool();
}

QString LiveView::emptyReason(LiveChart c) const {
    if (m_sources.empty())
        return tr("No source yet: Add Source… (Ctrl+M) for a proxy's /metrics\nor a Prometheus "
                  "server, or Start Demo Proxy for a local demo.");
    for (const auto& s : m_sources)
        if (s->state() == SourceState::Ok && s->store().size() > 0) {
            if (c == LiveChart::Egress) {
                const auto& checks = s->store().series(LiveChart::Checks);
                const bool failing = checks.count("error") || checks.count("timeout");
                if (failing && !checks.count("found") && !checks.count("cache_hit"))
                    return tr("Egress unknown: every blob check failed (errors or timeouts),\nso "
                              "no blob size is known. See Blob checks and the buckets.");
                return tr("No redirected bytes in this window: no blob was sent to a bucket.");
            }
            if (s->store().size() < 2) return tr("Waiting for a second scrape: rates need two.");
            return tr("Nothing of this kind in this window.");
        }
    QStringList why;
    for (const auto& s : m_sources)
        why << s->config().label() + ": " +
                   (s->reason().isEmpty() ? source_state_name(s->state()) : s->reason());
    return tr("No data yet.\n%1").arg(why.join('\n'));
}

MetricsSource* LiveView::addSource(const SourceConfig& config) {
    m_sources.push_back(std::make_unique<MetricsSource>(config));
    MetricsSource* s = m_sources.back().get();
    connect(s, &MetricsSource::updated, this, &LiveView::scheduleRedraw);
    std::vector<MetricsSource*> all;
    for (auto& x : m_sources)
        all.push_back(x.get());
    m_model->setSources(all);
    saveSources();
    if (!m_paused) {
        if (!m_timer.isActive()) m_timer.start();
        s->poll(now_s(), windowSeconds(), intervalSeconds());
    }
    return s;
}

void LiveView::removeSource(int index) {
    if (index < 0 || std::size_t(index) >= m_sources.size()) return;
    std::vector<MetricsSource*> rest;
    for (std::size_t i = 0; i < m_sources.size(); ++i)
        if (int(i) != index) rest.push_back(m_sources[i].get());
    m_model->setSources(rest);
    // A poll in flight notices through its QPointer and stops there.
    m_sources[std::size_t(index)].release()->deleteLater();
    m_sources.erase(m_sources.begin() + index);
    saveSources();
    scheduleRedraw();
}

void LiveView::saveSources() const {
    // Tokens and passwords are not written to the settings file.
    QStringList list;
    for (const auto& s : m_sources) {
        const auto& c = s->config();
        if (c.demo) continue; // its ports are gone with it
        list << QString("%1|%2|%3|%4")
                    .arg(c.kind == SourceConfig::Kind::Direct ? "direct" : "prometheus",
                         c.url.toString(), c.caFile, c.selector);
    }
    QSettings().setValue("live/sources", list);
}

void LiveView::restoreSources() {
    for (const auto& entry : QSettings().value("live/sources").toStringList()) {
        const QStringList f = entry.split('|');
        if (f.size() < 2) continue;
        SourceConfig c;
        c.kind = f[0] == "prometheus" ? SourceConfig::Kind::Prometheus : SourceConfig::Kind::Direct;
        c.url = QUrl(f[1]);
        c.caFile = f.value(2);
        // The selector may hold '|' itself: it is the rest of the entry.
        c.selector = f.mid(3).join('|');
        if (c.url.isValid()) addSource(c);
    }
}

void LiveView::setIntervalSeconds(int s) {
    m_interval->setValue(s);
}

int LiveView::intervalSeconds() const {
    return m_interval->value();
}

void LiveView::setWindowSeconds(int s) {
    const int i = m_window->findData(s);
    if (i >= 0) m_window->setCurrentIndex(i);
}

int LiveView::windowSeconds() const {
    return m_window->currentData().toInt();
}

void LiveView::setPaused(bool paused) {
    m_paused = paused;
    m_pause->setText(paused ? tr("Resume") : tr("Pause"));
    if (paused)
        m_timer.stop();
    else if (!m_sources.empty())
        m_timer.start();
}

void LiveView::clear() {
    for (auto& s : m_sources)
        s->clear();
    scheduleRedraw();
}

void LiveView::pollNow() {
    const double now = now_s();
    for (auto& s : m_sources) {
        s->trim(now - kKeepSeconds);
        s->poll(now, windowSeconds(), intervalSeconds());
    }
}

void LiveView::scheduleRedraw() {
    m_redraw.start();
}

void LiveView::redrawNow() {
    QElapsedTimer t;
    t.start();
    std::vector<LiveChartView::Input> inputs;
    double latest = 0;
    for (const auto& s : m_sources)
        if (!s->store().times().empty()) latest = std::max(latest, s->store().times().back());
    if (m_sources.size() > 1 && sumSources()) {
        std::vector<const LiveStore*> stores;
        for (const auto& s : m_sources)
            stores.push_back(&s->store());
        m_sum = sum_live_stores(stores, intervalSeconds());
        inputs.push_back({tr("sum of %1: ").arg(m_sources.size()), &m_sum});
    } else {
        for (const auto& s : m_sources)
            inputs.push_back(
                {m_sources.size() > 1 ? s->config().label() + ": " : QString(), &s->store()});
    }
    const double t1 = latest > 0 ? std::max(latest, now_s() - intervalSeconds()) : now_s();
    for (auto* v : m_charts) {
        v->setEmptyReason(emptyReason(v->which()));
        v->redraw(inputs, t1 - windowSeconds(), t1);
    }
    emit redrawn(double(t.nsecsElapsed()) / 1e6);
}

Status LiveView::exportPng(LiveChart c, const QString& path) const {
    if (!chartView(c)->grab().save(path))
        return Error{"cannot write the image", path.toStdString()};
    return {};
}

Status LiveView::exportCsv(LiveChart c, const QString& path) const {
    // One block per source, each with its own time column.
    std::string out;
    if (m_sources.size() > 1 && sumSources()) {
        out += "# sum across " + std::to_string(m_sources.size()) + " sources\n";
        out += m_sum.to_csv(c);
    }
    for (const auto& s : m_sources) {
        if (m_sources.size() > 1) out += "# " + s->config().url.toString().toStdString() + "\n";
        out += s->store().to_csv(c);
    }
    return write_file_atomic(path.toStdString(), out);
}

void LiveView::exportDialog(LiveChart c, bool csv) {
    const QString name = QString::fromLatin1(chart_file_name(c)) + (csv ? ".csv" : ".png");
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export Chart"), name, csv ? tr("CSV (*.csv)") : tr("PNG images (*.png)"));
    if (path.isEmpty()) return;
    const Status st = csv ? exportCsv(c, path) : exportPng(c, path);
    if (!st)
        QMessageBox::warning(this, tr("Export failed"), QString::fromStdString(st.error().what()));
}

void LiveView::addSourceDialog() {
    QDialog d(this);
    d.setWindowTitle(tr("Add Metrics Source"));
    auto* kind = new QComboBox(&d);
    kind->addItem(tr("oci-proxy /metrics endpoint"));
    kind->addItem(tr("Prometheus server (history, then polling)"));
    auto* url = new QLineEdit("http://127.0.0.1:9102/metrics", &d);
    url->setMinimumWidth(380);
    auto* ca = new QLineEdit(&d);
    ca->setPlaceholderText(tr("PEM file with a private CA (optional)"));
    auto* token = new QLineEdit(&d);
    token->setEchoMode(QLineEdit::Password);
    auto* user = new QLineEdit(&d);
    auto* password = new QLineEdit(&d);
    password->setEchoMode(QLineEdit::Password);
    auto* selector = new QLineEdit(&d);
    selector->setPlaceholderText(QStringLiteral("job=\"oci-proxy\""));
    selector->setToolTip(tr("Prometheus label matchers every query is restricted to"));
    auto* queries = new QLabel(&d);
    queries->setWordWrap(true);
    queries->setTextInteractionFlags(Qt::TextSelectableByMouse);
    const auto showQueries = [&] {
        SourceConfig preview = SourceConfig::prometheus(QUrl(url->text().trimmed()));
        preview.selector = selector->text().trimmed();
        const bool prom = kind->currentIndex() == 1;
        selector->setEnabled(prom);
        if (!prom) {
            queries->setText(tr("Scrapes the endpoint every interval; rates between scrapes."));
            return;
        }
        const Status ok = check_label_selector(preview.selector.toStdString());
        queries->setText(ok ? tr("Queries run:\n") + preview.queries(intervalSeconds()).join('\n')
                            : QString::fromStdString(ok.error().what()));
    };
    connect(selector, &QLineEdit::textChanged, &d, showQueries);
    connect(kind, &QComboBox::currentIndexChanged, &d, [url, showQueries](int i) {
        url->setText(i == 0 ? "http://127.0.0.1:9102/metrics" : "http://127.0.0.1:9090");
        showQueries();
    });
    showQueries();
    auto* form = new QFormLayout;
    form->addRow(tr("Kind:"), kind);
    form->addRow(tr("URL:"), url);
    form->addRow(tr("CA file:"), ca);
    form->addRow(tr("Bearer token:"), token);
    form->addRow(tr("Basic auth user:"), user);
    form->addRow(tr("Password:"), password);
    form->addRow(tr("Label selector:"), selector);
    form->addRow(queries);
    auto* error = new QLabel(&d);
    error->setWordWrap(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &d);
    connect(buttons, &QDialogButtonBox::accepted, &d, [&] {
        const QUrl u(url->text().trimmed());
        if (!u.isValid() || (u.scheme() != "http" && u.scheme() != "https") || u.host().isEmpty()) {
            error->setText(tr("Enter an http:// or https:// URL."));
            return;
        }
        if (const Status ok = check_label_selector(selector->text().trimmed().toStdString());
            kind->currentIndex() == 1 && !ok) {
            error->setText(QString::fromStdString(ok.error().what()));
            return;
        }
        d.accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, &d, &QDialog::reject);
    auto* layout = new QVBoxLayout(&d);
    layout->addLayout(form);
    layout->addWidget(error);
    layout->addWidget(buttons);
    if (d.exec() != QDialog::Accepted) return;
    SourceConfig c;
    c.kind =
        kind->currentIndex() == 0 ? SourceConfig::Kind::Direct : SourceConfig::Kind::Prometheus;
    c.url = QUrl(url->text().trimmed());
    c.caFile = ca->text().trimmed();
    c.bearerToken = token->text();
    c.user = user->text();
    c.password = password->text();
    if (c.kind == SourceConfig::Kind::Prometheus) c.selector = selector->text().trimmed();
    addSource(c);
}

} // namespace ociproxy::ui
