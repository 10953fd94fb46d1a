#include "ui/views/simulation_view.h"

#include "core/digest/sha256.h"
#include "core/file_io.h"
#include "core/report/axis_scale.h"
#include "core/report/provenance.h"
#include "core/report/report_text.h"
#include "core/simulate/scenario_builder.h"
#include "core/workspace/range_source.h"
#include "resources/planner_data.h"
#include "ui/lookup/explain_html.h"
#include "ui/models/aggregate_table_model.h"
#include "ui/plan/traffic_map.h"
#include "ui/plan/world_map_widget.h"
#include "ui/views/bar_chart_axes.h"
#include "ui/views/chart_export.h"
#include "ui/views/chart_palette.h"
#include "ui/views/drill_down_dialog.h"
#include "ui/views/filtered_table.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QDateTime>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHorizontalBarSeries>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPainter>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTextBrowser>
#include <QTimer>
#include <QVBoxLayout>
#include <QValueAxis>
#include <QtConcurrent>

namespace ociproxy::ui {
namespace {

// Top `n` rows of a rollup as chart bars, largest first, on an axis with
// round ticks in a unit people read (bytes scaled to KiB…TiB, dollars with
// fixed decimals).
QChart* bar_chart(const QString& title, const std::vector<std::pair<QString, double>>& bars,
                  AxisQuantity quantity) {
    auto* chart = new QChart;
    chart->setTitle(title);
    chart->legend()->hide();
    double max = 0;
    for (const auto& b : bars)
        max = std::max(max, b.second);
    const AxisScale scale = nice_axis(max, quantity);
    auto* set = new QBarSet(QString::fromStdString(scale.unit));
    set->setColor(chart_color(0));
    QStringList names;
    // Horizontal bars draw bottom-up: reversed so the largest is on top.
    for (auto it = bars.rbegin(); it != bars.rend(); ++it) {
        *set << it->second / scale.divisor;
        names << it->first;
    }
    auto* series = new QHorizontalBarSeries;
    series->append(set);
    series->setLabelsVisible(false);
    add_horizontal_bars(chart, series, names, scale);
    return chart;
}

std::vector<std::pair<QString, double>> top(const SimulationResult& r, SimulationResult::By by,
                                            bool cost, double scale, std::size_t n) {
    auto rows = r.rollup(by);
    if (cost)
        std::stable_sort(rows.begin(), rows.end(),
                         [](const Aggregate& a, const Aggregate& b) { return a.usd > b.usd; });
    std::vector<std::pair<QString, double>> out;
    for (const auto& a : rows) {
        if (out.size() == n) break;
        QString name;
        switch (by) {
        case SimulationResult::By::Backend:
            name = QString::fromLatin1(backend_name(a.backend).data());
            break;
        case SimulationResult::By::Bucket:
            name = QString::fromStdString(a.bucket);
            break;
        case SimulationResult::By::Cloud:
            name = QString::fromStdString(a.cloud);
            break;
        case SimulationResult::By::Region:
            name = QString::fromStdString(a.cloud + " " + a.region);
            break;
        }
        out.emplace_back(name, (cost ? a.usd : double(a.bytes)) / scale);
    }
    return out;
}

} // namespace

SimulationView::SimulationView(WorkspaceDocument* doc, QWidget* parent)
    : QWidget(parent)
    , m_doc(doc)
    , m_path(new QLineEdit(this))
    , m_run(new QPushButton(tr("Run"), this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
    , m_progress(new QProgressBar(this))
    , m_summary(new QLabel(this))
    , m_model(new AggregateTableModel(this))
    , m_table(new FilteredTable(m_model, tr("Where requests go"), this))
    , m_explain(new QTextBrowser(this))
    , m_map(new WorldMapWidget(this))
    , m_bytes(new QDoubleSpinBox(this)) {
    m_path->setPlaceholderText(
        tr("Traffic file: IP list, CSV, Cloud Logging JSON (lines or array), access log or "
           "combined log (or drop one on the window)"));
    auto* browse = new QPushButton(tr("Open Traffic…"), this);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getOpenFileName(this, tr("Open Traffic"));
        if (!f.isEmpty()) {
            setTrafficFile(f);
            run();
        }
    });
    auto* exportButton = new QPushButton(tr("Export…"), this);
    connect(exportButton, &QPushButton::clicked, this, &SimulationView::exportDialog);
    connect(m_run, &QPushButton::clicked, this, &SimulationView::run);
    connect(m_path, &QLineEdit::returnPressed, this, &SimulationView::run);
    connect(m_cancel, &QPushButton::clicked, this, &SimulationView::cancel);
    m_cancel->setEnabled(false);
    m_progress->setRange(0, 1000);
    m_progress->setVisible(false);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_explain->setPlaceholderText(tr("Select a row to see why its requests go there."));

    // The one number a traffic file without sizes leaves to us: shown and
    // edited next to the run, kept in the workspace.
    m_bytes->setRange(0.001, 1 << 20);
    m_bytes->setDecimals(3);
    m_bytes->setSuffix(tr(" MiB"));
    m_bytes->setKeyboardTracking(false);
    m_bytes->setToolTip(tr("Bytes a blob GET moves when its traffic row and the blob policy give "
                           "no size (a typical layer). Kept in the workspace; oci-route uses "
                           "the same value."));
    m_bytes->setValue(double(m_doc->workspace().default_blob_bytes) / (1 << 20));
    connect(m_bytes, &QDoubleSpinBox::valueChanged, this, [this](double mib) {
        const auto bytes = std::uint64_t(mib * (1 << 20) + 0.5);
        if (bytes == m_doc->workspace().default_blob_bytes) return;
        if (auto st = m_doc->setDefaultBlobBytes(bytes); !st)
            m_summary->setText(tr("<b>Not changed:</b> %1")
                                   .arg(QString::fromStdString(st.error().what()).toHtmlEscaped()));
    });
    connect(m_doc, &WorkspaceDocument::changed, this, [this] {
        const QSignalBlocker block(m_bytes);
        m_bytes->setValue(double(m_doc->workspace().default_blob_bytes) / (1 << 20));
    });
    auto* top_row = new QHBoxLayout;
    top_row->addWidget(m_path, 1);
    top_row->addWidget(browse);
    top_row->addWidget(new QLabel(tr("Unsized blob GET:"), this));
    top_row->addWidget(m_bytes);
    top_row->addWidget(m_run);
    top_row->addWidget(m_cancel);
    top_row->addWidget(exportButton);
    auto* drill = new QPushButton(tr("Drill Down…"), this);
    drill->setToolTip(tr("The selected group's top clients and prefixes (or double-click a row)"));
    connect(drill, &QPushButton::clicked, this, [this] {
        const QModelIndex i = m_table->view()->currentIndex();
        const int row = i.isValid() ? m_table->proxy()->mapToSource(i).row() : 0;
        if (m_result && row < m_model->rowCount()) drillDown(DrillFilter::of(m_model->row(row)));
    });
    connect(m_table->view(), &QTableView::doubleClicked, this, [this](const QModelIndex& i) {
        const int row = m_table->proxy()->mapToSource(i).row();
        if (m_result && row >= 0) drillDown(DrillFilter::of(m_model->row(row)));
    });
    auto* unmatched = new QPushButton(tr("Unmatched Clients…"), this);
    unmatched->setToolTip(tr("Clients no published range covers: list and export them"));
    connect(unmatched, &QPushButton::clicked, this, [this] {
        if (m_result) drillDown(DrillFilter::unmatched());
    });
    top_row->addWidget(drill);
    top_row->addWidget(unmatched);
    auto* charts = new QWidget(this);
    auto* chartRow = new QHBoxLayout(charts);
    chartRow->setContentsMargins(0, 0, 0, 0);
    for (auto*& c : m_charts) {
        c = new QChartView(charts);
        c->setRenderHint(QPainter::Antialiasing);
        c->setMinimumHeight(280);
        chartRow->addWidget(c);
    }
    auto* lower = new QSplitter(Qt::Horizontal, this);
    lower->addWidget(m_table);
    auto* side = new QTabWidget(this);
    side->addTab(m_explain, tr("Why"));
    side->addTab(m_map, tr("Map"));
    m_map->setEmptyText(tr("Run a simulation to see where AWS clients' blob traffic goes."));
    lower->addWidget(side);
    lower->setStretchFactor(0, 3);
    lower->setStretchFactor(1, 2);
    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(charts);
    split->addWidget(lower);
    m_results = split;
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top_row);
    layout->addWidget(m_progress);
    layout->addWidget(m_summary);
    layout->addWidget(split, 1);

