#include "ui/views/compare_view.h"

#include "core/digest/sha256.h"
#include "core/file_io.h"
#include "core/ranges/range_loader.h"
#include "core/report/axis_scale.h"
#include "core/report/compare_report.h"
#include "core/report/provenance.h"
#include "core/report/report_text.h"
#include "core/simulate/movement.h"
#include "core/simulate/scenario_builder.h"
#include "core/workspace/apply_scenario.h"
#include "core/workspace/range_source.h"
#include "core/workspace/workspace.h"
#include "resources/demo_data.h"
#include "ui/models/movement_table_model.h"
#include "ui/views/bar_chart_axes.h"
#include "ui/views/chart_export.h"
#include "ui/views/chart_palette.h"
#include "ui/views/filtered_table.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDir>
#include <QDoubleValidator>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHorizontalBarSeries>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSplitter>
#include <QVBoxLayout>
#include <QValueAxis>
#include <QtConcurrent>
#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace ociproxy::ui {
namespace {

QString money(double v) {
    return QString::fromStdString(usd_text(v)); // one money format everywhere: "-$0.36"
}

QLineEdit* path_row(QWidget* parent, QFormLayout* form, const QString& label,
                    const QString& placeholder, bool many) {
    auto* edit = new QLineEdit(parent);
    edit->setPlaceholderText(placeholder);
    edit->setClearButtonEnabled(true);
    auto* browse = new QPushButton(QObject::tr("Browse…"), parent);
    QObject::connect(browse, &QPushButton::clicked, parent, [edit, parent, many] {
        if (many) {
            const QStringList f = QFileDialog::getOpenFileNames(parent);
            if (!f.isEmpty()) edit->setText(f.join(';'));
        } else {
            const QString f = QFileDialog::getOpenFileName(parent);
            if (!f.isEmpty()) edit->setText(f);
        }
    });
    auto* row = new QHBoxLayout;
    row->addWidget(edit, 1);
    row->addWidget(browse);
    form->addRow(label, row);
    return edit;
}

} // namespace

CompareView::CompareView(WorkspaceDocument* doc, QWidget* parent)
    : QWidget(parent)
    , m_doc(doc)
    , m_scenario(new QComboBox(this))
    , m_match(new QComboBox(this))
    , m_default(new QLineEdit(this))
    , m_run(new QPushButton(tr("Compare"), this))
    , m_summary(new QLabel(this))
    , m_model(new MovementTableModel(this))
    , m_table(new FilteredTable(m_model, tr("Movement (A → B)"), this))
    , m_chart(new QChartView(this)) {
    m_table->setAttentionLegend(tr("requests that route differently under B"));
    auto* form = new QFormLayout;
    m_traffic = path_row(this, form, tr("Traffic:"), tr("the same file for A and B"), false);
    form->addRow(new QLabel(tr("<b>Scenario B</b> = the workspace (A) with:"), this));
    auto* scenarioRow = new QHBoxLayout;
    m_scenario->setToolTip(tr("Scenarios saved with the workspace"));
    scenarioRow->addWidget(m_scenario, 1);
    auto* save = new QPushButton(tr("Save As…"), this);
    connect(save, &QPushButton::clicked, this, &CompareView::saveScenarioDialog);
    auto* remove = new QPushButton(tr("Delete"), this);
    connect(remove, &QPushButton::clicked, this, [this] {
        if (m_scenario->currentIndex() <= 0) return;
        if (const Status st = m_doc->deleteScenario(m_scenario->currentText()); !st)
            QMessageBox::warning(this, tr("Scenario not deleted"),
                                 QString::fromStdString(st.error().what()));
    });
    auto* apply = new QPushButton(tr("Apply B to Workspace"), this);
    apply->setToolTip(tr("The workspace becomes scenario B, as one undo step"));
    connect(apply, &QPushButton::clicked, this, [this] { applyToWorkspace(); });
    scenarioRow->addWidget(save);
    scenarioRow->addWidget(remove);
    scenarioRow->addWidget(apply);
    form->addRow(tr("Scenario:"), scenarioRow);
    connect(m_scenario, &QComboBox::activated, this, [this](int i) {
        if (i > 0) selectScenario(m_scenario->itemText(i));
    });
    connect(m_doc, &WorkspaceDocument::changed, this, &CompareView::refreshScenarios);
    m_buckets = path_row(this, form, tr("Bucket map:"), tr("A's bucket map"), false);
    m_ranges =
        path_row(this, form, tr("Range files:"), tr("A's ranges (several: separate with ;)"), true);
    m_match->addItem(tr("A's match mode"), -1);
    m_match->addItem(tr("longest"), int(MatchMode::Longest));
    m_match->addItem(tr("first"), int(MatchMode::First));
    form->addRow(tr("Match mode:"), m_match);
    m_default->setPlaceholderText(tr("A's default base URL"));
    m_default->setClearButtonEnabled(true);
    form->addRow(tr("Default base URL:"), m_default);
    m_bytes = new QLineEdit(this);
    m_bytes->setPlaceholderText(tr("A's bytes per blob GET without a size (MiB)"));
    m_bytes->setClearButtonEnabled(true);
    m_bytes->setValidator(new QDoubleValidator(0.001, 1e9, 3, m_bytes));
    form->addRow(tr("Unsized blob GET (MiB):"), m_bytes);
    m_prices =
        path_row(this, form, tr("Price table:"), tr("A's prices (a prices JSON file)"), false);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    connect(m_run, &QPushButton::clicked, this, &CompareView::run);
    // Enter in any of the form's fields runs it.
    for (auto* edit : {m_traffic, m_buckets, m_ranges, m_default, m_bytes, m_prices})
        connect(edit, &QLineEdit::returnPressed, this, &CompareView::run);
    auto* exportButton = new QPushButton(tr("Export…"), this);
    connect(exportButton, &QPushButton::clicked, this, &CompareView::exportDialog);
    m_chart->setRenderHint(QPainter::Antialiasing);
    m_chart->setMinimumHeight(220);
    connect(&m_watcher, &QFutureWatcherBase::finished, this, &CompareView::done);

    refreshScenarios();
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_run);
    buttons->addWidget(exportButton);
    buttons->addStretch();
    layout->addLayout(buttons);
    layout->addWidget(m_summary);
    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_table);
    split->addWidget(m_chart);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    layout->addWidget(split, 1);
}

