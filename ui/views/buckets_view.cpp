#include "ui/views/buckets_view.h"

#include "ui/models/bucket_table_model.h"
#include "ui/models/region_table_model.h"
#include "ui/views/filtered_table.h"

#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSplitter>
#include <QToolBar>
#include <QVBoxLayout>
#include <set>

namespace ociproxy::ui {

BucketsView::BucketsView(WorkspaceDocument* doc, QWidget* parent)
    : QWidget(parent)
    , m_doc(doc)
    , m_toolBar(new QToolBar(this))
    , m_model(new BucketTableModel(doc, this))
    , m_buckets(new FilteredTable(m_model, tr("Buckets"), this))
    , m_unmapped(new FilteredTable(new RegionTableModel(doc, true, this),
                                   tr("AWS regions without a bucket"), this))
    , m_default(new QLineEdit(this))
    , m_validation(new QLabel(this)) {
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_unmapped->setAttentionLegend(tr("AWS region without a bucket: its clients get the default"));
    m_buckets->view()->setSortingEnabled(false); // the map's order is the file's order
    m_buckets->view()->setEditTriggers(QAbstractItemView::DoubleClicked |
                                       QAbstractItemView::EditKeyPressed |
                                       QAbstractItemView::AnyKeyPressed);
    m_buckets->setMaxColumnChars(90);
    // Every row here is an AWS region on the default URL; those columns say nothing.
    m_unmapped->view()->hideColumn(0);
    m_unmapped->view()->hideColumn(4);
    m_unmapped->view()->setToolTip(
        tr("Regions in the loaded AWS ranges that no bucket lists: their clients get the "
           "default base URL"));

    m_default->setToolTip(tr("Base URL for clients in no mapped region"));
    connect(m_default, &QLineEdit::editingFinished, this, [this] {
        const std::string v = m_default->text().trimmed().toStdString();
        if (v != m_doc->state().draft_default)
            m_doc->setBucketDraft(m_doc->state().draft, v, tr("Edit default base URL"));
    });
    m_validation->setWordWrap(true);
    m_validation->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_validation->setAutoFillBackground(true);
    QPalette pal = m_validation->palette();
    pal.setColor(QPalette::Window, QColor(255, 170, 0, 80));
    m_validation->setPalette(pal);
    m_validation->setMargin(6);

    auto* form = new QFormLayout;
    form->addRow(tr("Default base URL:"), m_default);
    auto* left = new QWidget(this);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addLayout(form);
    leftLayout->addWidget(m_validation);
    leftLayout->addWidget(m_buckets);
    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(left);
    split->addWidget(m_unmapped);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_toolBar);
    layout->addWidget(split);

    connect(doc, &WorkspaceDocument::changed, this, &BucketsView::refresh);
    refresh();
}

void BucketsView::refresh() {
    const QString def = QString::fromStdString(m_doc->state().draft_default);
    if (m_default->text() != def) m_default->setText(def);
    const auto& err = m_doc->bucketError();
    m_validation->setVisible(bool(err));
    if (err)
        m_validation->setText(
            tr("<b>Not applied:</b> %1<br>Routing keeps the last valid map until this is fixed "
               "or undone.")
                .arg(QString::fromStdString(err->what()).toHtmlEscaped()));
}

void BucketsView::addBucket() {
    auto draft = m_doc->state().draft;
    std::set<std::string> names;
    for (const auto& b : draft)
        names.insert(b.name);
    std::string name = "new-bucket";
    for (int i = 2; names.count(name); ++i)
        name = "new-bucket-" + std::to_string(i);
    // Starts invalid on purpose (no region yet): the validation shows what to fill in.
    draft.push_back(Bucket{name, "https://" + name + ".example.com", {}});
    m_doc->setBucketDraft(std::move(draft), m_doc->state().draft_default, tr("Add bucket"));
    const QModelIndex i = m_buckets->proxy()->mapFromSource(
        m_model->index(m_model->rowCount() - 1, BucketTableModel::Regions));
    m_buckets->view()->setCurrentIndex(i);
    m_buckets->view()->scrollTo(i);
}

void BucketsView::removeSelectedBuckets() {
    std::set<int> rows;
    for (const auto& i : m_buckets->view()->selectionModel()->selectedRows())
        rows.insert(m_buckets->proxy()->mapToSource(i).row());
    if (rows.empty()) return;
    auto draft = m_doc->state().draft;
    for (auto it = rows.rbegin(); it != rows.rend(); ++it)
        draft.erase(draft.begin() + *it);
    m_doc->setBucketDraft(std::move(draft), m_doc->state().draft_default,
                          tr("Remove %n bucket(s)", nullptr, int(rows.size())));
}

} // namespace ociproxy::ui
