#include "ui/views/ranges_diff_view.h"

#include "core/file_io.h"
#include "core/workspace/range_source.h"
#include "ui/models/range_change_model.h"
#include "ui/views/filtered_table.h"
#include "ui/workspace/loaded_source.h"

#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
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
    , m_run(new QPushButton(tr("Compare Ranges"), this))
    , m_summary(new QLabel(this))
    , m_model(new RangeChangeModel(this))
    , m_table(new FilteredTable(m_model, tr("Changed prefixes"), this)) {
    auto* form = new QFormLayout;
    for (const auto& [edit, label] :
         {std::pair{m_old, tr("Before:")}, std::pair{m_new, tr("After:")}}) {
        edit->setClearButtonEnabled(true);
        auto* browse = new QPushButton(tr("Browse…"), this);
        connect(browse, &QPushButton::clicked, this, [this, e = edit] {
            const QString f = QFileDialog::getOpenFileName(this, tr("Range File"));
            if (!f.isEmpty()) e->setText(f);
        });
        auto* row = new QHBoxLayout;
        row->addWidget(edit, 1);
        row->addWidget(browse);
        form->addRow(label, row);
    }
    m_old->setPlaceholderText(tr("a range file, or demo:<name>; default: the workspace's first"));
    m_new->setPlaceholderText(tr("the newer publication (e.g. a fresh ip-ranges.json)"));
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

void RangesDiffView::run() {
    if (m_watcher.isRunning()) return;
    std::string before = m_old->text().trimmed().toStdString();
    if (before.empty() && !m_doc->workspace().range_sources.empty())
        before = m_doc->workspace().range_sources.front();
    const std::string after = m_new->text().trimmed().toStdString();
    const BucketMap buckets = m_doc->workspace().buckets;
    m_run->setEnabled(false);
    m_summary->setText(tr("Comparing…"));
    m_watcher.setFuture(QtConcurrent::run([before, after, buckets]() -> Outcome {
        if (before.empty() || after.empty())
            return {std::nullopt, tr("choose the two range files")};
        auto a = load_source(before);
        if (!a) return {std::nullopt, QString::fromStdString(a.error().what())};
        auto b = load_source(after);
        if (!b) return {std::nullopt, QString::fromStdString(b.error().what())};
        return {diff_ranges({(*a)->set}, {(*b)->set}, buckets), {}};
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
    m_summary->setText(text);
    m_model->setDiff(*m_diff);
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