CompareView::~CompareView() {
    m_cancel = true;
    m_watcher.waitForFinished();
}

void CompareView::setTrafficFile(const QString& path) {
    m_traffic->setText(path);
}
void CompareView::setBucketsFile(const QString& path) {
    m_buckets->setText(path);
}
void CompareView::setRangeFiles(const QStringList& files) {
    m_ranges->setText(files.join(';'));
}
void CompareView::setMatchMode(MatchMode m) {
    m_match->setCurrentIndex(m_match->findData(int(m)));
}
void CompareView::setDefaultUrl(const QString& url) {
    m_default->setText(url);
}

ScenarioOverrides CompareView::overrides() const {
    ScenarioOverrides o;
    o.name = m_scenario->currentIndex() > 0 ? m_scenario->currentText().toStdString() : "";
    // Files absolute, as the workspace keeps them in memory.
    const auto absolute = [](const QString& f) {
        return f.trimmed().isEmpty() ? std::string()
                                     : QFileInfo(f.trimmed()).absoluteFilePath().toStdString();
    };
    o.bucket_file = absolute(m_buckets->text());
    for (const auto& f : m_ranges->text().split(';', Qt::SkipEmptyParts))
        o.range_files.push_back(absolute(f));
    const int match = m_match->currentData().toInt();
    if (match >= 0) o.match = MatchMode(match);
    o.default_url = m_default->text().trimmed().toStdString();
    bool ok = false;
    const double mib = QLocale().toDouble(m_bytes->text().trimmed(), &ok);
    if (ok && mib > 0) o.default_blob_bytes = std::uint64_t(mib * 1024 * 1024);
    o.price_file = absolute(m_prices->text());
    return o;
}

void CompareView::setOverrides(const ScenarioOverrides& o) {
    m_buckets->setText(QString::fromStdString(o.bucket_file));
    QStringList ranges;
    for (const auto& r : o.range_files)
        ranges << QString::fromStdString(r);
    m_ranges->setText(ranges.join(';'));
    m_match->setCurrentIndex(o.match ? m_match->findData(int(*o.match)) : 0);
    m_default->setText(QString::fromStdString(o.default_url));
    m_bytes->setText(o.default_blob_bytes
                         ? QLocale().toString(double(*o.default_blob_bytes) / (1024 * 1024), 'g', 9)
                         : QString());
    m_prices->setText(QString::fromStdString(o.price_file));
}

QString CompareView::trafficPath() const {
    const QString typed = m_traffic->text().trimmed();
    return typed.isEmpty() ? QString::fromStdString(m_doc->workspace().traffic_file) : typed;
}

