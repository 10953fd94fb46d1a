#pragma once

#include "core/plan/placement_plan.h"

#include <QAbstractTableModel>

namespace ociproxy::ui {

// The planner's candidates for a new bucket, best first; the one the plan
// chooses is flagged (AttentionRole).
class CandidateTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        Rank,
        Region,
        City,
        Today,
        GiBMonth,
        EgressSaved,
        Storage,
        Copy,
        Net,
        BreakEven,
        CopyFrom,
        ColumnCount
    };

    using QAbstractTableModel::QAbstractTableModel;

    void setPlan(const Plan& plan);
    const PlacementCandidate& row(int r) const { return m_rows[std::size_t(r)]; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation o, int role) const override;

private:
    std::vector<PlacementCandidate> m_rows;
    std::string m_chosen;
};

} // namespace ociproxy::ui
