#include "ui/models/aggregate_table_model.h"

#include "core/report/report_text.h"
#include "ui/models/model_roles.h"

#include <QLocale>

namespace ociproxy::ui {

void AggregateTableModel::setRows(std::vector<Aggregate> rows) {
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

int AggregateTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

int AggregateTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AggregateTableModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || std::size_t(index.row()) >= m_rows.size()) return {};
    const Aggregate& a = m_rows[std::size_t(index.row())];
    const QLocale loc;
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Backend:
            return QString::fromLatin1(backend_name(a.backend).data());
        case Bucket:
            return QString::fromStdString(a.bucket);
        case Cloud:
            return QString::fromStdString(a.cloud);
        case Region:
            return QString::fromStdString(a.region);
        case Status:
            return QString::number(a.status);
        case Requests:
            return loc.toString(qulonglong(a.requests));
        case Bytes:
            return loc.formattedDataSize(qint64(a.bytes));
        case Cost:
            return QString::fromStdString(usd_text(a.usd));
        }
    } else if (role == SortRole) {
        switch (index.column()) {
        case Requests:
            return qulonglong(a.requests);
        case Bytes:
            return qulonglong(a.bytes);
        case Cost:
            return a.usd;
        case Status:
            return a.status;
        default:
            return data(index, Qt::DisplayRole);
        }
    } else if (role == Qt::TextAlignmentRole && index.column() >= Status) {
        return int(Qt::AlignRight | Qt::AlignVCenter);
    }
    return {};
}

QVariant AggregateTableModel::headerData(int section, Qt::Orientation o, int role) const {
    if (o != Qt::Horizontal || role != Qt::DisplayRole) return {};
    static const char* names[] = {QT_TR_NOOP("Backend"), QT_TR_NOOP("Bucket"),
                                  QT_TR_NOOP("Cloud"),   QT_TR_NOOP("Region"),
                                  QT_TR_NOOP("Status"),  QT_TR_NOOP("Requests"),
                                  QT_TR_NOOP("Bytes"),   QT_TR_NOOP("Est. cost")};
    return section >= 0 && section < ColumnCount ? tr(names[section]) : QVariant();
}

} // namespace ociproxy::ui
