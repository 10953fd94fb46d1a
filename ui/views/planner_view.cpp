#include "ui/views/planner_view.h"

#include "core/file_io.h"
#include "core/plan/plan_inputs.h"
#include "core/report/plan_report.h"
#include "core/report/report_text.h"
#include "core/simulate/scenario_builder.h"
#include "resources/demo_data.h"
#include "resources/planner_data.h"
#include "ui/models/alias_table_model.h"
#include "ui/models/candidate_table_model.h"
#include "ui/plan/traffic_map.h"
#include "ui/plan/world_map_widget.h"
#include "ui/views/filtered_table.h"

#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTimer>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace ociproxy::ui {
namespace {

constexpr double kGiB = 1024.0 * 1024.0 * 1024.0;
constexpr const char* kDemoTraffic = "planner-traffic.csv";

QString money(double v) {
    return QString::fromStdString(usd_text(v));
}

// What the simulation's requests and bytes depend on: everything but the
// planner's settings and the prices, which the plan reads afresh.
Workspace routing_part(Workspace ws) {
    ws.planner = {};
    ws.prices = {};
    return ws;
}

QDoubleSpinBox* spin(QWidget* parent, double lo, double hi, int decimals, const QString& suffix) {
    auto* s = new QDoubleSpinBox(parent);
    s->setRange(lo, hi);
    s->setDecimals(decimals);
    s->setSuffix(suffix);
    s->setKeyboardTracking(false); // one edit, one re-plan and one undo step
    return s;
}

} // namespace

