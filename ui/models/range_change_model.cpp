#include "ui/models/range_change_model.h"

#include "ui/models/model_roles.h"

namespace ociproxy::ui {

void RangeChangeModel::setDiff(const RangeDiff& d) {
    beginResetModel();
    m_rows.clear();
    const auto q = [](const std::string& s) { return QString::fromStdString(s); };
    for (const auto& m : d.moved)
        m_rows.push_back({tr("moved"), q(m.cloud), q(m.prefix.to_string()), q(m.from), q(m.to)});
    for (const auto& e : d.added)
        m_rows.push_back({tr("added"), q(e.cloud), q(e.prefix.to_string()), {}, q(e.region)});
    for (const auto& e : d.removed)
        m_rows.push_back({tr("removed"), q(e.cloud), q(e.prefix.to_string()), q(e.region), {}});
    endResetModel();
}

int RangeChangeModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

int RangeChangeModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RangeChangeModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || std::size_t(index.row()) >= m_rows.size()) return {};
    const Row& r = m_rows[std::size_t(index.row())];
    if (role == Qt::DisplayRole || role == SortRole) {
        switch (index.column()) {
        case Change:
            return r.change;
        case Cloud:
            return r.cloud;
        case Prefix:
            return r.prefix;
        case From:
            return r.from;
        case To:
            return r.to;
        }
    }
    if (role == AttentionRole) return r.change == tr("moved");
    if (role == Qt::BackgroundRole && r.change == tr("moved")) return attention_color();
    return {};
}

QVariant RangeChangeModel::headerData(int section, Qt::Orientation o, int role) const {
    if (o != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
    case Change:
        return tr("Change");
    case Cloud:
        return tr("Cloud");
    case Prefix:
        return tr("Prefix");
    case From:
        return tr("Region before");
    case To:
        return tr("Region after");
    }
    return {};
}

} // namespace ociproxy::ui