    connect(&m_watcher, &QFutureWatcherBase::finished, this, &SimulationView::done);
    connect(m_table, &FilteredTable::currentSourceRowChanged, this, &SimulationView::showExplain);
    // Progress is read from the workers' counter on a timer: no signal per block.
    auto* tick = new QTimer(this);
    tick->setInterval(50);
    connect(tick, &QTimer::timeout, this, [this] {
        if (m_watcher.isRunning()) m_progress->setValue(m_permille.load());
    });
    tick->start();
}

SimulationView::~SimulationView() {
    m_cancelFlag = true;
    m_watcher.waitForFinished();
}

DrillDownDialog* SimulationView::drillDown(const DrillFilter& filter) {
    if (!m_result || !m_router) return nullptr;
    // The run's own routing and inputs: the drill-down explains the numbers
    // shown, not what the workspace has become since.
    auto* d = new DrillDownDialog(m_router, m_runWorkspace,
                                  QString::fromStdString(m_result->source), filter, this);
    d->setAttribute(Qt::WA_DeleteOnClose);
    connect(d, &DrillDownDialog::explainClient, this, &SimulationView::explainClient);
    d->show();
    d->start();
    return d;
}

void SimulationView::setTrafficFile(const QString& path) {
    m_path->setText(QDir::toNativeSeparators(path));
}