void CompareView::refreshScenarios() {
    const QString current = m_scenario->currentText();
    QSignalBlocker block(m_scenario);
    m_scenario->clear();
    m_scenario->addItem(tr("(not saved)"));
    for (const auto& sc : m_doc->workspace().scenarios)
        m_scenario->addItem(QString::fromStdString(sc.name));
    m_scenario->setCurrentIndex(std::max(0, m_scenario->findText(current)));
    const QString traffic = QString::fromStdString(m_doc->workspace().traffic_file);
    m_traffic->setPlaceholderText(
        traffic.isEmpty() ? tr("the same file for A and B (none chosen in Simulation yet)")
                          : tr("the Simulation's traffic: %1").arg(QFileInfo(traffic).fileName()));
}

void CompareView::saveScenarioDialog() {
    bool ok = false;
    const QString name = QInputDialog::getText(
        this, tr("Save Scenario"), tr("Name of scenario B:"), QLineEdit::Normal,
        m_scenario->currentIndex() > 0 ? m_scenario->currentText() : QString(), &ok);
    if (!ok) return;
    if (const Status st = saveScenarioAs(name); !st)
        QMessageBox::warning(this, tr("Scenario not saved"),
                             QString::fromStdString(st.error().what()));
}

Status CompareView::saveScenarioAs(const QString& name) {
    ScenarioOverrides o = overrides();
    o.name = name.trimmed().toStdString();
    if (auto st = m_doc->saveScenario(o); !st) return st;
    m_scenario->setCurrentIndex(m_scenario->findText(name.trimmed()));
    return {};
}

void CompareView::selectScenario(const QString& name) {
    for (const auto& sc : m_doc->workspace().scenarios)
        if (QString::fromStdString(sc.name) == name) {
            setOverrides(sc);
            m_scenario->setCurrentIndex(m_scenario->findText(name));
            return;
        }
}

QCoro::Task<Status> CompareView::applyToWorkspace() {
    QPointer<CompareView> self(this);
    const ScenarioOverrides o = overrides();
    if (o.changes_nothing()) co_return Status{Error{"scenario B changes nothing", "Compare"}};
    auto st = co_await m_doc->applyScenario(o);
    if (!self) co_return st;
    if (!st)
        m_summary->setText(tr("<b>Not applied:</b> %1")
                               .arg(QString::fromStdString(st.error().what()).toHtmlEscaped()));
    co_return st;
}

void CompareView::run() {
    if (m_watcher.isRunning()) return;
    auto router = m_doc->router();
    if (!router) return;
    const std::string traffic = QDir::fromNativeSeparators(trafficPath()).toStdString();
    const ScenarioOverrides b = overrides();
    const Workspace ws = m_doc->workspace();
    std::atomic<bool>* cancel = &m_cancel;
    m_cancel = false;
    // What B changed, for the report's provenance.
    m_pendingEdits = QString::fromStdString(describe_overrides(b));
    m_pendingWorkspace = ws;
    std::map<std::string, std::string> digests; // A's sources, hashed when loaded
    for (const auto& name : ws.range_sources)
        if (const auto src = m_doc->source(name)) digests[name] = src->sha256;
    m_run->setEnabled(false);
    m_summary->setText(tr("Comparing…"));
    m_watcher.setFuture(QtConcurrent::run([=]() -> Outcome {
        const auto fail = [](const Error& e) {
            return Outcome{std::nullopt, QString::fromStdString(e.what()), {}, {}};
        };
        if (traffic.empty())
            return fail(Error{"choose a traffic file (or run one in Simulation)", ""});
        // B: A's workspace with the overrides; nothing here touches A.
        auto b_ws = apply_scenario(ws, b);
        if (!b_ws) return fail(b_ws.error());
        PrefixTable table = router->table();
        if (!b.range_files.empty()) {
            std::vector<RangeSet> sets;
            for (const auto& f : b_ws->range_sources) {
                auto set = load_range_source(f, &demo::file);
                if (!set) return fail(set.error());
                sets.push_back(std::move(set).value());
            }
            table = PrefixTable::build(sets);
        }
        // B's own range files, hashed here on the worker.
        std::map<std::string, std::string> all = digests;
        for (const auto& f : b.range_files)
            if (!all.count(f)) {
                auto bytes = read_range_source(f, &demo::file);
                all[f] = bytes ? sha256_hex(*bytes) : "unreadable";
            }
        auto b_router = Router::create(std::move(table), b_ws->buckets, b_ws->settings);
        if (!b_router) return fail(b_router.error());
        auto presence = make_blob_presence(ws.blobs, router->buckets());
        if (!presence) return fail(presence.error());
        const Scenario a = make_scenario(ws, *router, **presence);
        const Scenario sb = make_scenario(*b_ws, *b_router, **presence);
        SimulationOptions o;
        o.cancel = cancel;
        o.hash_input = true;
        auto r = compare_file(traffic, a, sb, o);
        if (!r) return fail(r.error());
        return Outcome{std::move(r).value(), {}, std::move(b_ws).value(), std::move(all)};
    }));
}

