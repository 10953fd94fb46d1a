#include "ui/live/live_chart_view.h"

#include "core/metrics/live_store.h"
#include "core/report/axis_scale.h"
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

AxisQuantity axis_quantity(LiveChart c) {
    switch (c) {
    case LiveChart::Egress:
        return AxisQuantity::Bytes;
    case LiveChart::Cost:
        return AxisQuantity::Usd;
    default:
        return AxisQuantity::Count;
    }
}

// The axis title: the unit the ticks are in, scaled for people.
QString value_title(LiveChart c, const AxisScale& a) {
    switch (c) {
    case LiveChart::Requests:
        return QObject::tr("requests/s");
    case LiveChart::Egress:
        return QString::fromStdString(a.unit) + "/s";
    case LiveChart::Checks:
        return QObject::tr("checks/s");
    case LiveChart::Cost:
        return QObject::tr("USD/hour");
    case LiveChart::Latency:
        return QObject::tr("ms");
    }
    return {};
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
    // Below the plot: legends hold long labels, and the plot keeps its width.
    c->legend()->setAlignment(Qt::AlignBottom);
    c->legend()->setShowToolTips(true);
    c->setAnimationOptions(QChart::NoAnimation);
    c->setTheme(palette().color(QPalette::Window).lightness() < 128 ? QChart::ChartThemeDark
                                                                    : QChart::ChartThemeLight);
    m_x->setTickCount(4);
    m_y->setTitleText(QString::fromLatin1(live_chart_unit(which).data()));
    m_y->setLabelFormat("%.0f");
    c->addAxis(m_x, Qt::AlignBottom);
    c->addAxis(m_y, Qt::AlignLeft);
    setRenderHint(QPainter::Antialiasing);
    setMinimumSize(420, 260);
}

QAbstractSeries* LiveChartView::makeSegment(const QString& name, const QColor& colour, bool right) {
    if (right && !m_right) {
        m_right = new QValueAxis;
        m_right->setTitleText(m_which == LiveChart::Checks ? tr("cache hit %") : tr("USD total"));
        m_right->setLabelFormat("%.0f");
        chart()->addAxis(m_right, Qt::AlignRight);
    }
    auto* line = new QLineSeries;
    QAbstractSeries* shown = line;
    if (m_which == LiveChart::Egress) {
        auto* area = new QAreaSeries(line, new QLineSeries);
        // The area draws its boundary lines but does not own them.
        line->setParent(area);
        area->lowerSeries()->setParent(area);
        shown = area;
    }
    // Points are in the axis' unit (scaled per redraw): the tip says which.
    const auto tip = [this, name, right](const QPointF& p, bool state) {
        if (!state) return;
        const QString unit = right ? m_right->titleText() : m_y->titleText();
        QToolTip::showText(QCursor::pos(),
                           name + "\n" +
                               QDateTime::fromMSecsSinceEpoch(qint64(p.x())).toString("HH:mm:ss") +
                               "  " + number(p.y()) + " " + unit);
    };
    if (auto* area = qobject_cast<QAreaSeries*>(shown))
        connect(area, &QAreaSeries::hovered, this, tip);
    else
        connect(line, &QLineSeries::hovered, this, tip);
    chart()->addSeries(shown);
    // The chart theme colours a series as it is added: ours goes on after.
    recolour(shown, colour, right);
    shown->attachAxis(m_x);
    shown->attachAxis(right ? m_right : m_y);
    return shown;
}

