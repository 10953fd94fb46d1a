#include "ui/models/alias_table_model.h"

#include "core/report/report_text.h"
#include "ui/models/model_roles.h"

namespace ociproxy::ui {

void AliasTableModel::setRows(std::vector<AliasRow> rows) {
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

int AliasTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

int AliasTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AliasTableModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || std::size_t(index.row()) >= m_rows.size()) return {};
    const AliasRow& a = m_rows[std::size_t(index.row())];
    const auto money = [](double v) { return QString::fromStdString(usd_text(v)); };
    const auto km = [](const std::optional<PlanRoute>& r) -> QVariant {
        if (!r || !r->km) return QString();
        return QString::number(*r->km, 'f', 0);
    };
    const double saves =
        a.recommended ? a.gib_month * (a.today.usd_per_gib - a.recommended->usd_per_gib) : 0.0;
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Region:
            return QString::fromStdString(a.region);
        case City:
            return QString::fromStdString(a.city);
        case GiBMonth:
            return QString::number(a.gib_month, 'f', 2);
        case Today:
            return QString::fromStdString(a.today.bucket) +
                   QStringLiteral(" (%1/GiB)").arg(money(a.today.usd_per_gib));
        case Nearest:
            return a.nearest ? QString::fromStdString(a.nearest->bucket) : tr("none placed");
        case NearestKm:
            return km(a.nearest);
        case NearestPrice:
            return a.nearest ? money(a.nearest->usd_per_gib) : QString();
        case Cheapest:
            return a.cheapest ? QString::fromStdString(a.cheapest->bucket) : tr("none placed");
        case CheapestKm:
            return km(a.cheapest);
        case CheapestPrice:
            return a.cheapest ? money(a.cheapest->usd_per_gib) : QString();
        case Recommended:
            return a.recommended ? QString::fromStdString(a.recommended->bucket)
                                 : tr("keep %1").arg(QString::fromStdString(a.today.bucket));
        case Saves:
            return money(saves);
        }
    } else if (role == SortRole) {
        switch (index.column()) {
        case GiBMonth:
            return a.gib_month;
        case NearestKm:
            return a.nearest && a.nearest->km ? *a.nearest->km : 1e300;
        case CheapestKm:
            return a.cheapest && a.cheapest->km ? *a.cheapest->km : 1e300;
        case NearestPrice:
            return a.nearest ? a.nearest->usd_per_gib : 1e300;
        case CheapestPrice:
            return a.cheapest ? a.cheapest->usd_per_gib : 1e300;
        case Saves:
            return saves;
        default:
            return data(index, Qt::DisplayRole);
        }
    } else if (role == AttentionRole) {
        return bool(a.recommended);
    } else if (role == Qt::BackgroundRole && a.recommended && index.column() >= Recommended) {
        return attention_color();
    } else if (role == Qt::ToolTipRole) {
        if (index.column() == Nearest && a.nearest) return QString::fromStdString(a.nearest->basis);
        if (index.column() == Cheapest && a.cheapest)
            return QString::fromStdString(a.cheapest->basis);
        if (index.column() == Today) return QString::fromStdString(a.today.basis);
        if (index.column() >= Recommended)
            return a.recommended ? tr("Aliasing %1 to %2 saves this much a month")
                                       .arg(QString::fromStdString(a.region),
                                            QString::fromStdString(a.recommended->bucket))
                                 : tr("No bucket serves %1 for less than today's route")
                                       .arg(QString::fromStdString(a.region));
    } else if (role == Qt::TextAlignmentRole &&
               (index.column() == GiBMonth || index.column() == NearestKm ||
                index.column() == NearestPrice || index.column() == CheapestKm ||
                index.column() == CheapestPrice || index.column() == Saves)) {
        return int(Qt::AlignRight | Qt::AlignVCenter);
    }
    return {};
}

QVariant AliasTableModel::headerData(int section, Qt::Orientation o, int role) const {
    if (o != Qt::Horizontal || role != Qt::DisplayRole) return {};
    static const char* names[] = {
        QT_TR_NOOP("Region"), QT_TR_NOOP("City"),        QT_TR_NOOP("GiB/month"),
        QT_TR_NOOP("Today"),  QT_TR_NOOP("Nearest"),     QT_TR_NOOP("km"),
        QT_TR_NOOP("$/GiB"),  QT_TR_NOOP("Cheapest"),    QT_TR_NOOP("km"),
        QT_TR_NOOP("$/GiB"),  QT_TR_NOOP("Recommended"), QT_TR_NOOP("Saves/mo")};
    return section >= 0 && section < ColumnCount ? tr(names[section]) : QVariant();
}

} // namespace ociproxy::ui
