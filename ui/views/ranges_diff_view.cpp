#include "ui/views/ranges_diff_view.h"

#include "core/diff/prefix_consequence.h"
#include "core/file_io.h"
#include "core/report/report_text.h"
#include "core/simulate/movement.h"
#include "core/simulate/scenario_builder.h"
#include "core/workspace/range_source.h"
#include "ui/models/range_change_model.h"
#include "ui/views/filtered_table.h"
#include "ui/workspace/loaded_source.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace ociproxy::ui {

RangesDiffView::RangesDiffView(WorkspaceDocument* doc, QWidget* parent)
    : QWidget(parent)
    , m_doc(doc)
    , m_old(new QLineEdit(this))
    , m_new(new QLineEdit(this))
    , m_traffic(new QLineEdit(this))
    , m_run(new QPushButton(tr("Compare Ranges"), this))
    , m_summary(new QLabel(this))
    , m_model(new RangeChangeModel(this))
    , m_table(new FilteredTable(m_model, tr("Changed prefixes"), this)) {
    auto* form = new QFormLayout;
    for (const auto& [edit, label] :
         {std::pair{m_old, tr("Before:")}, std::pair{m_new, tr("After:")},
          std::pair{m_traffic, tr("Traffic:")}}) {
        edit->setClearButtonEnabled(true);
        auto* browse = new QPushButton(tr("Browse…"), this);
        connect(browse, &QPushButton::clicked, this, [this, e = edit] {
            const QString f = QFileDialog::getOpenFileName(this, tr("Open"));
            if (!f.isEmpty()) e->setText(f);
        });
        auto* row = new QHBoxLayout;
        row->addWidget(edit, 1);
        row->addWidget(browse);
        form->addRow(label, row);
    }
    m_old->setPlaceholderText(tr("a range file, or demo:<name>; default: the workspace's first"));
    m_new->setPlaceholderText(tr("the newer publication (e.g. a fresh ip-ranges.json)"));
    m_traffic->setPlaceholderText(
        tr("optional: replay this traffic under both and count what moves"));
    m_table->setAttentionLegend(tr("prefixes whose clients' blobs go somewhere else"));
    for (auto* e : {m_old, m_new, m_traffic})
        connect(e, &QLineEdit::returnPressed, this, &RangesDiffView::run);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    connect(m_run, &QPushButton::clicked, this, &RangesDiffView::run);
    connect(&m_watcher, &QFutureWatcherBase::finished, this, &RangesDiffView::done);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_run, 0, Qt::AlignLeft);
    layout->addWidget(m_summary);
    layout->addWidget(m_table, 1);
}

RangesDiffView::~RangesDiffView() {
    m_watcher.waitForFinished();
}

void RangesDiffView::setFiles(const QString& old_file, const QString& new_file) {
    m_old->setText(old_file);
    m_new->setText(new_file);
}

void RangesDiffView::setTrafficFile(const QString& path) {
    m_traffic->setText(path);
}

void RangesDiffView::run() {
    if (m_watcher.isRunning()) return;
    std::string before = m_old->text().trimmed().toStdString();
    if (before.empty() && !m_doc->workspace().range_sources.empty())
        before = m_doc->workspace().range_sources.front();
    const std::string after = m_new->text().trimmed().toStdString();
    const std::string traffic = m_traffic->text().trimmed().toStdString();
    // Only the ranges differ between the two sides: the workspace's buckets,
    // settings, blob policy and prices apply to both.
    const Workspace ws = m_doc->workspace();
    m_run->setEnabled(false);
    m_summary->setText(tr("Comparing…"));
    m_watcher.setFuture(QtConcurrent::run([before, after, traffic, ws]() -> Outcome {
        const auto fail = [](const Error& e) {
            return Outcome{std::nullopt, QString::fromStdString(e.what()), {}, std::nullopt};
        };
        if (before.empty() || after.empty()) return fail(Error{"choose the two range files", ""});
        auto a = load_source(before);
        if (!a) return fail(a.error());
        auto b = load_source(after);
        if (!b) return fail(b.error());
        Outcome o;
        o.diff = diff_ranges({(*a)->set}, {(*b)->set}, ws.buckets);
        auto ra =
            Router::create(PrefixTable::build(std::vector{(*a)->set}), ws.buckets, ws.settings);
        if (!ra) return fail(ra.error());
        auto rb =
            Router::create(PrefixTable::build(std::vector{(*b)->set}), ws.buckets, ws.settings);
        if (!rb) return fail(rb.error());
        o.consequences = prefix_consequences(*o.diff, *ra, *rb);
        if (!traffic.empty()) {
            auto presence = make_blob_presence(ws.blobs, ra->buckets());
            if (!presence) return fail(presence.error());
            const Scenario sa = make_scenario(ws, *ra, **presence);
            const Scenario sb = make_scenario(ws, *rb, **presence);
            auto c = compare_file(traffic, sa, sb);
            if (!c) return fail(c.error());
            o.traffic = std::move(c).value();
        }
        return o;
    }));
}

