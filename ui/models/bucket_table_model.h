#pragma once

#include "ui/workspace/workspace_document.h"

#include <QAbstractTableModel>

namespace ociproxy::ui {

// The bucket map as an editable table. Every edit is one undo step on the
// document; the core validates the whole map, and the cell its first error
// names is flagged (AttentionRole, tooltip) until the edit is fixed or undone.
class BucketTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Name, Url, Regions, ColumnCount };

    explicit BucketTableModel(WorkspaceDocument* doc, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(int section, Qt::Orientation o, int role) const override;

    // (row, column) of the cell the validation error names; row -1 for the
    // default URL, (-2, -2) when there is no error.
    std::pair<int, int> errorCell() const { return m_errorCell; }

private:
    void refresh();

    WorkspaceDocument* m_doc;
    std::vector<Bucket> m_rows;
    std::pair<int, int> m_errorCell{-2, -2};
};

} // namespace ociproxy::ui
