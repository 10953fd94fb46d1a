#include "ui/models/top_table_model.h"

#include "ui/models/model_roles.h"

#include <QLocale>

namespace ociproxy::ui {

void TopTableModel::setRows(std::vector<TopCounter::Item> rows) {
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

int TopTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

int TopTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TopTableModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) return {};
    const auto& r = m_rows[std::size_t(index.row())];
    const QLocale loc;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Key:
            return QString::fromStdString(r.key);
        case Requests:
            return loc.toString(qulonglong(r.requests));
        case Bytes:
            return loc.formattedDataSize(qint64(r.bytes));
        case Overcount:
            return r.overcount ? tr("≤ %1 over").arg(loc.toString(qulonglong(r.overcount)))
                               : tr("exact");
        }
        break;
    case SortRole:
        switch (index.column()) {
        case Key:
            return QString::fromStdString(r.key);
        case Requests:
            return qulonglong(r.requests);
        case Bytes:
            return qulonglong(r.bytes);
        case Overcount:
            return qulonglong(r.overcount);
        }
        break;
    case Qt::TextAlignmentRole:
        if (index.column() != Key) return int(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case AttentionRole:
        return r.overcount > 0;
    }
    return {};
}

QVariant TopTableModel::headerData(int section, Qt::Orientation o, int role) const {
    if (o != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
    case Key:
        return m_keyTitle;
    case Requests:
        return tr("Requests");
    case Bytes:
        return tr("Bytes");
    case Overcount:
        return tr("Count");
    }
    return {};
}

} // namespace ociproxy::ui
