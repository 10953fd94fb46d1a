#pragma once

#include <QAbstractTableModel>

namespace ociproxy::ui {

class MetricsSource;

// The live view's sources and how each is doing: state, replicas up (a
// Prometheus source), reason, last success, ticks kept.
class LiveSourceModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Source, Kind, State, Replicas, LastOk, Ticks, Reason, ColumnCount };

    using QAbstractTableModel::QAbstractTableModel;

    void setSources(std::vector<MetricsSource*> sources);
    MetricsSource* source(int row) const { return m_sources[std::size_t(row)]; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation o, int role) const override;

private:
    std::vector<MetricsSource*> m_sources;
};

} // namespace ociproxy::ui
