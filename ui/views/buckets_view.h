#pragma once

#include "ui/workspace/workspace_document.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QToolBar;

namespace ociproxy::ui {

class BucketTableModel;
class FilteredTable;

// The bucket map, edited in place with undo, and the AWS regions of the
// loaded ranges that no bucket serves.
class BucketsView : public QWidget {
    Q_OBJECT
public:
    explicit BucketsView(WorkspaceDocument* doc, QWidget* parent = nullptr);

    QToolBar* toolBar() const { return m_toolBar; }
    BucketTableModel* model() const { return m_model; }
    FilteredTable* buckets() const { return m_buckets; }
    FilteredTable* unmapped() const { return m_unmapped; }
    QLineEdit* defaultUrl() const { return m_default; }
    QLabel* validation() const { return m_validation; }

    void addBucket();
    void removeSelectedBuckets();

private:
    void refresh();

    WorkspaceDocument* m_doc;
    QToolBar* m_toolBar;
    BucketTableModel* m_model;
    FilteredTable* m_buckets;
    FilteredTable* m_unmapped;
    QLineEdit* m_default;
    QLabel* m_validation;
};

} // namespace ociproxy::ui