PlannerView::PlannerView(WorkspaceDocument* doc, QWidget* parent)
    : QWidget(parent)
    , m_doc(doc)
    , m_path(new QLineEdit(this))
    , m_store(spin(this, 0, 1e9, 0, tr(" GiB")))
    , m_horizon(spin(this, 0.5, 600, 1, tr(" months")))
    , m_days(spin(this, 0.01, 3650, 2, tr(" days")))
    , m_defaultPrice(spin(this, 0, 10, 4, tr(" $/GiB")))
    , m_crossPrice(spin(this, 0, 10, 4, tr(" $/GiB")))
    , m_catalogueLabel(new QLabel(this))
    , m_run(new QPushButton(tr("Plan"), this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
    , m_try(new QPushButton(tr("Try as Scenario B"), this))
    , m_progress(new QProgressBar(this))
    , m_summary(new QLabel(this))
    , m_assumptions(new QLabel(this))
    , m_candidates(new CandidateTableModel(this))
    , m_aliases(new AliasTableModel(this))
    , m_candidateTable(new FilteredTable(m_candidates, tr("Where to add the next bucket"), this))
    , m_aliasTable(new FilteredTable(m_aliases, tr("Regions without a bucket"), this))
    , m_map(new WorldMapWidget(this)) {
    m_candidateTable->setAttentionLegend(tr("the plan's choice: the best candidate, and it saves"));
    m_aliasTable->setAttentionLegend(tr("an alias that costs less than today's route"));
    m_path->setPlaceholderText(tr("Traffic file (any format Simulation reads); empty: the built-in "
                                  "demo traffic"));
    m_path->setClearButtonEnabled(true);
    connect(m_path, &QLineEdit::returnPressed, this, &PlannerView::run);
    auto* browse = new QPushButton(tr("Open Traffic…"), this);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getOpenFileName(this, tr("Open Traffic"));
        if (f.isEmpty()) return;
        setTrafficFile(f);
        run();
    });
    m_store->setSpecialValueText(tr("from the blob inventory, else 1 TiB"));
    m_store->setToolTip(tr("Size of the mirrored image store: what a new bucket stores and is "
                           "filled with once"));
    m_horizon->setToolTip(
        tr("The one-time copy into a new bucket is spread over this many months"));
    m_days->setToolTip(tr("How many days the traffic file covers; a month is 30 days"));
    for (auto* s : {m_store, m_horizon, m_days})
        connect(s, &QDoubleSpinBox::valueChanged, this, &PlannerView::assumptionsEdited);
    m_defaultPrice->setToolTip(tr("What a GiB costs served by the default base URL (CloudFront): "
                                  "the price table's cloudfront_internet"));
    m_crossPrice->setToolTip(tr("What a GiB costs from a bucket in another region when the "
                                "catalogue has no transfer price for it: s3_cross_region"));
    for (auto* s : {m_defaultPrice, m_crossPrice})
        connect(s, &QDoubleSpinBox::valueChanged, this, &PlannerView::pricesEdited);
    m_catalogueLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* chooseCatalogue = new QPushButton(tr("Catalogue…"), this);
    chooseCatalogue->setToolTip(tr("A region catalogue JSON of your own (coordinates, storage and "
                                   "transfer prices); cancel to go back to the built-in one"));
    connect(chooseCatalogue, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getOpenFileName(this, tr("Region Catalogue"), {},
                                                       tr("Region catalogues (*.json)"));
        if (auto st = setCatalogueFile(f); !st)
            QMessageBox::warning(this, tr("Cannot use the catalogue"),
                                 QString::fromStdString(st.error().what()));
    });

    connect(m_run, &QPushButton::clicked, this, &PlannerView::run);
    connect(m_cancel, &QPushButton::clicked, this, &PlannerView::cancel);
    m_cancel->setEnabled(false);
    m_try->setEnabled(false);
    m_try->setToolTip(tr("Compare the workspace with the plan's bucket map on the same traffic"));
    connect(m_try, &QPushButton::clicked, this, [this] {
        if (auto st = tryAsScenarioB(); !st)
            QMessageBox::warning(this, tr("Cannot try the plan"),
                                 QString::fromStdString(st.error().what()));
    });
    auto* exportButton = new QPushButton(tr("Export…"), this);
    connect(exportButton, &QPushButton::clicked, this, &PlannerView::exportDialog);
    m_progress->setRange(0, 1000);
    m_progress->setVisible(false);
    for (auto* l : {m_summary, m_assumptions}) {
        l->setWordWrap(true);
        l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    }

    auto* pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browse);
    auto* form = new QFormLayout;
    form->addRow(tr("Traffic:"), pathRow);
    auto* assumptionRow = new QHBoxLayout;
    assumptionRow->addWidget(new QLabel(tr("Store:"), this));
    assumptionRow->addWidget(m_store);
    assumptionRow->addWidget(new QLabel(tr("Horizon:"), this));
    assumptionRow->addWidget(m_horizon);
    assumptionRow->addWidget(new QLabel(tr("Traffic covers:"), this));
    assumptionRow->addWidget(m_days);
    assumptionRow->addStretch();
    assumptionRow->addWidget(m_run);
    assumptionRow->addWidget(m_cancel);
    assumptionRow->addWidget(m_try);
    assumptionRow->addWidget(exportButton);
    form->addRow(tr("Assumptions:"), assumptionRow);
    auto* priceRow = new QHBoxLayout;
    priceRow->addWidget(new QLabel(tr("Default (CloudFront):"), this));
    priceRow->addWidget(m_defaultPrice);
    priceRow->addWidget(new QLabel(tr("Cross-region:"), this));
    priceRow->addWidget(m_crossPrice);
    priceRow->addWidget(m_catalogueLabel, 1);
    priceRow->addWidget(chooseCatalogue);
    form->addRow(tr("Prices:"), priceRow);

    // The ranking across the whole width; below it the alias table beside
    // the map, which needs room more than the few bucketless regions do.
    auto* lower = new QSplitter(Qt::Horizontal, this);
    lower->addWidget(m_aliasTable);
    lower->addWidget(m_map);
    lower->setStretchFactor(0, 1);
    lower->setStretchFactor(1, 1);
    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_candidateTable);
    split->addWidget(lower);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    split->setSizes({300, 360});
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_progress);
    layout->addWidget(m_summary);
    layout->addWidget(m_assumptions);
    layout->addWidget(split, 1);

    connect(&m_watcher, &QFutureWatcherBase::finished, this, &PlannerView::done);
    auto* tick = new QTimer(this);
    tick->setInterval(50);
    connect(tick, &QTimer::timeout, this, [this] {
        if (m_watcher.isRunning()) m_progress->setValue(m_permille.load());
    });
    tick->start();
    connect(m_doc, &WorkspaceDocument::changed, this, [this] {
        loadAssumptions();
        if (!m_sim || m_watcher.isRunning()) return;
        // Only the planner's settings changed: the simulation stands.
        if (routing_part(m_doc->workspace()) == m_simWorkspace)
            replan();
        else
            run();
    });
    loadAssumptions();
    showEmpty(tr("No plan yet: choose a traffic file (or leave it empty for the built-in demo "
                 "traffic) and press Plan."));
}

