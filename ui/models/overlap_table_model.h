#pragma once

#include "ui/workspace/workspace_document.h"

#include <QAbstractTableModel>

namespace ociproxy::ui {

// Prefixes nested in a shorter prefix of another cloud or region: where the
// longest and first match modes give different answers.
class OverlapTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Inner, InnerRegion, Outer, OuterRegion, ColumnCount };

    explicit OverlapTableModel(WorkspaceDocument* doc, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation o, int role) const override;

private:
    void refresh();
    QString where(std::uint32_t entry) const;

    WorkspaceDocument* m_doc;
    std::shared_ptr<const Router> m_router;
    std::vector<Overlap> m_rows;
};

} // namespace ociproxy::ui
