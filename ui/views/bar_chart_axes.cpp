#include "ui/views/bar_chart_axes.h"

#include <QAbstractBarSeries>
#include <QBarCategoryAxis>
#include <QChart>
#include <QValueAxis>

namespace ociproxy::ui {

void add_horizontal_bars(QChart* chart, QAbstractBarSeries* series, const QStringList& names,
                         const AxisScale& scale) {
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->addSeries(series);
    auto* y = new QBarCategoryAxis;
    y->append(names);
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
