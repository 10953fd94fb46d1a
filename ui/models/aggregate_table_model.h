#pragma once

#include "core/simulate/simulation.h"

#include <QAbstractTableModel>

namespace ociproxy::ui {

// A simulation's rows: requests, bytes and cost per backend, bucket, client
// cloud and region, and status.
class AggregateTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Backend, Bucket, Cloud, Region, Status, Requests, Bytes, Cost, ColumnCount };

    using QAbstractTableModel::QAbstractTableModel;

    void setRows(std::vector<Aggregate> rows);
    const Aggregate& row(int r) const { return m_rows[std::size_t(r)]; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation o, int role) const override;

private:
    std::vector<Aggregate> m_rows;
};

} // namespace ociproxy::ui
