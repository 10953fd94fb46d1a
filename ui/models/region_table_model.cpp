#include "ui/models/region_table_model.h"

#include "ui/models/model_roles.h"

#include <QLocale>

namespace ociproxy::ui {

RegionTableModel::RegionTableModel(WorkspaceDocument* doc, bool unmapped_only, QObject* parent)
    : QAbstractTableModel(parent)
    , m_doc(doc)
    , m_unmappedOnly(unmapped_only) {
    connect(doc, &WorkspaceDocument::changed, this, &RegionTableModel::refresh);
    refresh();
}

void RegionTableModel::refresh() {
    beginResetModel();
    m_router = m_doc->router();
    m_rows = m_router ? summarize_regions(*m_router) : std::vector<RegionSummary>{};
    if (m_unmappedOnly) std::erase_if(m_rows, [](const auto& r) { return !r.unmapped_aws; });
    endResetModel();
}

int RegionTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

int RegionTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RegionTableModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || std::size_t(index.row()) >= m_rows.size()) return {};
    const RegionSummary& r = m_rows[std::size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Cloud:
            return QString::fromStdString(r.cloud);
        case Region:
            return QString::fromStdString(r.region);
        case Ipv4:
            return QLocale().toString(qulonglong(r.ipv4));
        case Ipv6:
            return QLocale().toString(qulonglong(r.ipv6));
        case Bucket:
            if (r.bucket) return QString::fromStdString(r.bucket->name);
            if (r.cloud == "GCP") return tr("upstream (GCP)");
            return r.cloud == "AWS" ? tr("default") : tr("— (not AWS)");
        }
        break;
    case SortRole:
        if (index.column() == Ipv4) return qulonglong(r.ipv4);
        if (index.column() == Ipv6) return qulonglong(r.ipv6);
        return data(index, Qt::DisplayRole);
    case Qt::ToolTipRole:
        if (index.column() == Bucket && r.bucket) return QString::fromStdString(r.bucket->url);
        if (r.unmapped_aws)
            return tr("No bucket is mapped to %1: its clients get the default base URL")
                .arg(QString::fromStdString(r.region));
        break;
    case Qt::BackgroundRole:
        if (r.unmapped_aws) return attention_color();
        break;
    case AttentionRole:
        return r.unmapped_aws;
    case Qt::TextAlignmentRole:
        if (index.column() == Ipv4 || index.column() == Ipv6)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        break;
    }
    return {};
}

QVariant RegionTableModel::headerData(int section, Qt::Orientation o, int role) const {
    if (o != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
    case Cloud:
        return tr("Cloud");
    case Region:
        return tr("Region");
    case Ipv4:
        return tr("IPv4 prefixes");
    case Ipv6:
        return tr("IPv6 prefixes");
    case Bucket:
        return tr("Bucket");
    }
    return {};
}

} // namespace ociproxy::ui