void LiveChartView::recolour(QAbstractSeries* s, const QColor& colour, bool right) {
    QPen pen(colour);
    pen.setWidthF(1.5);
    if (right) pen.setStyle(Qt::DashLine);
    if (auto* area = qobject_cast<QAreaSeries*>(s)) {
        QColor fill = colour;
        fill.setAlpha(110);
        area->setBrush(fill);
        area->setPen(pen);
    } else {
        static_cast<QLineSeries*>(s)->setPen(pen);
    }
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

void LiveChartView::redraw(const std::vector<Input>& inputs, double t0, double t1) {
    QChart* c = chart();
    m_points = 0;
    m_segments = 0;
    m_legend.clear();
    for (auto& [key, line] : m_lines)
        line.seen = false;

    const TimeAxis time = nice_time_axis(t0, t1, 5, QDateTime::currentDateTime().offsetFromUtc());
    m_x->setFormat(QString::fromStdString(time.format));
    m_x->setTickCount(time.ticks);
    m_x->setRange(QDateTime::fromMSecsSinceEpoch(qint64(time.start * 1000)),
                  QDateTime::fromMSecsSinceEpoch(qint64(time.end * 1000)));

    // Points are gathered first and scaled once the largest value is known,
    // so the axis can pick its unit (KiB/s … GiB/s) and round ticks.
    struct Pending {
        QAbstractSeries* segment;
        QList<QPointF> upper, lower;
        bool right;
    };
    std::vector<Pending> pending;
    const std::size_t columns = std::size_t(std::max(50, int(size().width()) / 2));
    const bool stacked = m_which == LiveChart::Egress;
    double ymax = 0, rmax = 0;
    int colour = 0;
    for (const Input& in : inputs) {
        const LiveStore& store = *in.store;
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
            const QString key = in.prefix + QString::fromStdString(name);
            // last, then (min–max) over what is stored.
            const QString label =
                key + ": " + number(st.last) + " (" + number(st.min) + "–" + number(st.max) + ")";
            m_legend << label;
            const QColor col = chart_color(colour++);
            const bool right = on_right_axis(name);
            Line& line = m_lines[key];
            line.seen = true;
            // Colours follow the legend order, which a new series can shift.
            if (line.colour != col) {
                for (auto* seg : line.segments)
                    recolour(seg, col, right);
                line.colour = col;
            }
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
                Pending p{seg, k < pts.size() ? pts[k] : QList<QPointF>{},
                          k < lower.size() ? lower[k] : QList<QPointF>{}, right};
                seg->setName(label);
                for (auto* m : c->legend()->markers(seg))
                    m->setVisible(k == 0);
                for (const auto& q : p.upper)
                    (right ? rmax : ymax) = std::max(right ? rmax : ymax, q.y());
                m_points += int(p.upper.size());
                m_segments += k < pts.size() ? 1 : 0;
                pending.push_back(std::move(p));
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

    const AxisScale left = nice_axis(ymax, axis_quantity(m_which), 4);
    AxisScale right;
    if (m_which == LiveChart::Checks) {
        right.max = 100; // a percentage axis is always 0–100
        right.step = 20;
        right.ticks = 6;
    } else {
        right = nice_axis(rmax, AxisQuantity::Usd, 4);
    }
    const auto scaled = [](const QList<QPointF>& pts, double divisor) {
        QList<QPointF> out;
        out.reserve(pts.size());
        for (const auto& p : pts)
            out.append(QPointF(p.x(), p.y() / divisor));
        return out;
    };
    for (auto& p : pending) {
        const double d = p.right ? right.divisor : left.divisor;
        const QList<QPointF> lower = scaled(p.lower, d);
        updateSegment(p.segment, scaled(p.upper, d),
                      m_which == LiveChart::Egress ? &lower : nullptr);
    }
    m_divisor = left.divisor;
    m_decimals = left.decimals;
    // A few lines: the legend below keeps the plot wide. Many: a column at
    // the right, where every name fits on its own line instead of being cut.
    c->legend()->setAlignment(m_legend.size() > 4 ? Qt::AlignRight : Qt::AlignBottom);
    m_y->setRange(0, left.max);
    m_y->setTickCount(left.ticks);
    m_y->setLabelFormat(QString::fromStdString(left.label_format()));
    m_y->setTitleText(value_title(m_which, left));
    if (m_right) {
        m_right->setRange(0, right.max);
        m_right->setTickCount(right.ticks);
        m_right->setLabelFormat(QString::fromStdString(right.label_format()));
    }
    showMessage(m_points > 0 ? QString()
                             : (m_emptyReason.isEmpty() ? tr("No data in this window yet.")
                                                        : m_emptyReason));
}

void LiveChartView::showMessage(const QString& text) {
    if (!m_message) {
        m_message = new QGraphicsSimpleTextItem;
        chart()->scene()->addItem(m_message);
        m_message->setZValue(10);
        m_message->setBrush(palette().color(QPalette::Text));
    }
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
    const QRectF area = chart()->plotArea();
    const QRectF box = m_message->boundingRect();
    m_message->setPos(area.center().x() - box.width() / 2, area.center().y() - box.height() / 2);
}

void LiveChartView::resizeEvent(QResizeEvent* e) {
    QChartView::resizeEvent(e);
    if (m_message) showMessage(m_message->isVisible() ? m_message->text() : QString());
}

QString LiveChartView::shownMessage() const {
    return m_message && m_message->isVisible() ? m_message->text() : QString();
}

QList<QColor> LiveChartView::lineColours() const {
    QList<QColor> out;
    for (const auto& [key, line] : m_lines) {
        if (line.segments.empty()) continue;
        const QAbstractSeries* s = line.segments.front();
        if (const auto* area = qobject_cast<const QAreaSeries*>(s))
            out << area->pen().color();
        else
            out << static_cast<const QLineSeries*>(s)->pen().color();
    }
    return out;
}

QString LiveChartView::valueAxisTitle() const {
    return m_y->titleText();
}

QStringList LiveChartView::valueTickLabels() const {
    QStringList out;
    const QByteArray fmt = m_y->labelFormat().toLatin1();
    const int n = m_y->tickCount();
    for (int i = 0; i < n; ++i) {
        const double v = m_y->min() + (m_y->max() - m_y->min()) * i / std::max(1, n - 1);
        out << QString::asprintf(fmt.constData(), v);
    }
    return out;
}

QStringList LiveChartView::timeTickLabels() const {
    QStringList out;
    const int n = m_x->tickCount();
    const qint64 a = m_x->min().toMSecsSinceEpoch(), b = m_x->max().toMSecsSinceEpoch();
    for (int i = 0; i < n; ++i)
        out << QDateTime::fromMSecsSinceEpoch(a + (b - a) * i / std::max(1, n - 1))
                   .toString(m_x->format());
    return out;
}

} // namespace ociproxy::ui
