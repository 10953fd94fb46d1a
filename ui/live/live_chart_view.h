#pragma once

#include "core/metrics/live_tick.h"

#include <QChartView>
#include <QDateTimeAxis>
#include <QGraphicsSimpleTextItem>
#include <QValueAxis>
#include <map>
#include <vector>

namespace ociproxy {
class LiveStore;
}

namespace ociproxy::ui {

// One live chart. Each redraw downsamples every line to about two points
// per pixel column, splits it where the data has gaps (a failed scrape is a
// break in the line, never a zero), and puts last/min/max in the legend.
class LiveChartView : public QChartView {
    Q_OBJECT
public:
    explicit LiveChartView(LiveChart which, QWidget* parent = nullptr);

    // One line set to draw: a source's (or the sum's) store, and the
    // prefix its series names get in the legend ("" for one set).
    struct Input {
        QString prefix;
        const LiveStore* store = nullptr;
    };

    LiveChart which() const { return m_which; }
    void redraw(const std::vector<Input>& inputs, double t0, double t1);
    // What the chart says when it has nothing to draw (why, and what to do).
    void setEmptyReason(const QString& why) { m_emptyReason = why; }
    QString shownMessage() const;

    // What the last redraw drew, for tests and benchmarks.
    int drawnPoints() const { return m_points; }
    int drawnSegments() const { return m_segments; }
    QStringList legendEntries() const { return m_legend; }
    // The value axis as drawn: its unit title and tick labels.
    QString valueAxisTitle() const;
    QStringList valueTickLabels() const;
    QStringList timeTickLabels() const;
    QValueAxis* valueAxis() const { return m_y; }
    // Each drawn line's colour, in legend order.
    QList<QColor> lineColours() const;

private:
    // The drawn pieces of one line: one series per run between gaps.
    struct Line {
        std::vector<QAbstractSeries*> segments;
        QColor colour;
        bool seen = false;
    };
    QAbstractSeries* makeSegment(const QString& name, const QColor& colour, bool right);
    void showMessage(const QString& text);
    void recolour(QAbstractSeries* s, const QColor& colour, bool right);
    void resizeEvent(QResizeEvent* e) override;
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
    QString m_emptyReason;
    QGraphicsSimpleTextItem* m_message = nullptr;
    double m_divisor = 1;
    int m_decimals = 0;
};

} // namespace ociproxy::ui
