#pragma once

#include "ui/lookup/lookup_row.h"

#include <QAbstractTableModel>

namespace ociproxy::ui {

// The Lookup view's results; rows where the match modes disagree carry
// AttentionRole and a marker in the Modes column.
class LookupTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        Input,
        ClientIp,
        Cloud,
        Region,
        Prefix,
        Bucket,
        Status,
        Location,
        Modes,
        Reason,
        ColumnCount
    };

    using QAbstractTableModel::QAbstractTableModel;

    void setRows(std::vector<LookupRow> rows);
    const LookupRow& row(int r) const { return m_rows[std::size_t(r)]; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation o, int role) const override;

private:
    std::vector<LookupRow> m_rows;
};

} // namespace ociproxy::ui
