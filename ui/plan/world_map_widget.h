#pragma once

#include "core/plan/map_sites.h"

#include <QString>
#include <QWidget>
#include <cstdint>
#include <vector>

namespace ociproxy::ui {

// An equirectangular world map (the built-in hand-drawn outline) with the
// catalogue's regions as markers — shape and colour both tell a bucket, an
// aliased region and a region left to the default apart — and lines from
// where traffic comes from to where it goes, thicker for more bytes. Used by
// the Planner and the Simulation views.
class WorldMapWidget : public QWidget {
    Q_OBJECT
public:
    struct Flow {
        QString from, to; // region names (for tooltips and tests)
        double lat1 = 0, lon1 = 0, lat2 = 0, lon2 = 0;
        std::uint64_t bytes = 0;
        bool proposed = false; // dashed: what the plan would change
    };

    explicit WorldMapWidget(QWidget* parent = nullptr);

    void setSites(std::vector<MapSite> sites, const QString& highlight = {});
    void setFlows(std::vector<Flow> flows);
    // Shown instead of the markers and lines when there is nothing to draw,
    // saying why and what to do.
    void setEmptyText(const QString& text);
    void setCaption(const QString& text);

    int markerCount() const { return int(m_sites.size()); }
    int flowCount() const { return int(m_flows.size()); }
    const std::vector<Flow>& flows() const { return m_flows; }
    QString highlighted() const { return m_highlight; }

    QSize sizeHint() const override { return {720, 400}; }
    QSize minimumSizeHint() const override { return {360, 220}; }

protected:
    void paintEvent(QPaintEvent*) override;
    bool event(QEvent* e) override;

private:
    QRectF mapRect() const;
    QPointF project(double lat, double lon) const;

    std::vector<MapSite> m_sites;
    std::vector<Flow> m_flows;
    QString m_highlight, m_empty, m_caption;
};

} // namespace ociproxy::ui
