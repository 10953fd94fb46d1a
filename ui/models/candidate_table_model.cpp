#include "ui/models/candidate_table_model.h"

#include "core/report/report_text.h"
#include "ui/models/model_roles.h"

namespace ociproxy::ui {

void CandidateTableModel::setPlan(const Plan& plan) {
    beginResetModel();
    m_rows = plan.candidates;
    m_chosen = plan.chosen() ? plan.chosen()->region : std::string();
    endResetModel();
}

int CandidateTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

int CandidateTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CandidateTableModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || std::size_t(index.row()) >= m_rows.size()) return {};
    const PlacementCandidate& c = m_rows[std::size_t(index.row())];
    const auto money = [](double v) { return QString::fromStdString(usd_text(v)); };
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Rank:
            return index.row() + 1;
        case Region:
            return QString::fromStdString(c.region);
        case City:
            return QString::fromStdString(c.city);
        case Today:
            return QString::fromStdString(c.today.bucket) +
                   QStringLiteral(" (%1/GiB)").arg(money(c.today.usd_per_gib));
        case GiBMonth:
            return QString::number(c.gib_month, 'f', 2);
        case EgressSaved:
            return money(c.egress_saving_month);
        case Storage:
            return money(c.storage_month);
        case Copy:
            return money(c.replication_month);
        case Net:
            return money(c.net_month);
        case BreakEven:
            return c.break_even_gib_month ? QString::number(*c.break_even_gib_month, 'f', 1)
                                          : tr("never");
        case CopyFrom:
            return c.replicate_from.bucket.empty()
                       ? tr("(price table)")
                       : QString::fromStdString(c.replicate_from.bucket) +
                             QStringLiteral(" (%1/GiB)").arg(money(c.replicate_from.usd_per_gib));
        }
    } else if (role == SortRole) {
        switch (index.column()) {
        case Rank:
            return index.row();
        case GiBMonth:
            return c.gib_month;
        case EgressSaved:
            return c.egress_saving_month;
        case Storage:
            return c.storage_month;
        case Copy:
            return c.replication_month;
        case Net:
            return c.net_month;
        case BreakEven:
            return c.break_even_gib_month ? *c.break_even_gib_month : 1e300;
        default:
            return data(index, Qt::DisplayRole);
        }
    } else if (role == AttentionRole) {
        return c.region == m_chosen;
    } else if (role == Qt::BackgroundRole && c.region == m_chosen) {
        return attention_color();
    } else if (role == Qt::ToolTipRole) {
        return tr("Saves %1 a month on egress (%2 today → %3), costs %4 a month to store and %5 "
                  "once to fill (from %6), %7 a month over the horizon.")
            .arg(money(c.egress_saving_month), QString::fromStdString(c.today.basis),
                 QString::fromStdString(c.after.basis), money(c.storage_month),
                 money(c.replication_once),
                 QString::fromStdString(c.replicate_from.bucket.empty() ? "the price table"
                                                                        : c.replicate_from.bucket),
                 money(c.replication_month));
    } else if (role == Qt::TextAlignmentRole && index.column() != Region &&
               index.column() != City && index.column() != Today && index.column() != CopyFrom) {
        return int(Qt::AlignRight | Qt::AlignVCenter);
    }
    return {};
}

QVariant CandidateTableModel::headerData(int section, Qt::Orientation o, int role) const {
    if (o != Qt::Horizontal) return {};
    static const char* names[] = {QT_TR_NOOP("#"),          QT_TR_NOOP("Region"),
                                  QT_TR_NOOP("City"),       QT_TR_NOOP("Today"),
                                  QT_TR_NOOP("GiB/month"),  QT_TR_NOOP("Egress saved/mo"),
                                  QT_TR_NOOP("Storage/mo"), QT_TR_NOOP("Copy/mo"),
                                  QT_TR_NOOP("Net/mo"),     QT_TR_NOOP("Break-even GiB/mo"),
                                  QT_TR_NOOP("Copied from")};
    if (section < 0 || section >= ColumnCount) return {};
    if (role == Qt::DisplayRole) return tr(names[section]);
    if (role == Qt::ToolTipRole && section == BreakEven)
        return tr("The region's traffic per month at which the new bucket pays for itself");
    if (role == Qt::ToolTipRole && section == Copy)
        return tr("The one-time copy of the store, spread over the horizon");
    return {};
}

} // namespace ociproxy::ui
