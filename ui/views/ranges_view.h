#pragma once

#include "ui/workspace/workspace_document.h"

#include <QWidget>

class QToolBar;

namespace ociproxy::ui {

class FilteredTable;

// The loaded range files, the regions they define (with the bucket each
// gets) and the overlaps where the two match modes disagree.
class RangesView : public QWidget {
    Q_OBJECT
public:
    explicit RangesView(WorkspaceDocument* doc, QWidget* parent = nullptr);

    QToolBar* toolBar() const { return m_toolBar; }
    // Index into the workspace's source list, or -1.
    int currentSource() const;

    FilteredTable* sources() const { return m_sources; }
    FilteredTable* regions() const { return m_regions; }
    FilteredTable* overlaps() const { return m_overlaps; }

private:
    QToolBar* m_toolBar;
    FilteredTable* m_sources;
    FilteredTable* m_regions;
    FilteredTable* m_overlaps;
};

} // namespace ociproxy::ui
