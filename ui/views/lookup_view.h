#pragma once

#include "ui/lookup/lookup_input.h"
#include "ui/lookup/lookup_row.h"
#include "ui/workspace/workspace_document.h"

#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QTimer>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QTextBrowser;

namespace ociproxy::ui {

class FilteredTable;
class LookupTableModel;

// Paste or type addresses; the results follow as you type. The work runs on
// a worker thread, so 100k lines never stall the window.
class LookupView : public QWidget {
    Q_OBJECT
public:
    explicit LookupView(WorkspaceDocument* doc, QWidget* parent = nullptr);

    LookupInput* input() const { return m_input; }
    QLineEdit* path() const { return m_path; }
    LookupTableModel* model() const { return m_model; }
    FilteredTable* results() const { return m_results; }
    QTextBrowser* explain() const { return m_explain; }
    // True while a computation runs or is scheduled.
    // Selects the first row that needs attention (else the first row), so
    // the explain pane has something to show.
    void selectFirstAttention();
    // Adds `ip` to the input (once) and selects it, so the explain pane
    // shows it when the results are in.
    void explainAddress(const QString& ip);
    bool isComputing() const;

signals:
    void computed(int rows, double ms);

private:
    void schedule();
    void start();
    void finished();
    void showExplain(int sourceRow);
    void selectInput(const QString& ip);

    WorkspaceDocument* m_doc;
    LookupInput* m_input;
    QLineEdit* m_path;
    LookupTableModel* m_model;
    FilteredTable* m_results;
    QTextBrowser* m_explain;
    QLabel* m_status;
    QTimer m_debounce;
    struct Outcome {
        std::vector<LookupRow> rows;
        QString note; // why the blob policy could not be applied, if it could not
    };
    QFutureWatcher<Outcome> m_watcher;
    std::shared_ptr<const Router> m_router; // what the current rows were computed with
    std::shared_ptr<const Router> m_running;
    QElapsedTimer m_clock;
    bool m_again = false;
    QString m_explainPending; // an address to select once the results are in
};

} // namespace ociproxy::ui
