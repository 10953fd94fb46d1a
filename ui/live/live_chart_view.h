#pragma once

#include "core/metrics/live_tick.h"

#include <QChartView>
#include <QDateTimeAxis>
#include <QValueAxis>
#include <map>
#include <vector>

namespace ociproxy::ui {

class MetricsSource;

// One live chart. Each redraw downsamples every line to about two points
// per pixel column, splits it where the data has gaps (a failed scrape is a
// break in the line, never a zero), and puts last/min/max in the legend.
class LiveChartView : public QChartView {
    Q_OBJECT
public:
    explicit LiveChartView(LiveChart which, QWidget* parent = nullptr);

    LiveChart which() const { return m_which; }
    void redraw(const std::vector<const MetricsSource*>& sources, double t0, double t1);

    // What the last redraw drew, for tests and benchmarks.
    int drawnPoints() const { return m_points; }
    int drawnSegments() const { return m_segments; }
    QStringList legendEntries() const { return m_legend; }

private:
    // The drawn pieces of one line: one series per run between gaps.
    struct Line {
        std::vector<QAbstractSeries*> segments;
        bool seen = false;
    };
    QAbstractSeries* makeSegment(const QString& name, const QColor& colour, bool right);
    void updateSegment(QAbstractSeries* s, const QList<QPointF>& upper,
                       const QList<QPointF>* lower);

    LiveChart m_which;
    QDateTimeAxis* m_x;
    QValueAxis* m_y;
    QValueAxis* m_right = nullptr;
    // Series objects are kept and refilled between redraws: creating and
    // deleting them (and their legend markers) is what costs, not the points.
    std::map<QString, Line> m_lines;
    int m_points = 0;
    int m_segments = 0;
    QStringList m_legend;
};

} // namespace ociproxy::ui
