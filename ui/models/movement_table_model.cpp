#include "ui/models/movement_table_model.h"

#include "core/report/report_text.h"
#include "core/simulate/movement.h"
#include "ui/models/model_roles.h"

#include <QLocale>

namespace ociproxy::ui {
namespace {

QString where(Backend b, const std::string& bucket) {
    const QString name = QString::fromLatin1(backend_name(b).data());
    const QString q = QString::fromStdString(bucket);
    return q == name ? name : name + "/" + q;
}

QString money(double v) {
    return QString::fromStdString(usd_text(v)); // "-$0.36": one money format everywhere
}

} // namespace

void MovementTableModel::setRows(std::vector<Movement> rows) {
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

int MovementTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

int MovementTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant MovementTableModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || std::size_t(index.row()) >= m_rows.size()) return {};
    const Movement& m = m_rows[std::size_t(index.row())];
    const bool moved = has_moved(m);
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case From:
            return where(m.from_backend, m.from);
        case To:
            return where(m.to_backend, m.to);
        case Requests:
            return QLocale().toString(qulonglong(m.requests));
        case CostA:
            return money(m.usd_a);
        case CostB:
            return money(m.usd_b);
        case Delta:
            return money(m.usd_b - m.usd_a);
        }
        break;
    case SortRole:
        switch (index.column()) {
        case Requests:
            return qulonglong(m.requests);
        case CostA:
            return m.usd_a;
        case CostB:
            return m.usd_b;
        case Delta:
            return m.usd_b - m.usd_a;
        default:
            return data(index, Qt::DisplayRole);
        }
    case Qt::BackgroundRole:
        if (moved) return attention_color();
        break;
    case AttentionRole:
        return moved;
    case Qt::TextAlignmentRole:
        if (index.column() >= Requests) return int(Qt::AlignRight | Qt::AlignVCenter);
        break;
    }
    return {};
}

QVariant MovementTableModel::headerData(int section, Qt::Orientation o, int role) const {
    if (o != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
    case From:
        return tr("From (A)");
    case To:
        return tr("To (B)");
    case Requests:
        return tr("Requests");
    case CostA:
        return tr("Cost A");
    case CostB:
        return tr("Cost B");
    case Delta:
        return tr("B − A");
    }
    return {};
}

} // namespace ociproxy::ui
