#pragma once

#include "core/simulate/simulation.h"

#include <QAbstractTableModel>

namespace ociproxy::ui {

// A comparison's movement matrix: requests that went from a backend/bucket
// under A to one under B, with the cost under each. Moved rows carry
// AttentionRole.
class MovementTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { From, To, Requests, CostA, CostB, Delta, ColumnCount };

    using QAbstractTableModel::QAbstractTableModel;
    void setRows(std::vector<Movement> rows);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation o, int role) const override;

private:
    std::vector<Movement> m_rows;
};

} // namespace ociproxy::ui
