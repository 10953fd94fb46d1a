#pragma once

#include "core/decide/region_summary.h"
#include "ui/workspace/workspace_document.h"

#include <QAbstractTableModel>

namespace ociproxy::ui {

// Every (cloud, region) in the loaded ranges with the bucket its clients
// get; AWS regions with no bucket are flagged (AttentionRole).
class RegionTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Cloud, Region, Ipv4, Ipv6, Bucket, ColumnCount };

    // `unmapped_only`: just the AWS regions without a bucket (the Buckets
    // view's list).
    RegionTableModel(WorkspaceDocument* doc, bool unmapped_only, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation o, int role) const override;

private:
    void refresh();

    WorkspaceDocument* m_doc;
    bool m_unmappedOnly;
    std::shared_ptr<const Router> m_router; // keeps the rows' bucket pointers alive
    std::vector<RegionSummary> m_rows;
};

} // namespace ociproxy::ui
