#pragma once

#include "ui/workspace/workspace_document.h"

#include <QAbstractTableModel>

namespace ociproxy::ui {

// The workspace's range files: format, size, publication and digest.
class SourceTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        File,
        Format,
        Ipv4,
        Ipv6,
        Regions,
        Published,
        SyncToken,
        Sha256,
        Size,
        LoadMs,
        ColumnCount
    };

    explicit SourceTableModel(WorkspaceDocument* doc, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation o, int role) const override;

private:
    struct Row {
        QString name, path, format, published, sync, sha256;
        qulonglong ipv4 = 0, ipv6 = 0, regions = 0, bytes = 0;
        double ms = 0;
    };
    void refresh();

    WorkspaceDocument* m_doc;
    std::vector<Row> m_rows;
};

} // namespace ociproxy::ui
