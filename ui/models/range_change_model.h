#pragma once

#include "core/diff/range_diff.h"

#include <QAbstractTableModel>

namespace ociproxy::ui {

// Every prefix a range diff found added, removed or moved.
class RangeChangeModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Change, Cloud, Prefix, From, To, ColumnCount };

    using QAbstractTableModel::QAbstractTableModel;
    void setDiff(const RangeDiff& d);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation o, int role) const override;

private:
    struct Row {
        QString change, cloud, prefix, from, to;
    };
    std::vector<Row> m_rows;
};

} // namespace ociproxy::ui
