#include "ui/views/ranges_view.h"

#include "ui/models/overlap_table_model.h"
#include "ui/models/region_table_model.h"
#include "ui/models/source_table_model.h"
#include "ui/views/filtered_table.h"

#include <QHeaderView>
#include <QSplitter>
#include <QToolBar>
#include <QVBoxLayout>

namespace ociproxy::ui {

RangesView::RangesView(WorkspaceDocument* doc, QWidget* parent)
    : QWidget(parent)
    , m_toolBar(new QToolBar(this))
    , m_sources(new FilteredTable(new SourceTableModel(doc, this), tr("Range files"), this))
    , m_regions(new FilteredTable(new RegionTableModel(doc, false, this), tr("Regions"), this))
    , m_overlaps(new FilteredTable(new OverlapTableModel(doc, this), tr("Overlaps"), this)) {
    m_regions->setAttentionLegend(tr("AWS region without a bucket: its clients get the default"));
    m_overlaps->setAttentionLegend(tr("longest and first match disagree"));
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_sources->view()->setSortingEnabled(false); // keeps the workspace's order
    m_sources->view()->horizontalHeader()->setStretchLastSection(false);
    m_overlaps->setToolTip(tr("Prefixes nested in a shorter prefix of another cloud or region: "
                              "the addresses where longest and first match disagree"));

    auto* lower = new QSplitter(Qt::Horizontal, this);
    lower->addWidget(m_regions);
    lower->addWidget(m_overlaps);
    lower->setStretchFactor(0, 1);
    lower->setStretchFactor(1, 1);
    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_sources);
    split->addWidget(lower);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 3);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_toolBar);
    layout->addWidget(split);
}

int RangesView::currentSource() const {
    const auto selected = m_sources->view()->selectionModel()->selectedRows();
    const QModelIndex i = selected.isEmpty() ? m_sources->view()->currentIndex() : selected.front();
    return i.isValid() ? m_sources->proxy()->mapToSource(i).row() : -1;
}

} // namespace ociproxy::ui
