#pragma once

#include "core/result.h"
#include "ui/live/live_chart_view.h"
#include "ui/live/metrics_source.h"

#include <QTimer>
#include <QWidget>
#include <memory>
#include <vector>

class QComboBox;
class QSpinBox;
class QToolBar;
class QAction;

namespace ociproxy::ui {

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
    Status exportPng(LiveChart c, const QString& path) const;
    Status exportCsv(LiveChart c, const QString& path) const;

    // Restores the sources saved in the settings.
    void restoreSources();

signals:
    void redrawn(double ms);

private:
    void saveSources() const;
    void scheduleRedraw();
    void addSourceDialog();
    void exportDialog(LiveChart c, bool csv);

    std::vector<std::unique_ptr<MetricsSource>> m_sources;
    LiveSourceModel* m_model;
    FilteredTable* m_table;
    QToolBar* m_toolBar;
    QSpinBox* m_interval;
    QComboBox* m_window;
    QAction* m_pause;
    std::array<LiveChartView*, kLiveChartCount> m_charts{};
    QTimer m_timer;
    QTimer m_redraw;
    bool m_paused = false;
};

} // namespace ociproxy::ui
