#include "ui/models/range_change_model.h"

#include "ui/models/model_roles.h"

namespace ociproxy::ui {

void RangeChangeModel::setDiff(const RangeDiff& d,
                               const std::map<std::string, PrefixConsequence>& consequences) {
    beginResetModel();
    m_rows.clear();
    const auto q = [](const std::string& s) { return QString::fromStdString(s); };
    for (const auto& m : d.moved)
        m_rows.push_back(
            {tr("moved"), q(m.cloud), q(m.prefix.to_string()), q(m.from), q(m.to), {}, false});
    for (const auto& e : d.added)
        m_rows.push_back(
            {tr("added"), q(e.cloud), q(e.prefix.to_string()), {}, q(e.region), {}, false});
    for (const auto& e : d.removed)
        m_rows.push_back(
            {tr("removed"), q(e.cloud), q(e.prefix.to_string()), q(e.region), {}, {}, false});
    for (auto& r : m_rows)
        if (const auto it = consequences.find(r.prefix.toStdString()); it != consequences.end()) {
            r.consequence = q(it->second.text);
            r.changes = it->second.changes;
        }
    endResetModel();
}

int RangeChangeModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

int RangeChangeModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RangeChangeModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) return {};
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
        case Consequence:
            return r.consequence;
        }
    }
    if (role == AttentionRole) return r.changes;
    if (role == Qt::BackgroundRole && r.changes) return attention_color();
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
    case Consequence:
        return tr("Where its clients' blobs go");
    }
    return {};
}

} // namespace ociproxy::ui
