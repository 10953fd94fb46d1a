#include "ui/live/live_chart_view.h"

#include "core/metrics/live_store.h"
#include "ui/live/metrics_source.h"

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

LiveChartView::LiveChartView(LiveChart which, QWidget* parent)
    : QChartView(parent)
    , m_which(which) {
    auto* c = new QChart;
    c->setTitle(QString::fromLatin1(live_chart_title(which).data()));
    c->legend()->setAlignment(Qt::AlignRight);
    c->legend()->setShowToolTips(true);
    c->setAnimationOptions(QChart::NoAnimation);
    c->setTheme(palette().color(QPalette::Window).lightness() < 128 ? QChart::ChartThemeDark
                                                                    : QChart::ChartThemeLight);
    setChart(c);
    setRenderHint(QPainter::Antialiasing);
    setMinimumSize(420, 260);
}

void LiveChartView::redraw(const std::vector<const MetricsSource*>& sources, double t0, double t1) {
    QChart* c = chart();
    c->removeAllSeries();
    for (auto* a : c->axes()) {
        c->removeAxis(a);
        delete a;
    }
    m_points = 0;
    m_segments = 0;
    m_legend.clear();

    auto* x = new QDateTimeAxis;
    x->setFormat(t1 - t0 > 6 * 3600 ? "dd HH:mm" : "HH:mm");
    x->setRange(QDateTime::fromMSecsSinceEpoch(qint64(t0 * 1000)),
                QDateTime::fromMSecsSinceEpoch(qint64(t1 * 1000)));
    x->setTickCount(4);
    auto* y = new QValueAxis;
    y->setTitleText(QString::fromLatin1(live_chart_unit(m_which).data()));
    y->setLabelFormat("%.3g");
    c->addAxis(x, Qt::AlignBottom);
    c->addAxis(y, Qt::AlignLeft);
    QValueAxis* right = nullptr;

    const int columns = std::max(50, int(size().width()) / 2);
    const bool stacked = m_which == LiveChart::Egress;
    double ymax = 0, rmax = 0;
    int colour = 0;
    const QList<QColor> colours = {QColor(0x32, 0x6c, 0xe5), QColor(0xe5, 0x6c, 0x32),
                                   QColor(0x2e, 0xa0, 0x43), QColor(0xc0, 0x39, 0x2b),
                                   QColor(0x8e, 0x44, 0xad), QColor(0x16, 0xa0, 0x85),
                                   QColor(0xd4, 0xac, 0x0d), QColor(0x7f, 0x8c, 0x8d)};
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
            const auto pts =
                segments(downsample(store.times(), values, t0, t1, std::size_t(columns)));
            std::vector<QList<QPointF>> lower;
            if (stacked)
                lower = segments(downsample(store.times(), below, t0, t1, std::size_t(columns)));
            const auto st = store.stats(m_which, name);
            // last, then (min–max) over what is stored.
            const QString label = prefix + QString::fromStdString(name) + ": " + number(st.last) +
                                  " (" + number(st.min) + "–" + number(st.max) + ")";
            m_legend << label;
            const QColor col = colours[colour++ % colours.size()];
            const bool rightAxis = on_right_axis(name);
            if (rightAxis && !right) {
                right = new QValueAxis;
                right->setTitleText(name == kHitRatioSeries ? "%" : "USD");
                right->setLabelFormat("%.3g");
                c->addAxis(right, Qt::AlignRight);
            }
            bool first = true;
            for (std::size_t k = 0; k < pts.size(); ++k) {
                auto* line = new QLineSeries;
                line->replace(pts[k]);
                QPen pen(col);
                pen.setWidthF(1.5);
                if (rightAxis) pen.setStyle(Qt::DashLine);
                line->setPen(pen);
                QAbstractSeries* shown = line;
                if (stacked) {
                    QLineSeries* low = nullptr;
                    if (k < lower.size()) {
                        low = new QLineSeries;
                        low->replace(lower[k]);
                    }
                    auto* area = new QAreaSeries(line, low);
                    // The area draws its boundary lines but does not own them.
                    line->setParent(area);
                    if (low) low->setParent(area);
                    QColor fill = col;
                    fill.setAlpha(110);
                    area->setBrush(fill);
                    area->setPen(pen);
                    shown = area;
                }
                shown->setName(label);
                c->addSeries(shown);
                shown->attachAxis(x);
                shown->attachAxis(rightAxis ? right : y);
                for (const auto& p : pts[k]) {
                    (rightAxis ? rmax : ymax) = std::max(rightAxis ? rmax : ymax, p.y());
                }
                m_points += int(pts[k].size());
                ++m_segments;
                if (!first)
                    for (auto* m : c->legend()->markers(shown))
                        m->setVisible(false);
                first = false;
                const QString seriesName = prefix + QString::fromStdString(name);
                const auto tip = [seriesName](const QPointF& p, bool state) {
                    if (!state) return;
                    QToolTip::showText(
                        QCursor::pos(),
                        seriesName + "\n" +
                            QDateTime::fromMSecsSinceEpoch(qint64(p.x())).toString("HH:mm:ss") +
                            "  " + number(p.y()));
                };
                if (auto* area = qobject_cast<QAreaSeries*>(shown))
                    connect(area, &QAreaSeries::hovered, this, tip);
                else
                    connect(line, &QLineSeries::hovered, this, tip);
            }
            if (stacked) below = std::move(values);
        }
    }
    y->setRange(0, ymax > 0 ? ymax * 1.1 : 1);
    if (right) right->setRange(0, rmax > 0 ? rmax * 1.1 : 1);
}

} // namespace ociproxy::ui
