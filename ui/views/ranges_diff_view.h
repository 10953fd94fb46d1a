#pragma once

#include "core/diff/prefix_consequence.h"
#include "core/diff/range_diff.h"
#include "core/simulate/simulation.h"
#include "ui/workspace/workspace_document.h"

#include <QFutureWatcher>
#include <QWidget>
#include <optional>

class QLabel;
class QLineEdit;
class QPushButton;

namespace ociproxy::ui {

class FilteredTable;
class RangeChangeModel;

// Two publications of a range list side by side (a file, or one the
// workspace has loaded, against a new one): counts per cloud, new and
// vanished regions, regions no bucket serves, and every changed prefix.
class RangesDiffView : public QWidget {
    Q_OBJECT
public:
    explicit RangesDiffView(WorkspaceDocument* doc, QWidget* parent = nullptr);
    ~RangesDiffView() override;

    void setFiles(const QString& old_file, const QString& new_file);
    // Optional: traffic replayed under both publications.
    void setTrafficFile(const QString& path);
    const std::optional<CompareResult>& trafficResult() const { return m_traffic_result; }
    void run();
    bool isRunning() const { return m_watcher.isRunning(); }
    const std::optional<RangeDiff>& diff() const { return m_diff; }
    QString lastError() const { return m_error; }
    RangeChangeModel* model() const { return m_model; }
    QLabel* summary() const { return m_summary; }
    Status exportMarkdown(const QString& path) const;
    // Writes the diff as Markdown, CSV, JSON, HTML or PDF (by extension).
    Status exportReport(const QString& path) const;
    void exportDialog();

signals:
    void finished(bool ok);

private:
    struct Outcome {
        std::optional<RangeDiff> diff;
        QString error;
        std::map<std::string, PrefixConsequence> consequences;
        std::optional<CompareResult> traffic;
    };
    void done();

    WorkspaceDocument* m_doc;
    QLineEdit* m_old;
    QLineEdit* m_new;
    QLineEdit* m_traffic;
    QPushButton* m_run;
    QLabel* m_summary;
    RangeChangeModel* m_model;
    FilteredTable* m_table;
    QFutureWatcher<Outcome> m_watcher;
    std::optional<RangeDiff> m_diff;
    std::optional<CompareResult> m_traffic_result;
    QString m_error;
};

} // namespace ociproxy::ui
