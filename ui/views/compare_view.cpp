#include "ui/views/compare_view.h"

#include "core/file_io.h"
#include "core/ranges/range_loader.h"
#include "core/report/compare_report.h"
#include "core/report/provenance.h"
#include "core/workspace/workspace.h"
#include "ui/models/movement_table_model.h"
#include "ui/views/chart_export.h"
#include "ui/views/filtered_table.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QVBoxLayout>
#include <QValueAxis>
#include <QtConcurrent>
#include <map>

namespace ociproxy::ui {
namespace {

QString money(double v) {
    return QStringLiteral("$") + QString::number(v, 'f', std::abs(v) < 1 ? 4 : 2);
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
    , m_match(new QComboBox(this))
    , m_default(new QLineEdit(this))
    , m_run(new QPushButton(tr("Compare"), this))
    , m_summary(new QLabel(this))
    , m_model(new MovementTableModel(this))
    , m_table(new FilteredTable(m_model, tr("Movement (A → B)"), this))
    , m_chart(new QChartView(this)) {
    auto* form = new QFormLayout;
    m_traffic = path_row(this, form, tr("Traffic:"), tr("the same file for A and B"), false);
    form->addRow(new QLabel(tr("<b>Scenario B</b> = the workspace (A) with:"), this));
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
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    connect(m_run, &QPushButton::clicked, this, &CompareView::run);
    auto* exportButton = new QPushButton(tr("Export…"), this);
    connect(exportButton, &QPushButton::clicked, this, &CompareView::exportDialog);
    m_chart->setRenderHint(QPainter::Antialiasing);
    m_chart->setMinimumHeight(220);
    connect(&m_watcher, &QFutureWatcherBase::finished, this, &CompareView::done);

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

void CompareView::run() {
    if (m_watcher.isRunning()) return;
    auto router = m_doc->router();
    if (!router) return;
    const std::string traffic =
        QDir::fromNativeSeparators(m_traffic->text().trimmed()).toStdString();
    const std::string buckets = m_buckets->text().trimmed().toStdString();
    std::vector<std::string> ranges;
    for (const auto& f : m_ranges->text().split(';', Qt::SkipEmptyParts))
        ranges.push_back(f.trimmed().toStdString());
    const int match = m_match->currentData().toInt();
    const std::string def = m_default->text().trimmed().toStdString();
    const Workspace ws = m_doc->workspace();
    std::atomic<bool>* cancel = &m_cancel;
    m_cancel = false;
    // What B changed, for the report's provenance.
    QStringList edits;
    if (!buckets.empty()) edits << tr("buckets %1").arg(QString::fromStdString(buckets));
    for (const auto& r : ranges)
        edits << tr("ranges %1").arg(QString::fromStdString(r));
    if (match >= 0)
        edits << tr("match %1").arg(match == int(MatchMode::First) ? "first" : "longest");
    if (!def.empty()) edits << tr("default %1").arg(QString::fromStdString(def));
    m_edits = edits.isEmpty() ? tr("same as A") : edits.join("; ");
    m_run->setEnabled(false);
    m_summary->setText(tr("Comparing…"));
    m_watcher.setFuture(QtConcurrent::run([=]() -> Outcome {
        const auto fail = [](const Error& e) {
            return Outcome{std::nullopt, QString::fromStdString(e.what())};
        };
        if (traffic.empty()) return fail(Error{"choose a traffic file", ""});
        // B: A's workspace with the edits; nothing here touches A.
        BucketMap b_buckets = ws.buckets;
        if (!buckets.empty()) {
            auto m = BucketMap::load_file(buckets);
            if (!m) return fail(m.error());
            b_buckets = std::move(m).value();
        }
        RoutingSettings b_settings = ws.settings;
        if (match >= 0) b_settings.match = MatchMode(match);
        if (!def.empty()) b_settings.default_aws_base = def;
        PrefixTable table = router->table();
        if (!ranges.empty()) {
            std::vector<RangeSet> sets;
            for (const auto& f : ranges) {
                auto set = load_range_file(f);
                if (!set) return fail(set.error());
                sets.push_back(std::move(set).value());
            }
            table = PrefixTable::build(sets);
        }
        auto b_router = Router::create(std::move(table), std::move(b_buckets), b_settings);
        if (!b_router) return fail(b_router.error());
        auto presence = make_blob_presence(ws.blobs, router->buckets());
        if (!presence) return fail(presence.error());
        Scenario a, b;
        a.router = router.get();
        b.router = &*b_router;
        a.presence = b.presence = presence->get();
        a.prices = b.prices = ws.prices;
        SimulationOptions o;
        o.cancel = cancel;
        auto r = compare_file(traffic, a, b, o);
        if (!r) return fail(r.error());
        return Outcome{std::move(r).value(), {}};
    }));
}

void CompareView::done() {
    Outcome o = m_watcher.result();
    m_run->setEnabled(true);
    if (!o.result) {
        m_error = o.error;
        m_summary->setText(tr("<b>Not compared:</b> %1").arg(o.error.toHtmlEscaped()));
        emit finished(false);
        return;
    }
    m_error.clear();
    m_result = std::move(o.result);
    const CompareResult& c = *m_result;
    std::uint64_t moved = 0;
    for (const auto& m : c.moves)
        if (m.from_backend != m.to_backend || m.from != m.to) moved += m.requests;
    m_summary->setText(tr("%1 requests; <b>%2</b> route differently under B. Estimated egress: A "
                          "%3, B %4, <b>B − A %5</b>.")
                           .arg(QLocale().toString(qulonglong(c.a.requests)),
                                QLocale().toString(qulonglong(moved)), money(c.a.usd),
                                money(c.b.usd), money(c.b.usd - c.a.usd)));
    m_model->setRows(c.moves);

    // Estimated cost by destination under A and under B, side by side.
    std::map<std::string, std::pair<double, double>> cost;
    for (const auto& m : c.moves) {
        cost[m.from].first += m.usd_a;
        cost[m.to].second += m.usd_b;
    }
    auto* setA = new QBarSet(tr("A"));
    auto* setB = new QBarSet(tr("B"));
    QStringList names;
    double max = 0;
    for (const auto& [name, ab] : cost) {
        names << QString::fromStdString(name);
        *setA << ab.first;
        *setB << ab.second;
        max = std::max({max, ab.first, ab.second});
    }
    auto* series = new QBarSeries;
    series->append(setA);
    series->append(setB);
    auto* chart = new QChart;
    chart->setTitle(tr("Estimated cost by destination (USD)"));
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->addSeries(series);
    auto* x = new QBarCategoryAxis;
    x->append(names);
    auto* y = new QValueAxis;
    y->setRange(0, max > 0 ? max * 1.1 : 1);
    y->setLabelFormat("%.3g");
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(x);
    series->attachAxis(y);
    QChart* old = m_chart->chart();
    m_chart->setChart(chart);
    delete old; // setChart() hands back ownership of the one it replaces
    emit finished(true);
}

Status CompareView::exportReport(const QString& path, ReportFormat f) const {
    if (!m_result) return Error{"run a comparison first", path.toStdString()};
    ReportProvenance p;
    p.tool = "oci-proxy-console " OCIPROXY_VERSION;
    p.created = iso_now();
    for (const auto& name : m_doc->workspace().range_sources)
        if (const auto src = m_doc->source(name)) p.inputs.emplace_back(name, src->sha256);
    p.settings = scenario_settings(m_doc->workspace(), Scenario{}.default_blob_bytes);
    for (auto& s : p.settings)
        s.first = "A " + s.first;
    p.settings.emplace_back("B", m_edits.toStdString());
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
