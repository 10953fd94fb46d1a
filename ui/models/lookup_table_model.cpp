#include "ui/models/lookup_table_model.h"

#include "ui/models/model_roles.h"

namespace ociproxy::ui {

void LookupTableModel::setRows(std::vector<LookupRow> rows) {
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

int LookupTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

int LookupTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LookupTableModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || std::size_t(index.row()) >= m_rows.size()) return {};
    const LookupRow& r = m_rows[std::size_t(index.row())];
    const Decision& d = r.decision;
    const auto s = [](const std::string& x) { return QString::fromStdString(x); };
    switch (role) {
    case Qt::DisplayRole:
    case SortRole:
        switch (index.column()) {
        case Input:
            return r.input;
        case ClientIp:
            return d.client_ip ? s(d.client_ip->to_string()) : QString();
        case Cloud:
            return s(d.cloud);
        case Region:
            return s(d.region);
        case Prefix:
            return s(d.prefix);
        case Bucket:
            return s(d.bucket_name);
        case Status:
            return role == SortRole ? QVariant(d.status) : QVariant(QString::number(d.status));
        case Location:
            return s(d.location);
        case Modes:
            return r.modes_differ ? tr("differ") : QString();
        case Reason:
            return s(d.reason);
        }
        break;
    case Qt::ToolTipRole:
        if (r.modes_differ) return tr("longest match: %1\nfirst match: %2").arg(r.longest, r.first);
        if (index.column() == Bucket || index.column() == Location) return s(d.location);
        break;
    case Qt::BackgroundRole:
        if (r.modes_differ) return attention_color();
        break;
    case AttentionRole:
        return r.modes_differ;
    }
    return {};
}

QVariant LookupTableModel::headerData(int section, Qt::Orientation o, int role) const {
    if (o != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
    case Input:
        return tr("Input");
    case ClientIp:
        return tr("Client IP");
    case Cloud:
        return tr("Cloud");
    case Region:
        return tr("Region");
    case Prefix:
        return tr("Prefix");
    case Bucket:
        return tr("Bucket");
    case Status:
        return tr("Status");
    case Location:
        return tr("Location");
    case Modes:
        return tr("Modes");
    case Reason:
        return tr("Reason");
    }
    return {};
}

} // namespace ociproxy::ui
