#include "ui/views/chart_export.h"

#include <QChart>
#include <QChartView>
#include <QPainter>
#include <QSvgGenerator>

namespace ociproxy::ui {

Status save_chart(QChartView* v, const QString& path) {
    if (path.endsWith(".svg", Qt::CaseInsensitive)) {
        QSvgGenerator svg;
        svg.setFileName(path);
        svg.setSize(v->size());
        svg.setViewBox(QRect(QPoint(0, 0), v->size()));
        svg.setTitle(v->chart()->title());
        QPainter painter;
        if (!painter.begin(&svg)) return Error{"cannot write the image", path.toStdString()};
        v->render(&painter);
        painter.end();
        return {};
    }
    if (!v->grab().save(path)) return Error{"cannot write the image", path.toStdString()};
    return {};
}

} // namespace ociproxy::ui
