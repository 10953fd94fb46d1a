#pragma once

#include "core/plan/placement_plan.h"
#include "core/simulate/simulation.h"
#include "ui/workspace/workspace_document.h"

#include <QFutureWatcher>
#include <QTemporaryDir>
#include <QWidget>
#include <atomic>
#include <optional>

class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace ociproxy::ui {

class AliasTableModel;
class CandidateTableModel;
class FilteredTable;
class WorldMapWidget;

// Where the next bucket should go: simulates a traffic file through the
// workspace on worker threads (progress, cancel), then ranks every region
// without a bucket by monthly saving and lists where each bucketless region
// could alias, on a map. The assumptions (store size, horizon, days of
// traffic) are edited in place and kept in the workspace; an edit re-plans
// at once without simulating again, a routing change simulates again.
class PlannerView : public QWidget {
    Q_OBJECT
public:
    explicit PlannerView(WorkspaceDocument* doc, QWidget* parent = nullptr);
    ~PlannerView() override;

    // Empty: the built-in demo traffic.
    void setTrafficFile(const QString& path);
    QString trafficFile() const;
    void run();
    void cancel();
    bool isRunning() const { return m_watcher.isRunning(); }

    const std::optional<Plan>& plan() const { return m_plan; }
    QString lastError() const { return m_error; }
    QLabel* summary() const { return m_summary; }
    QLabel* assumptions() const { return m_assumptions; }
    CandidateTableModel* candidates() const { return m_candidates; }
    AliasTableModel* aliases() const { return m_aliases; }
    WorldMapWidget* map() const { return m_map; }
    QDoubleSpinBox* storeGiB() const { return m_store; }
    QDoubleSpinBox* horizonMonths() const { return m_horizon; }
    QDoubleSpinBox* trafficDays() const { return m_days; }
    QDoubleSpinBox* defaultPrice() const { return m_defaultPrice; }
    QDoubleSpinBox* crossRegionPrice() const { return m_crossPrice; }
    // Empty: the built-in catalogue.
    Status setCatalogueFile(const QString& path);

    // Writes the plan's bucket map to a file of this view's own and asks for
    // it to be compared (the traffic file is the one the plan came from).
    Status tryAsScenarioB();
    // The plan's bucket map in a file of this view's own, and the traffic
    // file the plan came from.
    Result<QString> writePlanBuckets();
    QString plannedTraffic() const { return m_simTraffic; }
    Status exportReport(const QString& path) const;
    void exportDialog();

signals:
    void finished(bool ok);
    void compareRequested(const QString& bucketsFile, const QString& trafficFile);

private:
    struct Outcome {
        std::optional<SimulationResult> result;
        std::shared_ptr<BlobPresence> presence;
        QString error;
    };
    void done();
    void replan();
    void showPlan();
    void showEmpty(const QString& why);
    void assumptionsEdited();
    void pricesEdited();
    void loadAssumptions();
    QString resolvedTraffic();

    WorkspaceDocument* m_doc;
    QLineEdit* m_path;
    QDoubleSpinBox* m_store;
    QDoubleSpinBox* m_horizon;
    QDoubleSpinBox* m_days;
    QDoubleSpinBox* m_defaultPrice;
    QDoubleSpinBox* m_crossPrice;
    QLabel* m_catalogueLabel;
    QPushButton* m_run;
    QPushButton* m_cancel;
    QPushButton* m_try;
    QProgressBar* m_progress;
    QLabel* m_summary;
    QLabel* m_assumptions;
    CandidateTableModel* m_candidates;
    AliasTableModel* m_aliases;
    FilteredTable* m_candidateTable;
    FilteredTable* m_aliasTable;
    WorldMapWidget* m_map;
    QFutureWatcher<Outcome> m_watcher;
    std::atomic<bool> m_cancelFlag{false};
    std::atomic<int> m_permille{0};
    QTemporaryDir m_tmp;

    // The simulation the plan is made from, with the routing and workspace
    // (planner settings aside) it ran under: an assumptions edit re-plans
    // from it, anything else makes it stale.
    std::optional<SimulationResult> m_sim;
    std::shared_ptr<const Router> m_router;
    Workspace m_simWorkspace;
    QString m_simTraffic;
    std::shared_ptr<BlobPresence> m_presence; // for the store size an inventory gives
    std::optional<RegionCatalogue> m_catalogue;
    std::optional<Plan> m_plan;
    QString m_error;
    bool m_loading = false;
};

} // namespace ociproxy::ui
