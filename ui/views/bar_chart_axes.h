#pragma once

#include "core/report/axis_scale.h"

#include <QStringList>

class QAbstractBarSeries;
class QChart;

namespace ociproxy::ui {

// Adds `series` (horizontal bars, one category per name) to `chart` with a
// value axis at the scale's round ticks, unit and label format: the one way
// the console's bar charts read.
void add_horizontal_bars(QChart* chart, QAbstractBarSeries* series, const QStringList& names,
                         const AxisScale& scale);

} // namespace ociproxy::ui