PlannerView::~PlannerView() {
    m_cancelFlag = true;
    m_watcher.waitForFinished();
}

void PlannerView::setTrafficFile(const QString& path) {
    m_path->setText(QDir::toNativeSeparators(path));
}

QString PlannerView::trafficFile() const {
    return QDir::fromNativeSeparators(m_path->text().trimmed());
}

QString PlannerView::resolvedTraffic() {
    if (!trafficFile().isEmpty()) return trafficFile();
    // The built-in traffic as a real file, so that Compare (scenario B) and
    // the report name a file that can be opened.
    const QString path = m_tmp.filePath(kDemoTraffic);
    if (!QFile::exists(path)) (void)write_file_atomic(path.toStdString(), demo::file(kDemoTraffic));
    return path;
}

void PlannerView::loadAssumptions() {
    const PlannerSettings& p = m_doc->workspace().planner;
    m_loading = true;
    m_store->setValue(double(p.store_bytes) / kGiB);
    m_horizon->setValue(p.horizon_months);
    m_days->setValue(p.traffic_days);
    m_defaultPrice->setValue(m_doc->workspace().prices.cloudfront_internet);
    m_crossPrice->setValue(m_doc->workspace().prices.s3_cross_region);
    m_catalogueLabel->setText(
        p.catalogue.empty()
            ? tr("storage and transfer by region: the built-in catalogue (as of %1)")
                  .arg(QString::fromStdString(builtin::region_catalogue().as_of()))
            : tr("storage and transfer by region: %1")
                  .arg(QDir::toNativeSeparators(QString::fromStdString(p.catalogue))));
    m_loading = false;
}

void PlannerView::pricesEdited() {
    if (m_loading) return;
    const Workspace& ws = m_doc->workspace();
    PriceTable prices = ws.prices;
    prices.cloudfront_internet = m_defaultPrice->value();
    prices.s3_cross_region = m_crossPrice->value();
    if (auto st = m_doc->setRouting(ws.settings, ws.blobs, prices); !st) {
        m_summary->setText(tr("<b>Prices not changed:</b> %1")
                               .arg(QString::fromStdString(st.error().what()).toHtmlEscaped()));
        loadAssumptions();
    }
}

Status PlannerView::setCatalogueFile(const QString& path) {
    PlannerSettings p = m_doc->workspace().planner;
    p.catalogue = path.toStdString();
    return m_doc->setPlanner(p);
}

void PlannerView::assumptionsEdited() {
    if (m_loading) return;
    PlannerSettings p = m_doc->workspace().planner;
    p.store_bytes = std::uint64_t(m_store->value() * kGiB);
    p.horizon_months = m_horizon->value();
    p.traffic_days = m_days->value();
    if (auto st = m_doc->setPlanner(p); !st) {
        m_summary->setText(tr("<b>Assumptions not changed:</b> %1")
                               .arg(QString::fromStdString(st.error().what()).toHtmlEscaped()));
        loadAssumptions();
    }
}