QString SimulationView::trafficFile() const {
    return QDir::fromNativeSeparators(m_path->text().trimmed());
}

void SimulationView::run() {
    // No file typed: the workspace's traffic.
    if (trafficFile().isEmpty() && !m_doc->workspace().traffic_file.empty())
        setTrafficFile(QString::fromStdString(m_doc->workspace().traffic_file));
    if (m_watcher.isRunning() || trafficFile().isEmpty()) return;
    auto router = m_doc->router();
    if (!router) return;
    m_pending = router;
    m_pendingWorkspace = m_doc->workspace();
    // The digests of the ranges as this run uses them (hashed when loaded).
    m_pendingDigests.clear();
    for (const auto& name : m_pendingWorkspace.range_sources)
        if (const auto src = m_doc->source(name)) m_pendingDigests[name] = src->sha256;
    m_cancelFlag = false;
    m_permille = 0;
    m_error.clear();
    m_progress->setValue(0);
    m_progress->setVisible(true);
    m_run->setEnabled(false);
    m_cancel->setEnabled(true);
    m_summary->setText(tr("Simulating %1…").arg(QFileInfo(trafficFile()).fileName()));
    m_started = QDateTime::currentMSecsSinceEpoch();
    const std::string path = trafficFile().toStdString();
    const Workspace ws = m_doc->workspace();
    std::atomic<bool>* cancel = &m_cancelFlag;
    std::atomic<int>* permille = &m_permille;
    m_watcher.setFuture(QtConcurrent::run([router, path, ws, cancel, permille]() -> Outcome {
        auto presence = make_blob_presence(ws.blobs, router->buckets());
        if (!presence) return {std::nullopt, QString::fromStdString(presence.error().what())};
        const Scenario s = make_scenario(ws, *router, **presence);
        SimulationOptions o;
        o.cancel = cancel;
        o.hash_input = true; // the report's provenance, hashed here, not on the GUI thread
        o.progress = [permille](std::uint64_t done, std::uint64_t total) {
            if (total) permille->store(int(1000 * done / total));
        };
        auto r = simulate_file(path, s, o);
        if (!r) return {std::nullopt, QString::fromStdString(r.error().what())};
        return {std::move(r).value(), {}};
    }));
}

void SimulationView::cancel() {
    m_cancelFlag = true;
}

void SimulationView::done() {
    const double ms = double(QDateTime::currentMSecsSinceEpoch() - m_started);
    Outcome o = m_watcher.result();
    m_progress->setVisible(false);
    m_run->setEnabled(true);
    m_cancel->setEnabled(false);
    if (!o.result) {
        // A failed or cancelled run never passes off the previous result as
        // its own: it stays, greyed, saying which file and time it is from.
        m_error = o.error;
        QString text = tr("<b>Not simulated:</b> %1").arg(o.error.toHtmlEscaped());
        if (m_result) {
            m_stale = true;
            m_results->setEnabled(false);
            text += tr("<br><i>Greyed below: the earlier results of %1.</i>")
                        .arg(m_resultFrom.toHtmlEscaped());
        }
        m_summary->setText(text);
        emit finished(false, ms);
        return;
    }
    m_result = std::move(o.result);
    // The traffic that ran is the workspace's from now on (Compare's too).
    // (It cannot fail: the routing it rebuilds is the current one.)
    static_cast<void>(m_doc->setTrafficFile(QString::fromStdString(m_result->source)));
    m_router = std::move(m_pending);
    m_runWorkspace = std::move(m_pendingWorkspace);
    m_digests = std::move(m_pendingDigests);
    m_resultFrom = tr("%1 at %2")
                       .arg(QDir::toNativeSeparators(QString::fromStdString(m_result->source)),
                            QDateTime::currentDateTime().toString("HH:mm:ss"));
    m_stale = false;
    m_results->setEnabled(true);
    showResult();
    emit finished(true, ms);
}

