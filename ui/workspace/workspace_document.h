#pragma once

#include "core/decide/router.h"
#include "core/workspace/workspace.h"
#include "ui/workspace/loaded_source.h"

#include <QCoroTask>
#include <QObject>
#include <QStringList>
#include <QUndoStack>
#include <map>
#include <memory>
#include <optional>

namespace ociproxy::ui {

// The open workspace: its settings, the loaded range files and the router
// built from them, with every edit on one undo stack. Views read it and ask
// it for changes; nothing else in the console holds routing state.
//
// Loading runs on worker threads; a failed load, a bad file or an invalid
// setting leaves the document exactly as it was and returns the error.
class WorkspaceDocument : public QObject {
    Q_OBJECT
public:
    // Everything an undo step restores. The bucket draft is what the table
    // shows; it may be invalid while being edited, and then the workspace
    // (and the router) keep the last valid map.
    struct State {
        Workspace workspace;
        std::vector<Bucket> draft;
        std::string draft_default;
    };

    explicit WorkspaceDocument(QObject* parent = nullptr);
    ~WorkspaceDocument() override;

    // Replaces the document (not undoable; clears the undo history).
    QCoro::Task<Status> open(Workspace ws, QString path);
    QCoro::Task<Status> openFile(QString path);
    Status saveAs(const QString& path);

    QCoro::Task<Status> addSources(QStringList files);
    // These files become the workspace's only range sources (one undo step).
    QCoro::Task<Status> setSources(QStringList files);
    // For each (format, file): swaps every source of that format for the
    // file, in one undo step (the "update from the internet" step: the new
    // AWS list replaces the old one where it stood).
    using Replacement = std::pair<RangeFormat, QString>;
    QCoro::Task<Status> replaceSources(std::vector<Replacement> replacements);
    void removeSource(int index);
    // Re-reads every source from disk; a file that no longer parses keeps
    // its previous contents and the error is returned.
    QCoro::Task<Status> reloadSources();

    Status setSettings(const RoutingSettings& settings);
    // Settings, blob policy and prices together (the settings dialog), as
    // one undo step. A URL list must exist and be readable.
    Status setRouting(const RoutingSettings& settings, const BlobPolicy& blobs,
                      const PriceTable& prices);
    // The bytes a blob GET without a size moves in simulations, as one undo
    // step.
    Status setDefaultBlobBytes(std::uint64_t bytes);
    // The bucket planner's assumptions, as one undo step; a catalogue file
    // must load.
    Status setPlanner(const PlannerSettings& planner);
    // The what-if views' traffic file, kept with the workspace.
    Status setTrafficFile(const QString& path);
    // Saves (adds or replaces by name) or deletes a named scenario.
    Status saveScenario(const ScenarioOverrides& scenario);
    Status deleteScenario(const QString& name);
    // The workspace becomes scenario B (its ranges loaded first): one undo step.
    QCoro::Task<Status> applyScenario(ScenarioOverrides scenario);
    void setBucketDraft(std::vector<Bucket> draft, std::string default_url, const QString& what);
    void resetBucketsToProduction();
    Status importBuckets(const QString& path);
    Status exportBuckets(const QString& path) const;

    const Workspace& workspace() const { return m_state.workspace; }
    const State& state() const { return m_state; }
    std::shared_ptr<const Router> router() const { return m_router; }
    SharedSource source(const std::string& name) const;
    const std::optional<Error>& bucketError() const { return m_bucketError; }
    QString filePath() const { return m_path; }
    QString displayName() const;
    bool isModified() const { return !m_undo.isClean(); }
    bool isBusy() const { return m_busy > 0; }
    QUndoStack* undoStack() { return &m_undo; }
    double lastLoadMs() const { return m_loadMs; }
    double lastBuildMs() const { return m_buildMs; }

    // Used by the undo commands.
    void applyState(const State& s, std::shared_ptr<const Router> prebuilt = {});

signals:
    void changed();
    void filePathChanged();
    void modifiedChanged(bool modified);
    void busyChanged(bool busy, const QString& what);

private:
    QCoro::Task<Status> ensureLoaded(std::vector<std::string> sources, bool force);
    Result<std::shared_ptr<const Router>> buildRouter(const Workspace& ws) const;
    Status push(State next, const QString& what);
    State withBuckets(std::vector<Bucket> draft, std::string def) const;
    void setBusy(bool busy, const QString& what);

    State m_state;
    std::shared_ptr<const Router> m_router;
    std::map<std::string, SharedSource> m_sources;
    std::optional<Error> m_bucketError;
    QString m_path;
    QUndoStack m_undo;
    int m_busy = 0;
    double m_loadMs = 0;
    mutable double m_buildMs = 0;
};

} // namespace ociproxy::ui
