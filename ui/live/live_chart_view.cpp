#include "ui/live/live_chart_view.h"

#include "core/metrics/live_store.h"
#include "ui/live/metrics_source.h"
#include "ui/views/chart_palette.h"

#include <QAreaSeries>
#include <QChart>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QLegendMarker>
#include <QLineSeries>
#include <QToolTip>
#include <QValueAxis>
#include <cmath>

namespace ociproxy::ui {
namespace {

QString number(double v) {
    if (std::isnan(v)) return QStringLiteral("–");
    const double a = std::abs(v);
    if (a >= 1e9) return QString::number(v / 1e9, 'f', 2) + "G";
    if (a >= 1e6) return QString::number(v / 1e6, 'f', 2) + "M";
    if (a >= 1e3) return QString::number(v / 1e3, 'f', 2) + "k";
    if (a >= 100) return QString::number(v, 'f', 0);
    if (a >= 1) return QString::number(v, 'f', 2);
    return QString::number(v, 'g', 3);
}

bool on_right_axis(const std::string& name) {
    return name == kHitRatioSeries || name == kCostTotalSeries;
}

// Splits downsampled points into runs without gaps.
std::vector<QList<QPointF>> segments(const std::vector<SeriesPoint>& pts) {
    std::vector<QList<QPointF>> out(1);
    for (const auto& p : pts) {
        if (std::isnan(p.value)) {
            if (!out.back().isEmpty()) out.emplace_back();
            continue;
        }
        out.back().append(QPointF(p.t * 1000.0, p.value));
    }
    if (out.back().isEmpty()) out.pop_back();
    return out;
}

} // namespace

// The chart is handed to QChartView's constructor: setChart() would release
// (and leak) the default chart it makes otherwise.
LiveChartView::LiveChartView(LiveChart which, QWidget* parent)
    : QChartView(new QChart, parent)
    , m_which(which)
    , m_x(new QDateTimeAxis)
    , m_y(new QValueAxis) {
    QChart* c = chart();
    c->setTitle(QString::fromLatin1(live_chart_title(which).data()));
    c->legend()->setAlignment(Qt::AlignRight);
    c->legend()->setShowToolTips(true);
    c->setAnimationOptions(QChart::NoAnimation);
    c->setTheme(palette().color(QPalette::Window).lightness() < 128 ? QChart::ChartThemeDark
                                                                    : QChart::ChartThemeLight);
    m_x->setTickCount(4);
    m_y->setTitleText(QString::fromLatin1(live_chart_unit(which).data()));
    m_y->setLabelFormat("%.3g");
    c->addAxis(m_x, Qt::AlignBottom);
    c->addAxis(m_y, Qt::AlignLeft);
    setRenderHint(QPainter::Antialiasing);
    setMinimumSize(420, 260);
}

QAbstractSeries* LiveChartView::makeSegment(const QString& name, const QColor& colour, bool right) {
    if (right && !m_right) {
        m_right = new QValueAxis;
        m_right->setTitleText(m_which == LiveChart::Checks ? "%" : "USD");
        m_right->setLabelFormat("%.3g");
        chart()->addAxis(m_right, Qt::AlignRight);
    }
    QPen pen(colour);
    pen.setWidthF(1.5);
    if (right) pen.setStyle(Qt::DashLine);
    auto* line = new QLineSeries;
    line->setPen(pen);
    QAbstractSeries* shown = line;
    if (m_which == LiveChart::Egress) {
        auto* area = new QAreaSeries(line, new QLineSeries);
        // The area draws its boundary lines but does not own them.
        line->setParent(area);
        area->lowerSeries()->setParent(area);
        QColor fill = colour;
        fill.setAlpha(110);
        area->setBrush(fill);
        area->setPen(pen);
        shown = area;
    }
    const auto tip = [name](const QPointF& p, bool state) {
        if (!state) return;
        QToolTip::showText(QCursor::pos(),
                           name + "\n" +
                               QDateTime::fromMSecsSinceEpoch(qint64(p.x())).toString("HH:mm:ss") +
                               "  " + number(p.y()));
    };
    if (auto* area = qobject_cast<QAreaSeries*>(shown))
        connect(area, &QAreaSeries::hovered, this, tip);
    else
        connect(line, &QLineSeries::hovered, this, tip);
    chart()->addSeries(shown);
    shown->attachAxis(m_x);
    shown->attachAxis(right ? m_right : m_y);
    return shown;
}

void LiveChartView::updateSegment(QAbstractSeries* s, const QList<QPointF>& upper,
                                  const QList<QPointF>* lower) {
    if (auto* area = qobject_cast<QAreaSeries*>(s)) {
        area->upperSeries()->replace(upper);
        area->lowerSeries()->replace(lower ? *lower : QList<QPointF>{});
    } else {
        static_cast<QLineSeries*>(s)->replace(upper);
    }
}

void LiveChartView::redraw(const std::vector<const MetricsSource*>& sources, double t0, double t1) {
    QChart* c = chart();
    m_points = 0;
    m_segments = 0;
    m_legend.clear();
    for (auto& [key, line] : m_lines)
        line.seen = false;

    m_x->setFormat(t1 - t0 > 6 * 3600 ? "dd HH:mm" : "HH:mm");
    m_x->setRange(QDateTime::fromMSecsSinceEpoch(qint64(t0 * 1000)),
                  QDateTime::fromMSecsSinceEpoch(qint64(t1 * 1000)));

    const std::size_t columns = std::size_t(std::max(50, int(size().width()) / 2));
    const bool stacked = m_which == LiveChart::Egress;
    double ymax = 0, rmax = 0;
    int colour = 0;
    for (const MetricsSource* src : sources) {
        const LiveStore& store = src->store();
        const QString prefix = sources.size() > 1 ? src->config().label() + ": " : QString();
        std::vector<double> below; // the stack so far, per tick
        for (const auto& [name, column] : store.series(m_which)) {
            std::vector<double> values = column;
            if (stacked) {
                if (below.empty()) below.assign(values.size(), 0.0);
                for (std::size_t i = 0; i < values.size(); ++i)
                    values[i] += below[i];
            }
            const auto pts = segments(downsample(store.times(), values, t0, t1, columns));
            std::vector<QList<QPointF>> lower;
            if (stacked) lower = segments(downsample(store.times(), below, t0, t1, columns));
            const auto st = store.stats(m_which, name);
            const QString key = prefix + QString::fromStdString(name);
            // last, then (min–max) over what is stored.
            const QString label =
                key + ": " + number(st.last) + " (" + number(st.min) + "–" + number(st.max) + ")";
            m_legend << label;
            const QColor col = chart_color(colour++);
            const bool right = on_right_axis(name);
            Line& line = m_lines[key];
            line.seen = true;
            // At least one (possibly empty) series keeps the line in the legend.
            const std::size_t want = std::max<std::size_t>(1, pts.size());
            while (line.segments.size() < want)
                line.segments.push_back(makeSegment(key, col, right));
            while (line.segments.size() > want) {
                c->removeSeries(line.segments.back());
                delete line.segments.back();
                line.segments.pop_back();
            }
            for (std::size_t k = 0; k < want; ++k) {
                QAbstractSeries* seg = line.segments[k];
                static const QList<QPointF> none;
                const QList<QPointF>& up = k < pts.size() ? pts[k] : none;
                updateSegment(seg, up, k < lower.size() ? &lower[k] : nullptr);
                seg->setName(label);
                for (auto* m : c->legend()->markers(seg))
                    m->setVisible(k == 0);
                for (const auto& p : up)
                    (right ? rmax : ymax) = std::max(right ? rmax : ymax, p.y());
                m_points += int(up.size());
                m_segments += k < pts.size() ? 1 : 0;
            }
            if (stacked) below = std::move(values);
        }
    }
    for (auto it = m_lines.begin(); it != m_lines.end();) {
        if (it->second.seen) {
            ++it;
            continue;
        }
        for (auto* seg : it->second.segments) {
            c->removeSeries(seg);
            delete seg;
        }
        it = m_lines.erase(it);
    }
    m_y->setRange(0, ymax > 0 ? ymax * 1.1 : 1);
    if (m_right) m_right->setRange(0, rmax > 0 ? rmax * 1.1 : 1);
}

} // namespace ociproxy::ui
