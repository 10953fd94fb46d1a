#pragma once

#include "core/report/simulation_report.h"
#include "core/simulate/simulation.h"
#include "ui/workspace/workspace_document.h"

#include <QCoroTask>
#include <QFutureWatcher>
#include <QWidget>
#include <atomic>
#include <map>
#include <optional>

class QChartView;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace ociproxy::ui {

class FilteredTable;
class MovementTableModel;

// What-if: scenario B starts as a copy of the workspace with edits (bucket
// map, match mode, ranges, default URL); the same traffic runs through both
// on worker threads; the movement matrix and the cost delta come back.
class CompareView : public QWidget {
    Q_OBJECT
public:
    explicit CompareView(WorkspaceDocument* doc, QWidget* parent = nullptr);
    ~CompareView() override;

    void setTrafficFile(const QString& path);
    // B's edits; empty values keep A's.
    void setBucketsFile(const QString& path);
    void setRangeFiles(const QStringList& files);
    void setMatchMode(MatchMode m);
    void setDefaultUrl(const QString& url);
    // B's edits as a scenario, and back.
    ScenarioOverrides overrides() const;
    void setOverrides(const ScenarioOverrides& o);
    // Saves B under a name in the workspace (undoable); selects a saved one.
    Status saveScenarioAs(const QString& name);
    void selectScenario(const QString& name);
    // The workspace becomes B: one undo step.
    QCoro::Task<Status> applyToWorkspace();
    // The typed traffic file, else the workspace's (the Simulation's).
    QString trafficPath() const;
    QComboBox* scenarioBox() const { return m_scenario; }

    void run();
    bool isRunning() const { return m_watcher.isRunning(); }
    const std::optional<CompareResult>& result() const { return m_result; }
    QString lastError() const { return m_error; }
    MovementTableModel* model() const { return m_model; }
    QLabel* summary() const { return m_summary; }
    QChartView* chart() const { return m_chart; }
    Status exportReport(const QString& path, ReportFormat f) const;
    Status exportChart(const QString& path) const;

    // Asks for a file and writes the report (by extension) or a chart image.
    void exportDialog();

signals:
    void finished(bool ok);

private:
    struct Outcome {
        std::optional<CompareResult> result;
        QString error;
        Workspace b;                                // B as run
        std::map<std::string, std::string> digests; // range source → SHA-256
    };
    void done();
    void refreshScenarios();
    void saveScenarioDialog();

    WorkspaceDocument* m_doc;
    QLineEdit* m_traffic;
    QLineEdit* m_buckets;
    QLineEdit* m_ranges;
    QComboBox* m_scenario;
    QComboBox* m_match;
    QLineEdit* m_default;
    QLineEdit* m_bytes = nullptr;  // MiB; empty: A's
    QLineEdit* m_prices = nullptr; // a price table file; empty: A's
    QPushButton* m_run;
    QLabel* m_summary;
    MovementTableModel* m_model;
    FilteredTable* m_table;
    QChartView* m_chart;
    QFutureWatcher<Outcome> m_watcher;
    std::atomic<bool> m_cancel{false};
    std::optional<CompareResult> m_result;
    QString m_error;
    QString m_edits, m_pendingEdits; // what B changed: of the result shown, of the run under way
    Workspace m_runWorkspace, m_pendingWorkspace;
    Workspace m_runB;
    std::map<std::string, std::string> m_digests;
};

} // namespace ociproxy::ui