void SimulationView::showResult() {
    const SimulationResult& r = *m_result;
    std::uint64_t s3 = 0;
    for (const auto& a : r.rows)
        if (a.backend == Backend::S3) s3 += a.bytes;
    const QLocale loc;
    QString text =
        tr("<b>%1</b> requests (%2 lines, %3), <b>%4</b>, <b>%5%</b> of bytes from S3, "
           "estimated egress <b>%6</b>")
            .arg(loc.toString(qulonglong(r.requests)), loc.toString(qulonglong(r.lines)),
                 QString::fromLatin1(traffic_format_name(r.format)),
                 loc.formattedDataSize(qint64(r.bytes)),
                 QString::number(r.bytes ? 100.0 * double(s3) / double(r.bytes) : 0, 'f', 1),
                 QString::fromStdString(usd_text(r.usd)));
    text += tr("<br><small>Assuming %1 per blob GET whose row gives no size (set beside Run), "
               "prices per the workspace's price table (Edit → Routing Settings); %2.</small>")
                .arg(m_runWorkspace.default_blob_bytes % (1 << 20) == 0
                         ? tr("%1 MiB").arg(m_runWorkspace.default_blob_bytes >> 20)
                         : loc.formattedDataSize(qint64(m_runWorkspace.default_blob_bytes)),
                     m_resultFrom.toHtmlEscaped());
    if (r.bad_lines) {
        text += tr("<br>%n unreadable line(s) skipped", nullptr, int(r.bad_lines));
        for (const auto& i : r.issues)
            text += tr("; line %1: %2")
                        .arg(i.line)
                        .arg(QString::fromStdString(i.message).toHtmlEscaped());
    }
    m_summary->setText(text);
    m_model->setRows(r.rows);
    if (auto catalogue = builtin::region_catalogue(m_doc->workspace().planner.catalogue))
        show_traffic_on_map(m_map, r, m_router->buckets(), *catalogue);
    else
        m_map->setEmptyText(QString::fromStdString(catalogue.error().what()));
    const QChart* old[3] = {m_charts[0]->chart(), m_charts[1]->chart(), m_charts[2]->chart()};
    m_charts[0]->setChart(bar_chart(tr("Bytes by backend"),
                                    top(r, SimulationResult::By::Backend, false, 1, 8),
                                    AxisQuantity::Bytes));
    m_charts[1]->setChart(bar_chart(tr("Top regions by bytes"),
                                    top(r, SimulationResult::By::Region, false, 1, 10),
                                    AxisQuantity::Bytes));
    m_charts[2]->setChart(bar_chart(tr("Estimated cost by bucket"),
                                    top(r, SimulationResult::By::Bucket, true, 1, 10),
                                    AxisQuantity::Usd));
    // setChart() hands back ownership of the chart it replaces.
    for (const QChart* c : old)
        delete c;
}

void SimulationView::showExplain(int row) {
    if (row < 0 || row >= m_model->rowCount() || !m_router) {
        m_explain->clear();
        return;
    }
    const Aggregate& a = m_model->row(row);
    QString h = tr("<h3>%1 → %2</h3><p>%3 requests from %4 %5, status %6</p>")
                    .arg(QString::fromLatin1(backend_name(a.backend).data()),
                         QString::fromStdString(a.bucket).toHtmlEscaped(),
                         QLocale().toString(qulonglong(a.requests)),
                         QString::fromStdString(a.cloud.empty() ? "(no range)" : a.cloud),
                         QString::fromStdString(a.region), QString::number(a.status));
    if (!a.sample.empty()) {
        AllBlobsPresent all;
        const auto rows = lookup_rows(*m_router, all, {QString::fromStdString(a.sample)}, {});
        if (!rows.empty())
            h += tr("<p>One of them:</p>") + explain_html(*m_router, rows.front(), palette());
    }
    m_explain->setHtml(h);
}

Status SimulationView::exportReport(const QString& path, ReportFormat f) const {
    if (!m_result) return Error{"run a simulation first", path.toStdString()};
    // The inputs of the run itself, not the workspace as it is now.
    const ReportProvenance p =
        run_provenance("oci-proxy-console " OCIPROXY_VERSION, *m_result, m_runWorkspace,
                       [this](const std::string& name) {
                           const auto it = m_digests.find(name);
                           return it == m_digests.end() ? std::string("unknown") : it->second;
                       });
    return write_file_atomic(path.toStdString(), simulation_report(*m_result, p, f));
}

Status SimulationView::exportChart(int chart, const QString& path) const {
    if (chart < 0 || chart >= int(m_charts.size()))
        return Error{"no such chart", path.toStdString()};
    return save_chart(m_charts[std::size_t(chart)], path);
}

void SimulationView::exportDialog() {
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export"), "simulation.md",
        tr("Reports (*.csv *.json *.md *.html *.pdf);;Chart images (*.png *.svg)"));
    if (path.isEmpty()) return;
    Status st;
    if (const auto f = report_format_for_path(path.toStdString())) {
        st = exportReport(path, *f);
    } else {
        st = exportChart(0, path);
    }
    if (!st)
        QMessageBox::warning(this, tr("Export failed"), QString::fromStdString(st.error().what()));
}

} // namespace ociproxy::ui
