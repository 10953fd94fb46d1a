#include "ui/views/filtered_table.h"

#include "ui/models/model_roles.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QHelpEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QStyle>
#include <QToolTip>
#include <QVBoxLayout>
#include <set>

namespace ociproxy::ui {
namespace {

QString csv_field(QString s) {
    if (s.contains(',') || s.contains('"') || s.contains('\n')) {
        s.replace("\"", "\"\"");
        return '"' + s + '"';
    }
    return s;
}

} // namespace

FilteredTable::FilteredTable(QAbstractItemModel* model, const QString& title, QWidget* parent)
    : QWidget(parent)
    , m_proxy(new QSortFilterProxyModel(this))
    , m_view(new QTableView(this))
    , m_filter(new QLineEdit(this))
    , m_title(new QLabel(this))
    , m_legend(new QLabel(this))
    , m_titleText(title) {
    m_legend->setVisible(false);
    m_proxy->setSourceModel(model);
    m_proxy->setSortRole(SortRole);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_filter->setPlaceholderText(tr("Filter…"));
    m_filter->setClearButtonEnabled(true);
    connect(m_filter, &QLineEdit::textChanged, m_proxy,
            &QSortFilterProxyModel::setFilterFixedString);

    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(-1, Qt::AscendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    // Fixed row heights keep scrolling 100k rows cheap: no per-row measuring.
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setResizeContentsPrecision(200);
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_view->setTextElideMode(Qt::ElideMiddle);
    m_view->viewport()->installEventFilter(this);

    auto* copy = new QAction(tr("Copy rows"), m_view);
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetShortcut);
    connect(copy, &QAction::triggered, this, [this] { copyRows(false); });
    auto* copyCsv = new QAction(tr("Copy rows as CSV"), m_view);
    copyCsv->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    copyCsv->setShortcutContext(Qt::WidgetShortcut);
    connect(copyCsv, &QAction::triggered, this, [this] { copyRows(true); });
    m_view->addAction(copy);
    m_view->addAction(copyCsv);
    // Esc clears the filter, typed in the box or looking at the table.
    for (QWidget* w : {static_cast<QWidget*>(m_filter), static_cast<QWidget*>(m_view)}) {
        auto* clear = new QAction(tr("Clear filter"), w);
        clear->setShortcut(QKeySequence(Qt::Key_Escape));
        clear->setShortcutContext(Qt::WidgetShortcut);
        connect(clear, &QAction::triggered, m_filter, &QLineEdit::clear);
        w->addAction(clear);
    }

    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                emit currentSourceRowChanged(current.isValid() ? m_proxy->mapToSource(current).row()
                                                               : -1);
            });
    connect(m_proxy, &QAbstractItemModel::modelReset, this, [this] {
        updateCount();
        // Measures at most 200 rows (the precision set above), so this stays
        // cheap for 100k rows.
        m_view->resizeColumnsToContents();
        const int cap = m_maxChars * m_view->fontMetrics().averageCharWidth();
        for (int c = 0; c < m_proxy->columnCount(); ++c)
            if (m_view->columnWidth(c) > cap) m_view->setColumnWidth(c, cap);
    });
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &FilteredTable::updateCount);
    connect(model, &QAbstractItemModel::modelReset, this,
            [this] { updateLegend(0, m_proxy->sourceModel()->rowCount()); });
    connect(model, &QAbstractItemModel::dataChanged, this,
            [this] { updateLegend(0, m_proxy->sourceModel()->rowCount()); });
    connect(model, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex&, int first, int last) {
                if (!m_legend->isVisibleTo(this)) updateLegend(first, last + 1);
            });
    connect(model, &QAbstractItemModel::rowsRemoved, this,
            [this] { updateLegend(0, m_proxy->sourceModel()->rowCount()); });
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &FilteredTable::updateCount);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &FilteredTable::updateCount);

    auto* top = new QHBoxLayout;
    top->addWidget(m_title);
    top->addStretch();
    top->addWidget(m_filter, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_view);
    layout->addWidget(m_legend);
    updateCount();
}

void FilteredTable::setAttentionLegend(const QString& meaning) {
    m_legendText = meaning;
    m_legend->setText(
        tr("<span style=\"background-color:%1\">&nbsp;&nbsp;&nbsp;&nbsp;</span> highlighted: %2")
            .arg(attention_color().name(QColor::HexArgb), meaning.toHtmlEscaped()));
    updateLegend(0, m_proxy->sourceModel()->rowCount());
}

// Shown while some row is highlighted. Inserted rows are checked alone, so a
// table filled in batches (Lookup's 100k rows) is not rescanned per batch.
void FilteredTable::updateLegend(int first, int end) {
    if (m_legendText.isEmpty()) return;
    const QAbstractItemModel* model = m_proxy->sourceModel();
    bool flagged = false;
    for (int r = first; r < end && !flagged; ++r)
        flagged = model->index(r, 0).data(AttentionRole).toBool();
    m_legend->setVisible(flagged);
}

bool FilteredTable::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_view->viewport() && event->type() == QEvent::ToolTip) {
        const auto* help = static_cast<QHelpEvent*>(event);
        const QModelIndex i = m_view->indexAt(help->pos());
        if (i.isValid() && !i.data(Qt::ToolTipRole).isValid()) {
            const QString text = i.data(Qt::DisplayRole).toString();
            const int margin = 2 * m_view->style()->pixelMetric(QStyle::PM_FocusFrameHMargin) + 4;
            if (m_view->fontMetrics().horizontalAdvance(text) + margin >
                m_view->visualRect(i).width()) {
                QToolTip::showText(help->globalPos(), text, m_view->viewport());
                return true;
            }
        }
    }
    return QWidget::eventFilter(watched, event);
}

void FilteredTable::updateCount() {
    const QLocale loc;
    const int shown = m_proxy->rowCount();
    const int all = m_proxy->sourceModel()->rowCount();
    m_title->setText(
        shown == all
            ? tr("<b>%1</b> · %2").arg(m_titleText, loc.toString(all))
            : tr("<b>%1</b> · %2 of %3").arg(m_titleText, loc.toString(shown), loc.toString(all)));
}

QString FilteredTable::rowsAsText(bool csv) const {
    std::set<int> rows;
    for (const auto& i : m_view->selectionModel()->selectedRows())
        rows.insert(i.row());
    if (rows.empty())
        for (int r = 0; r < m_proxy->rowCount(); ++r)
            rows.insert(r);
    const QString sep = csv ? "," : "\t";
    const auto field = [&](const QString& s) { return csv ? csv_field(s) : s; };
    QStringList lines;
    QStringList header;
    for (int c = 0; c < m_proxy->columnCount(); ++c)
        header << field(m_proxy->headerData(c, Qt::Horizontal).toString());
    lines << header.join(sep);
    for (const int r : rows) {
        QStringList cells;
        for (int c = 0; c < m_proxy->columnCount(); ++c) {
            // The full value where the display shortens it (SHA-256).
            const QModelIndex i = m_proxy->index(r, c);
            QVariant v = m_proxy->data(i, Qt::EditRole);
            if (!v.isValid()) v = m_proxy->data(i, Qt::DisplayRole);
            cells << field(v.toString());
        }
        lines << cells.join(sep);
    }
    return lines.join('\n') + '\n';
}

void FilteredTable::copyRows(bool csv) const {
    QApplication::clipboard()->setText(rowsAsText(csv));
}

} // namespace ociproxy::ui