void PlannerView::run() {
    if (m_watcher.isRunning()) return;
    auto router = m_doc->router();
    if (!router) return;
    const Workspace ws = m_doc->workspace();
    const QString traffic = resolvedTraffic();
    m_cancelFlag = false;
    m_permille = 0;
    m_progress->setValue(0);
    m_progress->setVisible(true);
    m_run->setEnabled(false);
    m_cancel->setEnabled(true);
    m_summary->setText(tr("Simulating %1…").arg(QDir::toNativeSeparators(traffic)));
    std::atomic<bool>* cancel = &m_cancelFlag;
    std::atomic<int>* permille = &m_permille;
    const std::string path = traffic.toStdString();
    m_watcher.setFuture(QtConcurrent::run([router, ws, path, cancel, permille]() -> Outcome {
        auto presence = make_blob_presence(ws.blobs, router->buckets());
        if (!presence)
            return {std::nullopt, nullptr, QString::fromStdString(presence.error().what())};
        std::shared_ptr<BlobPresence> shared(std::move(presence).value());
        const Scenario s = make_scenario(ws, *router, *shared);
        SimulationOptions o;
        o.cancel = cancel;
        o.progress = [permille](std::uint64_t done, std::uint64_t total) {
            if (total > 0) permille->store(int(done * 1000 / total));
        };
        auto r = simulate_file(path, s, o);
        if (!r) return {std::nullopt, nullptr, QString::fromStdString(r.error().what())};
        return {std::move(r).value(), shared, {}};
    }));
    m_router = router;
    m_simWorkspace = routing_part(ws);
    m_simTraffic = traffic;
}

void PlannerView::cancel() {
    m_cancelFlag = true;
}

void PlannerView::done() {
    Outcome o = m_watcher.result();
    m_progress->setVisible(false);
    m_run->setEnabled(true);
    m_cancel->setEnabled(false);
    if (!o.result) {
        // No stale plan next to an error: the old one goes.
        m_sim.reset();
        m_plan.reset();
        m_error = o.error;
        showEmpty(tr("<b>Not planned:</b> %1").arg(o.error.toHtmlEscaped()));
        emit finished(false);
        return;
    }
    m_error.clear();
    m_sim = std::move(o.result);
    m_presence = std::move(o.presence);
    replan();
    // Settings edited while the simulation ran are in the plan (replan reads
    // them now); a routing change means simulating again.
    if (m_sim && routing_part(m_doc->workspace()) != m_simWorkspace) {
        run();
        return;
    }
    emit finished(bool(m_plan));
}

void PlannerView::replan() {
    if (!m_sim || !m_router) return;
    const Workspace& ws = m_doc->workspace();
    auto catalogue = builtin::region_catalogue(ws.planner.catalogue);
    if (!catalogue) {
        m_plan.reset();
        m_error = QString::fromStdString(catalogue.error().what());
        showEmpty(tr("<b>Not planned:</b> %1").arg(m_error.toHtmlEscaped()));
        return;
    }
    m_catalogue = std::move(catalogue).value();
    PlanInputs in = plan_inputs(*m_sim, *m_router, ws.prices, *m_catalogue,
                                plan_assumptions(ws.planner, m_presence.get()),
                                m_simWorkspace.default_blob_bytes);
    if (trafficFile().isEmpty() && m_simTraffic.startsWith(m_tmp.path()))
        in.traffic_source = "built-in demo traffic (" + std::string(kDemoTraffic) + ")";
    else
        in.traffic_source = QDir::toNativeSeparators(m_simTraffic).toStdString();
    m_plan = make_plan(in);
    showPlan();
}

void PlannerView::showEmpty(const QString& why) {
    m_candidates->setPlan(Plan{});
    m_aliases->setRows({});
    m_summary->setText(why);
    m_assumptions->clear();
    m_try->setEnabled(false);
    m_map->setSites({});
    m_map->setFlows({});
    m_map->setCaption({});
    m_map->setEmptyText(tr("The map shows where the planned traffic comes from and goes to once "
                           "there is a plan."));
}

