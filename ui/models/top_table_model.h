#pragma once

#include "core/simulate/top_counter.h"

#include <QAbstractTableModel>

namespace ociproxy::ui {

// A drill-down's top list (clients or prefixes): key, requests, bytes and,
// when counters were shared, how much a count may be over. Rows whose count
// is approximate carry AttentionRole.
class TopTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Key, Requests, Bytes, Overcount, ColumnCount };

    explicit TopTableModel(QString keyTitle, QObject* parent = nullptr)
        : QAbstractTableModel(parent)
        , m_keyTitle(std::move(keyTitle)) {}
    void setRows(std::vector<TopCounter::Item> rows);
    const std::vector<TopCounter::Item>& rows() const { return m_rows; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation o, int role) const override;

private:
    QString m_keyTitle;
    std::vector<TopCounter::Item> m_rows;
};

} // namespace ociproxy::ui
