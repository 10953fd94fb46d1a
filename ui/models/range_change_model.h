#pragma once

#include "core/diff/prefix_consequence.h"
#include "core/diff/range_diff.h"

#include <QAbstractTableModel>

namespace ociproxy::ui {

// Every prefix a range diff found added, removed or moved.
class RangeChangeModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Change, Cloud, Prefix, From, To, Consequence, ColumnCount };

    using QAbstractTableModel::QAbstractTableModel;
    // The consequences (prefix_consequences) fill the last column; rows
    // whose clients go elsewhere need attention.
    void setDiff(const RangeDiff& d,
                 const std::map<std::string, PrefixConsequence>& consequences = {});

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation o, int role) const override;

private:
    struct Row {
        QString change, cloud, prefix, from, to, consequence;
        bool changes = false;
    };
    std::vector<Row> m_rows;
};

} // namespace ociproxy::ui