void CompareView::done() {
    Outcome o = m_watcher.result();
    m_run->setEnabled(true);
    if (!o.result) {
        m_error = o.error;
        QString text = tr("<b>Not compared:</b> %1").arg(o.error.toHtmlEscaped());
        // An earlier comparison stays only greyed and said to be earlier.
        if (m_result) {
            m_table->setEnabled(false);
            m_chart->setEnabled(false);
            text += tr("<br><i>Greyed below: the earlier comparison (B: %1).</i>")
                        .arg(m_edits.toHtmlEscaped());
        }
        m_summary->setText(text);
        emit finished(false);
        return;
    }
    m_error.clear();
    m_result = std::move(o.result);
    m_edits = m_pendingEdits;
    m_runWorkspace = m_pendingWorkspace;
    m_runB = std::move(o.b);
    m_digests = std::move(o.digests);
    m_table->setEnabled(true);
    m_chart->setEnabled(true);
    const CompareResult& c = *m_result;
    const std::uint64_t moved = moved_requests(c);
    m_summary->setText(tr("%1 requests; <b>%2</b> route differently under B. Estimated egress: A "
                          "%3, B %4, <b>B − A %5</b>.")
                           .arg(QLocale().toString(qulonglong(c.a.requests)),
                                QLocale().toString(qulonglong(moved)), money(c.a.usd),
                                money(c.b.usd), money(c.b.usd - c.a.usd)));
    m_model->setRows(c.moves);

    // Estimated cost of the destinations that change, under A and under B,
    // as horizontal bars (full names fit), largest change on top.
    const auto changed = changed_destinations(c, 12);
    double max = 0;
    for (const auto& d : changed)
        max = std::max({max, d.usd_a, d.usd_b});
    const AxisScale scale = nice_axis(max, AxisQuantity::Usd);
    auto* setA = new QBarSet(tr("A (workspace)"));
    auto* setB = new QBarSet(tr("B"));
    setA->setColor(chart_color(0));
    setB->setColor(chart_color(1));
    QStringList names;
    // Horizontal bars draw bottom-up: reversed so the largest change is on top.
    for (auto it = changed.rbegin(); it != changed.rend(); ++it) {
        names << QString::fromStdString(it->name);
        *setA << it->usd_a;
        *setB << it->usd_b;
    }
    auto* series = new QHorizontalBarSeries;
    series->append(setA);
    series->append(setB);
    auto* chart = new QChart;
    chart->setTitle(changed.empty() ? tr("No request changes destination under B")
                                    : tr("Cost where requests move"));
    chart->legend()->setAlignment(Qt::AlignBottom);
    add_horizontal_bars(chart, series, names, scale);
    QChart* old = m_chart->chart();
    m_chart->setChart(chart);
    delete old; // setChart() hands back ownership of the one it replaces
    emit finished(true);
}

Status CompareView::exportReport(const QString& path, ReportFormat f) const {
    if (!m_result) return Error{"run a comparison first", path.toStdString()};
    // The inputs of the run itself, not the workspace as it is now.
    const ReportProvenance p = compare_provenance(
        "oci-proxy-console " OCIPROXY_VERSION, m_result->a, m_runWorkspace, m_runB,
        [this](const std::string& name) {
            const auto it = m_digests.find(name);
            return it == m_digests.end() ? std::string("unknown") : it->second;
        },
        m_edits.toStdString());
    return write_file_atomic(path.toStdString(), compare_report(*m_result, p, f));
}

Status CompareView::exportChart(const QString& path) const {
    return save_chart(m_chart, path);
}

void CompareView::exportDialog() {
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export"), "comparison.md",
        tr("Reports (*.csv *.json *.md *.html *.pdf);;Chart images (*.png *.svg)"));
    if (path.isEmpty()) return;
    const auto f = report_format_for_path(path.toStdString());
    const Status st = f ? exportReport(path, *f) : exportChart(path);
    if (!st)
        QMessageBox::warning(this, tr("Export failed"), QString::fromStdString(st.error().what()));
}

} // namespace ociproxy::ui
