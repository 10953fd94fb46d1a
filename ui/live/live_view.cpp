#include "ui/live/live_view.h"

#include "core/file_io.h"
#include "ui/icons.h"
#include "ui/live/live_source_model.h"
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
    , m_window(new QComboBox(this)) {
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
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 5);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_toolBar);
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

LiveView::~LiveView() = default;

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
        list << QString("%1|%2|%3")
                    .arg(c.kind == SourceConfig::Kind::Direct ? "direct" : "prometheus",
                         c.url.toString(), c.caFile);
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
    std::vector<const MetricsSource*> sources;
    double latest = 0;
    for (const auto& s : m_sources) {
        sources.push_back(s.get());
        if (!s->store().times().empty()) latest = std::max(latest, s->store().times().back());
    }
    const double t1 = latest > 0 ? std::max(latest, now_s() - intervalSeconds()) : now_s();
    for (auto* v : m_charts)
        v->redraw(sources, t1 - windowSeconds(), t1);
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
    connect(kind, &QComboBox::currentIndexChanged, &d, [url](int i) {
        url->setText(i == 0 ? "http://127.0.0.1:9102/metrics" : "http://127.0.0.1:9090");
    });
    auto* form = new QFormLayout;
    form->addRow(tr("Kind:"), kind);
    form->addRow(tr("URL:"), url);
    form->addRow(tr("CA file:"), ca);
    form->addRow(tr("Bearer token:"), token);
    form->addRow(tr("Basic auth user:"), user);
    form->addRow(tr("Password:"), password);
    auto* error = new QLabel(&d);
    error->setWordWrap(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &d);
    connect(buttons, &QDialogButtonBox::accepted, &d, [&] {
        const QUrl u(url->text().trimmed());
        if (!u.isValid() || (u.scheme() != "http" && u.scheme() != "https") || u.host().isEmpty()) {
            error->setText(tr("Enter an http:// or https:// URL."));
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
    addSource(c);
}

} // namespace ociproxy::ui
