#include "ui/icons.h"

#include <QApplication>
#include <QFile>
#include <QPainter>
#include <QPalette>
#include <QPixmap>
#include <QSvgRenderer>

// A static library's resources must be registered by hand, and only outside
// any namespace.
static void register_icon_resources() {
    static const bool once = [] {
        Q_INIT_RESOURCE(icons);
        return true;
    }();
    (void)once;
}

namespace ociproxy::ui {
namespace {

QPixmap render(const QByteArray& svg, int size, qreal dpr) {
    QSvgRenderer renderer(svg);
    QPixmap pm(QSize(size, size) * dpr);
    pm.fill(Qt::transparent);
    pm.setDevicePixelRatio(dpr);
    QPainter p(&pm);
    renderer.render(&p, QRectF(0, 0, size, size));
    return pm;
}

QIcon from_svg(QByteArray svg, const QColor& normal, const QColor& disabled) {
    QIcon icon;
    const qreal dpr = qApp ? qApp->devicePixelRatio() : 1.0;
    for (const int size : {16, 22, 24, 32, 48}) {
        QByteArray n = svg, d = svg;
        n.replace("#000000", normal.name().toLatin1());
        d.replace("#000000", disabled.name().toLatin1());
        icon.addPixmap(render(n, size, dpr), QIcon::Normal);
        icon.addPixmap(render(d, size, dpr), QIcon::Disabled);
    }
    return icon;
}

QByteArray read(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

QIcon icon(const QString& name) {
    register_icon_resources();
    const QPalette pal = QApplication::palette();
    return from_svg(read(":/icons/" + name + ".svg"), pal.color(QPalette::WindowText),
                    pal.color(QPalette::Disabled, QPalette::WindowText));
}

QIcon app_icon() {
    register_icon_resources();
    return QIcon(":/icons/oci-proxy-console.svg");
}

} // namespace ociproxy::ui
