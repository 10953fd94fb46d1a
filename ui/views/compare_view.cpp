#include "ui/views/compare_view.h"

#include "core/ranges/range_loader.h"
#include "core/workspace/workspace.h"
#include "ui/models/movement_table_model.h"
#include "ui/views/filtered_table.h"

#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>
#include <QtConcurrent>

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
    , m_table(new FilteredTable(m_model, tr("Movement (A → B)"), this)) {
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
    connect(&m_watcher, &QFutureWatcherBase::finished, this, &CompareView::done);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_run, 0, Qt::AlignLeft);
    layout->addWidget(m_summary);
    layout->addWidget(m_table, 1);
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
    emit finished(true);
}

} // namespace ociproxy::ui
