#include "ui/views/bar_chart_axes.h"

#include <QAbstractBarSeries>
#include <QBarCategoryAxis>
#include <QChart>
#include <QValueAxis>
#include <algorithm>

namespace ociproxy::ui {

void add_horizontal_bars(QChart* chart, QAbstractBarSeries* series, const QStringList& names,
                         const AxisScale& scale) {
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->addSeries(series);
    auto* y = new QBarCategoryAxis;
    y->append(names);
    // Qt elides a category label ("…") that does not fit its bar's height:
    // a smaller font and tighter margins keep ten names readable.
    QFont small = y->labelsFont();
    small.setPointSizeF(std::max(7.0, small.pointSizeF() * 0.85));
    y->setLabelsFont(small);
    chart->setMargins(QMargins(4, 4, 4, 4));
    auto* x = new QValueAxis;
    x->setRange(0, scale.max);
    x->setTickCount(scale.ticks);
    x->setLabelFormat(QString::fromStdString(scale.label_format()));
    x->setTitleText(QString::fromStdString(scale.unit == "$" ? "USD" : scale.unit));
    chart->addAxis(y, Qt::AlignLeft);
    chart->addAxis(x, Qt::AlignBottom);
    series->attachAxis(y);
    series->attachAxis(x);
}

} // namespace ociproxy::ui
