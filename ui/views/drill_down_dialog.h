#pragma once

#include "core/simulate/drill_down.h"
#include "core/workspace/workspace.h"

#include <QDialog>
#include <QFutureWatcher>
#include <atomic>
#include <memory>
#include <optional>

class QLabel;
class QProgressBar;
class QPushButton;

namespace ociproxy::ui {

class FilteredTable;
class TopTableModel;

// One simulation group opened up: its top clients by requests and by bytes
// and its prefixes, from a second pass over the traffic with the run's own
// routing (on a worker thread, with progress and cancel; memory bounded by
// the counters, whatever the file's size). A client opens in Lookup.
class DrillDownDialog : public QDialog {
    Q_OBJECT
public:
    DrillDownDialog(std::shared_ptr<const Router> router, Workspace ws, QString traffic,
                    DrillFilter filter, QWidget* parent = nullptr);
    ~DrillDownDialog() override;

    static constexpr std::size_t kTopN = 50;
    static constexpr std::size_t kCounters = 4096;

    void start();
    bool isRunning() const { return m_watcher.isRunning(); }
    const std::optional<DrillDown>& result() const { return m_result; }
    QString lastError() const { return m_error; }
    TopTableModel* clientsModel() const { return m_byRequests; }
    TopTableModel* bytesModel() const { return m_byBytes; }
    TopTableModel* prefixModel() const { return m_prefixes; }
    QLabel* summary() const { return m_summary; }
    Status exportClients(const QString& path) const;
    // The client selected (or the first), for "Explain in Lookup".
    QString currentClient() const;

signals:
    void finished(bool ok);
    void explainClient(const QString& ip);

private:
    struct Outcome {
        std::optional<DrillDown> result;
        QString error;
    };
    void done();

    std::shared_ptr<const Router> m_router;
    Workspace m_ws;
    QString m_traffic;
    DrillFilter m_filter;
    QLabel* m_summary;
    QProgressBar* m_progress;
    QPushButton* m_cancel;
    TopTableModel* m_byRequests;
    TopTableModel* m_byBytes;
    TopTableModel* m_prefixes;
    FilteredTable* m_clientsTable;
    FilteredTable* m_bytesTable;
    QFutureWatcher<Outcome> m_watcher;
    std::atomic<bool> m_cancelFlag{false};
    std::atomic<int> m_permille{0};
    std::optional<DrillDown> m_result;
    QString m_error;
};

} // namespace ociproxy::ui
