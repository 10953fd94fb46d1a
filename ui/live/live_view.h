#pragma once

#include "core/result.h"
#include "ui/live/live_chart_view.h"
#include "ui/live/metrics_source.h"

#include <QTimer>
#include <QWidget>
#include <memory>
#include <vector>

class QComboBox;
class QLabel;
class QSpinBox;
class QToolBar;
class QAction;

namespace ociproxy::ui {

class DemoProxy;
class FilteredTable;
class LiveSourceModel;

// What running proxies are doing now: sources polled on one timer, five
// charts over a chosen window, pause, clear and export. Sources are kept in
// the settings (without secrets) and come back on the next start.
class LiveView : public QWidget {
    Q_OBJECT
public:
    explicit LiveView(QWidget* parent = nullptr);
    ~LiveView() override;

    MetricsSource* addSource(const SourceConfig& config);
    void removeSource(int index);
    const std::vector<std::unique_ptr<MetricsSource>>& sources() const { return m_sources; }

    void setIntervalSeconds(int s);
    int intervalSeconds() const;
    // 5 min … 24 h.
    void setWindowSeconds(int s);
    int windowSeconds() const;
    void setPaused(bool paused);
    bool isPaused() const { return m_paused; }
    void clear();

    // Polls every source once now (the timer does the same every interval).
    void pollNow();
    // Redraws every chart at once (normally coalesced after updates).
    void redrawNow();

    LiveChartView* chartView(LiveChart c) const { return m_charts[std::size_t(c)]; }
    FilteredTable* sourcesTable() const { return m_table; }
    Status exportPng(LiveChart c, const QString& path) const;
    Status exportCsv(LiveChart c, const QString& path) const;

    // Restores the sources saved in the settings.
    void restoreSources();

    // The local demo: oci-proxy --demo on loopback with a demo bucket and a
    // replayer of the built-in traffic, charted as a source of its own.
    void startDemoProxy();
    void stopDemoProxy();
    DemoProxy* demoProxy() const { return m_demo; }

    // With several sources: one line set summed across them (the default),
    // or each source's own.
    void setSumSources(bool sum);
    bool sumSources() const;

signals:
    void redrawn(double ms);

private:
    void saveSources() const;
    void scheduleRedraw();
    void addSourceDialog();
    void exportDialog(LiveChart c, bool csv);
    QString emptyReason(LiveChart c) const;
    void updateDemoStatus();

    std::vector<std::unique_ptr<MetricsSource>> m_sources;
    LiveSourceModel* m_model;
    FilteredTable* m_table;
    QToolBar* m_toolBar;
    QSpinBox* m_interval;
    QComboBox* m_window;
    QComboBox* m_combine;
    QAction* m_demoAction;
    QLabel* m_status;
    DemoProxy* m_demo;
    LiveStore m_sum; // the sum across sources, rebuilt per redraw
    QAction* m_pause;
    std::array<LiveChartView*, kLiveChartCount> m_charts{};
    QTimer m_timer;
    QTimer m_redraw;
    bool m_paused = false;
};

} // namespace ociproxy::ui
