#pragma once

#include "core/result.h"

#include <QString>

class QChartView;

namespace ociproxy::ui {

// Saves what a chart view shows as SVG (by the .svg extension) or PNG.
Status save_chart(QChartView* view, const QString& path);

} // namespace ociproxy::ui