void RangesDiffView::done() {
    Outcome o = m_watcher.result();
    m_run->setEnabled(true);
    if (!o.diff) {
        m_error = o.error;
        m_summary->setText(tr("<b>Not compared:</b> %1").arg(o.error.toHtmlEscaped()));
        emit finished(false);
        return;
    }
    m_error.clear();
    m_diff = std::move(o.diff);
    QString text;
    for (const auto& [cloud, c] : m_diff->by_cloud)
        text += tr("<b>%1</b>: %2 added, %3 removed, %4 moved, %5 unchanged<br>")
                    .arg(QString::fromStdString(cloud))
                    .arg(c.added)
                    .arg(c.removed)
                    .arg(c.moved)
                    .arg(c.unchanged);
    const auto list = [](const std::vector<std::string>& v) {
        QStringList out;
        for (const auto& s : v)
            out << QString::fromStdString(s);
        return out.isEmpty() ? QObject::tr("none") : out.join(", ");
    };
    text += tr("New regions: %1<br>Vanished regions: %2<br><b>AWS regions with no bucket:</b> %3")
                .arg(list(m_diff->new_regions), list(m_diff->vanished_regions),
                     list(m_diff->unmapped_aws_regions));
    m_traffic_result = std::move(o.traffic);
    if (m_traffic_result) {
        const CompareResult& c = *m_traffic_result;
        text +=
            tr("<br><b>Traffic %1:</b> %2 of %3 requests route differently; estimated egress "
               "%4 → %5 (%6), assuming %7 per blob GET without a size.")
                .arg(QFileInfo(QString::fromStdString(c.a.source)).fileName().toHtmlEscaped(),
                     QLocale().toString(qulonglong(moved_requests(c))),
                     QLocale().toString(qulonglong(c.a.requests)),
                     QString::fromStdString(usd_text(c.a.usd)),
                     QString::fromStdString(usd_text(c.b.usd)),
                     QString::fromStdString(usd_text(c.b.usd - c.a.usd)),
                     QLocale().formattedDataSize(qint64(m_doc->workspace().default_blob_bytes)));
    }
    m_summary->setText(text);
    m_model->setDiff(*m_diff, o.consequences);
    emit finished(true);
}

Status RangesDiffView::exportReport(const QString& path) const {
    if (!m_diff) return Error{"compare two range files first", path.toStdString()};
    const std::string p = path.toStdString();
    const std::string text = p.ends_with(".csv")    ? range_diff_csv(*m_diff)
                             : p.ends_with(".json") ? range_diff_json(*m_diff)
                             : p.ends_with(".html") ? range_diff_html(*m_diff)
                             : p.ends_with(".pdf")  ? range_diff_pdf(*m_diff)
                                                    : range_diff_markdown(*m_diff);
    return write_file_atomic(p, text);
}

void RangesDiffView::exportDialog() {
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export"), "range-changes.md", tr("Reports (*.md *.csv *.json *.html *.pdf)"));
    if (path.isEmpty()) return;
    if (auto st = exportReport(path); !st)
        QMessageBox::warning(this, tr("Export failed"), QString::fromStdString(st.error().what()));
}

Status RangesDiffView::exportMarkdown(const QString& path) const {
    if (!m_diff) return Error{"compare two range files first", path.toStdString()};
    return write_file_atomic(path.toStdString(), range_diff_markdown(*m_diff));
}

} // namespace ociproxy::ui
