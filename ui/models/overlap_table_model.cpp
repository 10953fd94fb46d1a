#include "ui/models/overlap_table_model.h"

#include "ui/models/model_roles.h"

namespace ociproxy::ui {

OverlapTableModel::OverlapTableModel(WorkspaceDocument* doc, QObject* parent)
    : QAbstractTableModel(parent)
    , m_doc(doc) {
    connect(doc, &WorkspaceDocument::changed, this, &OverlapTableModel::refresh);
    refresh();
}

void OverlapTableModel::refresh() {
    beginResetModel();
    m_router = m_doc->router();
    m_rows = m_router ? m_router->table().overlaps() : std::vector<Overlap>{};
    endResetModel();
}

QString OverlapTableModel::where(std::uint32_t entry) const {
    const auto& t = m_router->table();
    const auto& e = t.entry(entry);
    return QString::fromStdString(t.cloud_name(e.cloud) + " " + t.region_name(e.region));
}

int OverlapTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

int OverlapTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant OverlapTableModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || std::size_t(index.row()) >= m_rows.size()) return {};
    const Overlap& o = m_rows[std::size_t(index.row())];
    const auto& t = m_router->table();
    if (role == Qt::DisplayRole || role == SortRole) {
        switch (index.column()) {
        case Inner:
            return QString::fromStdString(t.entry(o.inner).prefix.to_string());
        case InnerRegion:
            return where(o.inner);
        case Outer:
            return QString::fromStdString(t.entry(o.outer).prefix.to_string());
        case OuterRegion:
            return where(o.outer);
        }
    } else if (role == Qt::ToolTipRole) {
        return tr("Inside %1, longest match answers %2; first match answers %3")
            .arg(QString::fromStdString(t.entry(o.inner).prefix.to_string()), where(o.inner),
                 where(o.outer));
    }
    return {};
}

QVariant OverlapTableModel::headerData(int section, Qt::Orientation o, int role) const {
    if (o != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
    case Inner:
        return tr("Prefix");
    case InnerRegion:
        return tr("Region (longest match)");
    case Outer:
        return tr("Inside");
    case OuterRegion:
        return tr("Region (first match)");
    }
    return {};
}

} // namespace ociproxy::ui
