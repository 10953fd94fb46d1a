#include "ui/plan/world_map_widget.h"

#include "resources/planner_data.h"

#include <QHelpEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>
#include <algorithm>
#include <cmath>

namespace ociproxy::ui {
namespace {

// Okabe–Ito: told apart by people with any common colour-vision deficiency.
const QColor kBucket(0, 114, 178);     // blue (chart_color(0))
const QColor kAliased(86, 180, 233);   // sky blue
const QColor kBucketless(213, 94, 0);  // vermillion
const QColor kFlow(0, 158, 115);       // bluish green
const QColor kProposed(204, 121, 167); // reddish purple

// The map shows latitudes 80°N to 60°S: no region lies beyond, and the
// space is better spent on the land where they are.
constexpr double kNorth = 80, kSouth = -60;
// Below the map: the legend (wrapping onto a second row when narrow) and a
// caption of up to two lines.
constexpr int kLegendHeight = 76;

void draw_marker(QPainter& p, QPointF c, MapSite::Kind kind, double r) {
    p.setPen(QPen(Qt::black, 0.8));
    switch (kind) {
    case MapSite::Kind::Bucket:
        p.setBrush(kBucket);
        p.drawEllipse(c, r, r);
        break;
    case MapSite::Kind::Aliased:
        p.setBrush(Qt::white);
        p.setPen(QPen(kAliased.darker(130), 2));
        p.drawEllipse(c, r - 1, r - 1);
        break;
    case MapSite::Kind::Bucketless: {
        p.setBrush(kBucketless);
        QPolygonF tri;
        tri << QPointF(c.x(), c.y() - r * 1.2) << QPointF(c.x() + r * 1.1, c.y() + r * 0.8)
            << QPointF(c.x() - r * 1.1, c.y() + r * 0.8);
        p.drawPolygon(tri);
        break;
    }
    }
}

} // namespace

WorldMapWidget::WorldMapWidget(QWidget* parent)
    : QWidget(parent) {
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void WorldMapWidget::setSites(std::vector<MapSite> sites, const QString& highlight) {
    m_sites = std::move(sites);
    m_highlight = highlight;
    update();
}

void WorldMapWidget::setFlows(std::vector<Flow> flows) {
    m_flows = std::move(flows);
    update();
}

void WorldMapWidget::setEmptyText(const QString& text) {
    m_empty = text;
    update();
}

void WorldMapWidget::setCaption(const QString& text) {
    m_caption = text;
    update();
}

QRectF WorldMapWidget::mapRect() const {
    // Keep the projection's aspect (360° by 140°) inside the widget, with
    // room below for the legend.
    const QRectF area = QRectF(rect()).adjusted(8, 8, -8, -kLegendHeight);
    const double aspect = 360.0 / (kNorth - kSouth);
    double w = area.width(), h = w / aspect;
    if (h > area.height()) {
        h = area.height();
        w = h * aspect;
    }
    return {area.left() + (area.width() - w) / 2, area.top() + (area.height() - h) / 2, w, h};
}

QPointF WorldMapWidget::project(double lat, double lon) const {
    const QRectF m = mapRect();
    const double y = (kNorth - std::clamp(lat, kSouth, kNorth)) / (kNorth - kSouth);
    return {m.left() + (lon + 180.0) / 360.0 * m.width(), m.top() + y * m.height()};
}

void WorldMapWidget::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QRectF m = mapRect();
    p.fillRect(m, QColor(235, 243, 250));
    p.setPen(QPen(QColor(150, 160, 170), 0.8));
    p.setBrush(QColor(222, 222, 214));
    for (const auto& poly : builtin::world_outline()) {
        QPolygonF shape;
        for (const auto& [lon, lat] : poly)
            shape << project(lat, lon);
        p.drawPolygon(shape);
    }
    p.setBrush(Qt::NoBrush);
    p.setPen(QPen(QColor(120, 130, 140), 1));
    p.drawRect(m);

    if (m_sites.empty() && m_flows.empty()) {
        p.setPen(palette().color(QPalette::WindowText));
        p.drawText(m.adjusted(20, 20, -20, -20), Qt::AlignCenter | Qt::TextWordWrap, m_empty);
    }

    std::uint64_t most = 1;
    for (const auto& f : m_flows)
        most = std::max(most, f.bytes);
    for (const auto& f : m_flows) {
        const double share = std::sqrt(double(f.bytes) / double(most));
        QPen pen(f.proposed ? kProposed : kFlow, 1.5 + 6 * share,
                 f.proposed ? Qt::DashLine : Qt::SolidLine, Qt::RoundCap);
        QColor c = pen.color();
        c.setAlpha(190);
        pen.setColor(c);
        p.setPen(pen);
        const QPointF a = project(f.lat1, f.lon1), b = project(f.lat2, f.lon2);
        // A gentle arc, so lines between close regions do not hide under
        // their markers and opposite flows do not overlap.
        QPainterPath path(a);
        const QPointF mid = (a + b) / 2;
        const QPointF normal(-(b - a).y(), (b - a).x());
        path.quadTo(mid + normal * 0.15, b);
        p.drawPath(path);
    }

    const double r = std::max(3.5, m.width() / 180);
    for (const auto& s : m_sites) {
        const QPointF c = project(s.lat, s.lon);
        draw_marker(p, c, s.kind, r);
        if (QString::fromStdString(s.region) == m_highlight) {
            p.setBrush(Qt::NoBrush);
            p.setPen(QPen(Qt::black, 2));
            p.drawEllipse(c, r * 2.4, r * 2.4);
        }
    }

    // Legend: the same shapes as on the map, wrapping when narrow; then the
    // caption.
    p.setFont(font());
    const QFontMetrics fm(font());
    const double row = fm.height() + 4;
    double x = m.left();
    double y = m.bottom() + 6 + row / 2;
    const auto item = [&](auto draw, const QString& text) {
        const double width = 26 + fm.horizontalAdvance(text);
        if (x > m.left() && x + width > m.right()) {
            x = m.left();
            y += row;
        }
        draw(QPointF(x + 6, y));
        p.setPen(palette().color(QPalette::WindowText));
        p.drawText(QPointF(x + 16, y + fm.ascent() / 2.0 - 1), text);
        x += width;
    };
    item([&](QPointF c) { draw_marker(p, c, MapSite::Kind::Bucket, 5); }, tr("bucket"));
    item([&](QPointF c) { draw_marker(p, c, MapSite::Kind::Aliased, 5); },
         tr("served by a bucket elsewhere"));
    item([&](QPointF c) { draw_marker(p, c, MapSite::Kind::Bucketless, 5); },
         tr("no bucket (default)"));
    item(
        [&](QPointF c) {
            p.setPen(QPen(kFlow, 3));
            p.drawLine(c - QPointF(6, 0), c + QPointF(6, 0));
        },
        tr("traffic (width: bytes)"));
    item(
        [&](QPointF c) {
            p.setPen(QPen(kProposed, 3, Qt::DashLine));
            p.drawLine(c - QPointF(6, 0), c + QPointF(6, 0));
        },
        tr("planned alias"));
    if (!m_caption.isEmpty()) {
        p.setPen(palette().color(QPalette::WindowText));
        const QRectF box(m.left(), y + row / 2, m.width(), rect().bottom() - (y + row / 2));
        p.drawText(box, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, m_caption);
    }
}

bool WorldMapWidget::event(QEvent* e) {
    if (e->type() != QEvent::ToolTip) return QWidget::event(e);
    const auto* help = static_cast<QHelpEvent*>(e);
    const MapSite* best = nullptr;
    double best_d = 12;
    for (const auto& s : m_sites) {
        const QPointF d = project(s.lat, s.lon) - QPointF(help->pos());
        const double dist = std::hypot(d.x(), d.y());
        if (dist < best_d) {
            best_d = dist;
            best = &s;
        }
    }
    if (!best) {
        QToolTip::hideText();
        e->ignore();
        return true;
    }
    const char* kind = best->kind == MapSite::Kind::Bucket    ? "has a bucket"
                       : best->kind == MapSite::Kind::Aliased ? "served by a bucket elsewhere"
                                                              : "no bucket: gets the default";
    QToolTip::showText(help->globalPos(),
                       QStringLiteral("<b>%1</b> %2<br>%3")
                           .arg(QString::fromStdString(best->region),
                                QString::fromStdString(best->city).toHtmlEscaped(), tr(kind)),
                       this);
    return true;
}

} // namespace ociproxy::ui
