#include "ui/models/bucket_table_model.h"

#include "ui/models/model_roles.h"

#include <QRegularExpression>

namespace ociproxy::ui {
namespace {

// The cell of the draft's first problem, as core locates it: (-1, -1) for
// the default URL, (-2, -2) for none or the map as a whole.
std::pair<int, int> cell_of(const std::optional<BucketIssue>& issue) {
    if (!issue) return {-2, -2};
    switch (issue->field) {
    case BucketIssue::Field::Default:
        return {-1, -1};
    case BucketIssue::Field::Buckets:
        return {-2, -2};
    case BucketIssue::Field::Name:
        return {int(issue->bucket), BucketTableModel::Name};
    case BucketIssue::Field::Url:
        return {int(issue->bucket), BucketTableModel::Url};
    case BucketIssue::Field::Regions:
        return {int(issue->bucket), BucketTableModel::Regions};
    }
    return {-2, -2};
}

QStringList split_regions(const QString& text) {
    QStringList out;
    for (const auto& part : text.split(QRegularExpression("[,\\s]+"), Qt::SkipEmptyParts))
        out << part;
    return out;
}

} // namespace

BucketTableModel::BucketTableModel(WorkspaceDocument* doc, QObject* parent)
    : QAbstractTableModel(parent)
    , m_doc(doc) {
    connect(doc, &WorkspaceDocument::changed, this, &BucketTableModel::refresh);
    refresh();
}

void BucketTableModel::refresh() {
    const auto& draft = m_doc->state().draft;
    const auto cell = m_doc->bucketError()
                          ? cell_of(check_bucket_map(m_doc->state().draft_default, draft))
                          : std::pair{-2, -2};
    if (draft.size() == m_rows.size()) {
        // Same rows: a change in place keeps the view's editor and selection,
        // which a reset in the middle of a commit would tear down.
        m_rows = draft;
        m_errorCell = cell;
        if (!m_rows.empty()) emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    m_rows = draft;
    m_errorCell = cell;
    endResetModel();
}

int BucketTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

int BucketTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant BucketTableModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || std::size_t(index.row()) >= m_rows.size()) return {};
    const Bucket& b = m_rows[std::size_t(index.row())];
    const bool bad = m_errorCell == std::pair{index.row(), index.column()};
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
    case SortRole:
        switch (index.column()) {
        case Name:
            return QString::fromStdString(b.name);
        case Url:
            return QString::fromStdString(b.url);
        case Regions: {
            QStringList r;
            for (const auto& x : b.regions)
                r << QString::fromStdString(x);
            return r.join(", ");
        }
        }
        break;
    case AttentionRole:
        return bad;
    case Qt::BackgroundRole:
        if (bad) return attention_color();
        break;
    case Qt::ToolTipRole:
        if (bad) return QString::fromStdString(m_doc->bucketError()->message);
        break;
    }
    return {};
}

bool BucketTableModel::setData(const QModelIndex& index, const QVariant& value, int role) {
    if (role != Qt::EditRole || !index.isValid() || std::size_t(index.row()) >= m_rows.size())
        return false;
    auto draft = m_rows;
    Bucket& b = draft[std::size_t(index.row())];
    const QString text = value.toString().trimmed();
    QString what;
    switch (index.column()) {
    case Name:
        b.name = text.toStdString();
        what = tr("Rename bucket to %1").arg(text);
        break;
    case Url:
        b.url = text.toStdString();
        what = tr("Edit URL of %1").arg(QString::fromStdString(b.name));
        break;
    case Regions:
        b.regions.clear();
        for (const auto& r : split_regions(text))
            b.regions.push_back(r.toStdString());
        what = tr("Edit regions of %1").arg(QString::fromStdString(b.name));
        break;
    default:
        return false;
    }
    if (draft == m_rows) return true;
    m_doc->setBucketDraft(std::move(draft), m_doc->state().draft_default, what);
    return true;
}

Qt::ItemFlags BucketTableModel::flags(const QModelIndex& index) const {
    if (!index.isValid()) return Qt::NoItemFlags;
    return Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemIsEditable;
}

QVariant BucketTableModel::headerData(int section, Qt::Orientation o, int role) const {
    if (o != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
    case Name:
        return tr("Name");
    case Url:
        return tr("URL");
    case Regions:
        return tr("Regions");
    }
    return {};
}

} // namespace ociproxy::ui