void PlannerView::showPlan() {
    const Plan& p = *m_plan;
    const QLocale loc;
    QString text;
    if (const auto* c = p.chosen())
        text = tr("<b>Best next bucket: %1</b> (%2): net <b>%3</b> a month — saves %4 of egress, "
                  "costs %5 to store and %6 of copy a month; it pays for itself above %7 GiB a "
                  "month of its region's traffic (it has %8 GiB).")
                   .arg(QString::fromStdString(c->region),
                        QString::fromStdString(c->city).toHtmlEscaped(), money(c->net_month),
                        money(c->egress_saving_month), money(c->storage_month),
                        money(c->replication_month),
                        QString::number(c->break_even_gib_month.value_or(0), 'f', 1),
                        QString::number(c->gib_month, 'f', 1));
    else if (!p.candidates.empty())
        text = tr("<b>No new bucket pays for itself</b> with this traffic: the best, %1, would "
                  "net %2 a month (break-even %3 GiB a month).")
                   .arg(QString::fromStdString(p.candidates.front().region),
                        money(p.candidates.front().net_month),
                        p.candidates.front().break_even_gib_month
                            ? QString::number(*p.candidates.front().break_even_gib_month, 'f', 1)
                            : tr("never"));
    else
        text = tr("Every region in the catalogue already has a bucket.");
    int recommended = 0;
    for (const auto& a : p.aliases)
        recommended += a.recommended ? 1 : 0;
    text += tr(" %1 of %2 regions without a bucket would cost less aliased to one (highlighted).")
                .arg(recommended)
                .arg(p.aliases.size());
    if (!p.not_in_catalogue.empty()) {
        QStringList missing;
        for (const auto& r : p.not_in_catalogue)
            missing << QString::fromStdString(r);
        text += tr(" <i>Not in the catalogue, so not planned:</i> %1.").arg(missing.join(", "));
    }
    m_summary->setText(text);
    QStringList lines;
    for (const auto& [k, v] : p.assumptions)
        lines << QStringLiteral("<b>%1</b>: %2")
                     .arg(QString::fromStdString(k).toHtmlEscaped(),
                          QString::fromStdString(v).toHtmlEscaped());
    m_assumptions->setText(QStringLiteral("<small>%1</small>").arg(lines.join(" · ")));
    m_candidates->setPlan(p);
    m_aliases->setRows(p.aliases);
    m_candidateTable->view()->resizeColumnsToContents();
    m_aliasTable->view()->resizeColumnsToContents();
    m_try->setEnabled(true);
    show_traffic_on_map(m_map, *m_sim, m_router->buckets(), *m_catalogue, p.aliases,
                        p.chosen() ? QString::fromStdString(p.chosen()->region) : QString());
}

Result<QString> PlannerView::writePlanBuckets() {
    if (!m_plan || !m_router) return Error{"make a plan first", "Planner"};
    auto map = plan_bucket_map(m_router->buckets(), *m_plan);
    if (!map) return map.error();
    const QString path = m_tmp.filePath("plan-buckets.json");
    if (auto st = map->save_file(path.toStdString()); !st) return st.error();
    return path;
}

Status PlannerView::tryAsScenarioB() {
    auto path = writePlanBuckets();
    if (!path) return path.error();
    emit compareRequested(*path, m_simTraffic);
    return {};
}

Status PlannerView::exportReport(const QString& path) const {
    if (!m_plan) return Error{"make a plan first", path.toStdString()};
    const QString ext = QFileInfo(path).suffix().toLower();
    const PlanFormat f = ext == "json"  ? PlanFormat::Json
                         : ext == "md"  ? PlanFormat::Markdown
                         : ext == "csv" ? PlanFormat::Csv
                                        : PlanFormat::Text;
    return write_file_atomic(path.toStdString(), plan_report(*m_plan, f));
}

void PlannerView::exportDialog() {
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export Plan"), "bucket-plan.md",
        tr("Plans (*.md *.json *.csv *.txt);;Bucket map of the plan (*.buckets.json)"));
    if (path.isEmpty()) return;
    Status st;
    if (path.endsWith(".buckets.json")) {
        auto map = m_plan && m_router ? plan_bucket_map(m_router->buckets(), *m_plan)
                                      : Result<BucketMap>(Error{"make a plan first", ""});
        st = map ? map->save_file(path.toStdString()) : Status(map.error());
    } else {
        st = exportReport(path);
    }
    if (!st)
        QMessageBox::warning(this, tr("Export failed"), QString::fromStdString(st.error().what()));
}

} // namespace ociproxy::ui
