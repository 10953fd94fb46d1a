#pragma once

#include "core/plan/alias_table.h"

#include <QAbstractTableModel>

namespace ociproxy::ui {

// Regions without a bucket: where their traffic goes today, the nearest and
// the cheapest bucket, and what the plan recommends (flagged when it moves).
class AliasTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        Region,
        City,
        GiBMonth,
        Today,
        Nearest,
        NearestKm,
        NearestPrice,
        Cheapest,
        CheapestKm,
        CheapestPrice,
        Recommended,
        Saves,
        ColumnCount
    };

    using QAbstractTableModel::QAbstractTableModel;

    void setRows(std::vector<AliasRow> rows);
    const AliasRow& row(int r) const { return m_rows[std::size_t(r)]; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation o, int role) const override;

private:
    std::vector<AliasRow> m_rows;
};

} // namespace ociproxy::ui
