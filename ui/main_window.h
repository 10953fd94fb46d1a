#pragma once

#include "ui/monitoring_export.h"
#include "ui/workspace/workspace_document.h"

#include <QCoroTask>
#include <QMainWindow>
#include <QPointer>
#include <QTemporaryDir>

class QAction;
class QLabel;
class QMenu;
class QMessageBox;
class QNetworkAccessManager;
class QTabWidget;

namespace ociproxy::ui {

class AboutDialog;
class BucketsView;
class LiveView;
class LookupView;
class SimulationView;
class CompareView;
class RangesDiffView;
class PlannerView;
class RangesView;
class SettingsDialog;
class ShortcutsDialog;

// The console's window: the workspace document, its three views, the menus
// and shortcuts, drag and drop, and the status bar. Every routing answer
// comes from the document's router; the window only arranges and asks.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    WorkspaceDocument* document() { return &m_doc; }
    RangesView* rangesView() const { return m_ranges; }
    BucketsView* bucketsView() const { return m_buckets; }
    LookupView* lookupView() const { return m_lookup; }
    LiveView* liveView() const { return m_live; }
    SimulationView* simulationView() const { return m_simulation; }
    CompareView* compareView() const { return m_compare; }
    RangesDiffView* rangesDiffView() const { return m_diff; }
    PlannerView* plannerView() const { return m_planner; }
    QTabWidget* tabs() const { return m_tabs; }
    QLabel* matchStatus() const { return m_matchStatus; }

    // Each returns false after showing the error (window-modal, never
    // blocking), with the workspace left as it was.
    QCoro::Task<bool> openDemo();
    // Runs the demo's what-if views (Simulation, Planner, then Compare with
    // the plan) on the built-in traffic, on worker threads.
    void fillDemoViews();
    // One client per interesting Lookup case, for the demo.
    static QString sampleLookups();
    QCoro::Task<> newFromDemo();
    QCoro::Task<bool> openEmpty();
    bool isComputing() const;
    QCoro::Task<bool> openWorkspace(QString path);
    // Adds the files to the ranges, or with `replace` puts them in place of
    // the current ones (one undo step).
    QCoro::Task<bool> addRangeFiles(QStringList files, bool replace = false);
    // As a user adds files (dialog, drop): into a demo-only workspace it
    // first asks whether they replace the demo ranges or join them.
    QCoro::Task<bool> addRangeFilesAsked(QStringList files);
    // The question on screen, if any (tests answer it).
    QMessageBox* pendingQuestion() const;
    QCoro::Task<bool> reloadRanges();
    QCoro::Task<bool> updateFromInternet();
    bool saveWorkspace(const QString& path);

    // The last error shown, for scripts and tests.
    QString lastError() const { return m_lastError; }

    // Renders each main view to DIR/<view>.png.
    Status saveScreenshots(const QString& dir);

signals:
    void busyChanged(bool busy);

protected:
    void closeEvent(QCloseEvent* e) override;
    void dragEnterEvent(QDragEnterEvent* e) override;
    void dropEvent(QDropEvent* e) override;

private:
    void createActions();
    void updateTitle();
    void updateStatus();
    void showError(const QString& title, const QString& text);
    void rememberRecent(const QString& path);
    void rebuildRecentMenu();
    bool maybeSave();
    bool save();
    bool saveAsDialog();
    void openDialog();
    void addRangesDialog();
    void importBucketsDialog();
    void exportBucketsDialog();
    void exportMonitoringDialog(MonitoringArtifact artifact);

    WorkspaceDocument m_doc;
    QNetworkAccessManager* m_net;
    QTabWidget* m_tabs;
    RangesView* m_ranges;
    BucketsView* m_buckets;
    LookupView* m_lookup;
    LiveView* m_live;
    SimulationView* m_simulation;
    CompareView* m_compare;
    RangesDiffView* m_diff;
    PlannerView* m_planner;
    QLabel* m_tableStatus;
    QLabel* m_timeStatus;
    QLabel* m_busyStatus;
    QLabel* m_matchStatus;
    QMenu* m_recentMenu = nullptr;
    QString m_lastError;
    QPointer<QMessageBox> m_errorBox;
    // One of each at a time: opening again raises it; closing deletes it.
    QPointer<SettingsDialog> m_settingsDialog;
    QPointer<AboutDialog> m_aboutDialog;
    QPointer<ShortcutsDialog> m_shortcutsDialog;
    QString demoTrafficFile();
    // A built-in demo file as a file the views can open.
    QString demoFile(const QString& name);
    QTemporaryDir m_demoFiles;
    QPointer<QObject>
        m_question; // a QMessageBox // the demo's built-in traffic, as files the views can open
};

} // namespace ociproxy::ui
