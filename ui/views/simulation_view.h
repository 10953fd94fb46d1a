#pragma once

#include "core/report/simulation_report.h"
#include "core/simulate/drill_down.h"
#include "core/simulate/simulation.h"
#include "ui/workspace/workspace_document.h"

#include <QFutureWatcher>
#include <QWidget>
#include <atomic>
#include <map>
#include <optional>

class QChartView;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTextBrowser;

namespace ociproxy::ui {

class AggregateTableModel;
class DrillDownDialog;
class FilteredTable;
class WorldMapWidget;

// Replays a traffic file through the workspace's routing on worker threads
// (progress, cancel; the window stays responsive) and shows where requests,
// bytes and cost go: summary, charts, the detail table and, for a row, why
// its requests went there.
class SimulationView : public QWidget {
    Q_OBJECT
public:
    explicit SimulationView(WorkspaceDocument* doc, QWidget* parent = nullptr);
    ~SimulationView() override;

    void setTrafficFile(const QString& path);
    QString trafficFile() const;
    void run();
    void cancel();
    bool isRunning() const { return m_watcher.isRunning(); }

    const std::optional<SimulationResult>& result() const { return m_result; }
    QString lastError() const { return m_error; }
    AggregateTableModel* model() const { return m_model; }
    FilteredTable* table() const { return m_table; }
    QTextBrowser* explain() const { return m_explain; }
    WorldMapWidget* map() const { return m_map; }
    // Bytes per blob GET without a size, in MiB (the workspace's setting).
    QDoubleSpinBox* defaultBytes() const { return m_bytes; }
    // Whether the results shown are from an earlier run than the last one
    // tried (which failed or was cancelled): they are greyed, and say so.
    bool isStale() const { return m_stale; }
    QLabel* summary() const { return m_summary; }

    Status exportReport(const QString& path, ReportFormat f) const;
    // Chart 0..2 as PNG or SVG, by the file's extension.
    Status exportChart(int chart, const QString& path) const;
    int chartCount() const { return 3; }

    // Asks for a file and writes the report (by extension) or a chart image.
    void exportDialog();

    // Opens a group of the results (a row, or the unmatched clients): its
    // top clients and prefixes, read again with the run's routing.
    DrillDownDialog* drillDown(const DrillFilter& filter);

signals:
    void finished(bool ok, double ms);
    // A client to explain in the Lookup view.
    void explainClient(const QString& ip);

private:
    struct Outcome {
        std::optional<SimulationResult> result;
        QString error;
    };
    void done();
    void showResult();
    void showExplain(int row);

    WorkspaceDocument* m_doc;
    QLineEdit* m_path;
    QPushButton* m_run;
    QPushButton* m_cancel;
    QProgressBar* m_progress;
    QLabel* m_summary;
    AggregateTableModel* m_model;
    FilteredTable* m_table;
    QTextBrowser* m_explain;
    WorldMapWidget* m_map;
    std::array<QChartView*, 3> m_charts{};
    QFutureWatcher<Outcome> m_watcher;
    std::atomic<bool> m_cancelFlag{false};
    std::atomic<int> m_permille{0};
    std::optional<SimulationResult> m_result;
    std::shared_ptr<const Router> m_router;       // the routing the result was computed with
    std::shared_ptr<const Router> m_pending;      // the routing of the run under way
    Workspace m_runWorkspace, m_pendingWorkspace; // the same, for provenance
    std::map<std::string, std::string> m_digests, m_pendingDigests; // range source → SHA-256
    QDoubleSpinBox* m_bytes;
    QWidget* m_results = nullptr; // charts and tables, greyed when stale
    QString m_resultFrom;
    bool m_stale = false;
    QString m_error;
    qint64 m_started = 0;
};

} // namespace ociproxy::ui
