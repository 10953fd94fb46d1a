#pragma once

#include <QSortFilterProxyModel>
#include <QTableView>
#include <QWidget>

class QLineEdit;
class QLabel;

namespace ociproxy::ui {

// A table with a filter box above it, sorting and row copy: the one way the
// console shows tabular data, whatever the model.
class FilteredTable : public QWidget {
    Q_OBJECT
public:
    FilteredTable(QAbstractItemModel* model, const QString& title, QWidget* parent = nullptr);

    QTableView* view() const { return m_view; }
    QSortFilterProxyModel* proxy() const { return m_proxy; }
    QLineEdit* filterEdit() const { return m_filter; }

    // Selected rows (all rows when none is selected) as tab-separated text
    // or CSV, header first, in the view's order.
    QString rowsAsText(bool csv) const;
    // Widest a column grows when fitted to its contents, in characters.
    void setMaxColumnChars(int chars) { m_maxChars = chars; }
    void copyRows(bool csv) const;
    // What a highlighted row means ("AWS region without a bucket"): shown
    // with the highlight's colour under the table while any row has it.
    void setAttentionLegend(const QString& meaning);
    QLabel* legend() const { return m_legend; }

signals:
    void currentSourceRowChanged(int row);

protected:
    // A cell too narrow for its text shows all of it as a tooltip (the
    // text itself is elided in the middle, where URLs differ least).
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void updateCount();
    void updateLegend(int first, int end);

    QSortFilterProxyModel* m_proxy;
    QTableView* m_view;
    QLineEdit* m_filter;
    QLabel* m_title;
    QLabel* m_legend;
    QString m_legendText;
    QString m_titleText;
    int m_maxChars = 32;
};

} // namespace ociproxy::ui
