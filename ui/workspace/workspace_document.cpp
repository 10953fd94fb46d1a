#include "ui/workspace/workspace_document.h"

#include "core/decide/blob_presence.h"
#include "core/workspace/apply_scenario.h"
#include "core/workspace/range_source.h"
#include "resources/planner_data.h"
#include "ui/workspace/state_command.h"

#include <QCoroFuture>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QLocale>
#include <QPointer>
#include <QtConcurrent>
#include <algorithm>

namespace ociproxy::ui {
namespace {

// What an edit changes, for its undo text ("Undo Change match mode to
// first"): the names people know the settings by.
QString describe_change(const Workspace& a, const Workspace& b) {
    QStringList what;
    const RoutingSettings &x = a.settings, &y = b.settings;
    if (x.match != y.match)
        what << QObject::tr("match mode to %1")
                    .arg(QString::fromLatin1(match_mode_name(y.match).data()));
    if (x.upstream != y.upstream || x.upstream_path != y.upstream_path)
        what << QObject::tr("upstream");
    if (x.signature_upstream != y.signature_upstream) what << QObject::tr("signature upstream");
    if (x.info_url != y.info_url || x.privacy_url != y.privacy_url)
        what << QObject::tr("info and privacy URLs");
    if (x.default_aws_base != y.default_aws_base) what << QObject::tr("default base URL");
    if (!(a.blobs == b.blobs)) what << QObject::tr("blob policy");
    if (!(a.prices == b.prices)) what << QObject::tr("prices");
    const PlannerSettings &p = a.planner, &q = b.planner;
    if (p.store_bytes != q.store_bytes) what << QObject::tr("store size");
    if (p.horizon_months != q.horizon_months) what << QObject::tr("horizon");
    if (p.traffic_days != q.traffic_days) what << QObject::tr("traffic days");
    if (p.catalogue != q.catalogue) what << QObject::tr("region catalogue");
    return QObject::tr("Change %1").arg(what.isEmpty() ? QObject::tr("settings") : what.join(", "));
}

// QFuture wants a default-constructible result.
struct LoadOutcome {
    std::string name;
    SharedSource source;
    std::optional<Error> error;
};

LoadOutcome load_outcome(const std::string& name) {
    auto r = load_source(name);
    if (!r) return {name, nullptr, r.error()};
    return {name, *r, std::nullopt};
}

std::optional<Error> validate_draft(const std::vector<Bucket>& draft, const std::string& def) {
    auto map = BucketMap::create(def, draft);
    if (map) return std::nullopt;
    return map.error();
}

} // namespace

WorkspaceDocument::WorkspaceDocument(QObject* parent)
    : QObject(parent) {
    m_state.draft = m_state.workspace.buckets.buckets();
    m_state.draft_default = m_state.workspace.buckets.default_url();
    auto r = buildRouter(m_state.workspace);
    m_router = r ? *r : nullptr;
    connect(&m_undo, &QUndoStack::cleanChanged, this,
            [this](bool clean) { emit modifiedChanged(!clean); });
}

WorkspaceDocument::~WorkspaceDocument() = default;

SharedSource WorkspaceDocument::source(const std::string& name) const {
    const auto it = m_sources.find(name);
    return it == m_sources.end() ? nullptr : it->second;
}

QString WorkspaceDocument::displayName() const {
    if (m_path.isEmpty()) return tr("Untitled workspace");
    return QFileInfo(m_path).fileName();
}

void WorkspaceDocument::setBusy(bool busy, const QString& what) {
    m_busy += busy ? 1 : -1;
    emit busyChanged(m_busy > 0, what);
}

QCoro::Task<Status> WorkspaceDocument::ensureLoaded(std::vector<std::string> sources, bool force) {
    QPointer<WorkspaceDocument> self(this);
    std::vector<QFuture<LoadOutcome>> futures;
    for (const auto& s : sources) {
        if (!force && m_sources.count(s)) continue;
        futures.push_back(QtConcurrent::run(&load_outcome, s));
    }
    if (futures.empty()) co_return Status{};
    setBusy(true, tr("Loading %n range file(s)…", nullptr, int(futures.size())));
    QElapsedTimer timer;
    timer.start();
    std::optional<Error> first_error;
    std::vector<LoadOutcome> done;
    for (auto& f : futures)
        done.push_back(co_await f);
    if (!self) co_return Status{Error{"the workspace was closed", ""}};
    for (auto& o : done) {
        if (o.error) {
            if (!first_error) first_error = o.error;
        } else {
            m_sources[o.name] = o.source;
        }
    }
    m_loadMs = double(timer.nsecsElapsed()) / 1e6;
    setBusy(false, {});
    if (first_error) co_return Status{*first_error};
    co_return Status{};
}

Result<std::shared_ptr<const Router>> WorkspaceDocument::buildRouter(const Workspace& ws) const {
    QElapsedTimer timer;
    timer.start();
    std::vector<const RangeSet*> sets;
    for (const auto& s : ws.range_sources) {
        const auto it = m_sources.find(s);
        if (it == m_sources.end()) return Error{"not loaded", s};
        sets.push_back(&it->second->set);
    }
    auto router = Router::create(PrefixTable::build_shared(sets), ws.buckets, ws.settings);
    if (!router) return router.error();
    m_buildMs = double(timer.nsecsElapsed()) / 1e6;
    return std::make_shared<const Router>(std::move(router).value());
}

void WorkspaceDocument::applyState(const State& s, std::shared_ptr<const Router> prebuilt) {
    if (!prebuilt) {
        auto r = buildRouter(s.workspace);
        // Every state on the stack was valid when pushed and its sources
        // stay cached, so this only fails if that invariant breaks.
        if (!r) qFatal("workspace state no longer builds: %s", r.error().what().c_str());
        prebuilt = *r;
    }
    m_state = s;
    m_router = std::move(prebuilt);
    m_bucketError = validate_draft(m_state.draft, m_state.draft_default);
    emit changed();
}

Status WorkspaceDocument::push(State next, const QString& what) {
    auto r = buildRouter(next.workspace);
    if (!r) return r.error();
    m_undo.push(new StateCommand(this, m_state, std::move(next), *r, what));
    return {};
}

QCoro::Task<Status> WorkspaceDocument::open(Workspace ws, QString path) {
    QPointer<WorkspaceDocument> self(this);
    auto loaded = co_await ensureLoaded(ws.range_sources, false);
    if (!self) co_return loaded;
    if (!loaded) co_return loaded;
    auto r = buildRouter(ws);
    if (!r) co_return Status{r.error()};
    State s;
    s.draft = ws.buckets.buckets();
    s.draft_default = ws.buckets.default_url();
    s.workspace = std::move(ws);
    // Files no longer referenced are dropped with the old undo history.
    std::map<std::string, SharedSource> keep;
    for (const auto& name : s.workspace.range_sources)
        keep[name] = m_sources[name];
    m_sources = std::move(keep);
    m_undo.clear();
    applyState(s, *r);
    m_path = path;
    m_undo.setClean();
    emit filePathChanged();
    emit modifiedChanged(false);
    co_return Status{};
}

QCoro::Task<Status> WorkspaceDocument::openFile(QString path) {
    auto ws = load_workspace_file(path.toStdString());
    if (!ws) co_return Status{ws.error()};
    co_return co_await open(std::move(ws).value(), QFileInfo(path).absoluteFilePath());
}

Status WorkspaceDocument::saveAs(const QString& path) {
    if (m_bucketError)
        return Error{"the bucket map has an error (" + m_bucketError->what() +
                         "); fix or undo it before saving",
                     path.toStdString()};
    const QString abs = QFileInfo(path).absoluteFilePath();
    if (auto st = save_workspace_file(m_state.workspace, abs.toStdString()); !st) return st;
    m_path = abs;
    m_undo.setClean();
    emit filePathChanged();
    emit modifiedChanged(false);
    return {};
}

QCoro::Task<Status> WorkspaceDocument::addSources(QStringList files) {
    QPointer<WorkspaceDocument> self(this);
    std::vector<std::string> names;
    for (const auto& f : files) {
        const std::string n = QFileInfo(f).absoluteFilePath().toStdString();
        const auto& have = m_state.workspace.range_sources;
        if (std::find(have.begin(), have.end(), n) == have.end() &&
            std::find(names.begin(), names.end(), n) == names.end())
            names.push_back(n);
    }
    if (names.empty()) co_return Status{};
    auto loaded = co_await ensureLoaded(names, true);
    if (!self || !loaded) co_return loaded;
    State next = m_state;
    for (auto& n : names)
        next.workspace.range_sources.push_back(n);
    const QString what = names.size() == 1 ? tr("Add %1").arg(QFileInfo(files.front()).fileName())
                                           : tr("Add %n range files", nullptr, int(names.size()));
    co_return push(std::move(next), what);
}

QCoro::Task<Status> WorkspaceDocument::setSources(QStringList files) {
    QPointer<WorkspaceDocument> self(this);
    std::vector<std::string> names;
    for (const auto& f : files) {
        const std::string n = QFileInfo(f).absoluteFilePath().toStdString();
        if (std::find(names.begin(), names.end(), n) == names.end()) names.push_back(n);
    }
    if (names.empty()) co_return Status{Error{"no range file given", ""}};
    auto loaded = co_await ensureLoaded(names, true);
    if (!self || !loaded) co_return loaded;
    State next = m_state;
    next.workspace.range_sources = names;
    co_return push(std::move(next),
                   tr("Replace the ranges with %n file(s)", nullptr, int(names.size())));
}

QCoro::Task<Status> WorkspaceDocument::replaceSources(std::vector<Replacement> replacements) {
    QPointer<WorkspaceDocument> self(this);
    std::vector<std::string> names;
    for (const auto& r : replacements)
        names.push_back(QFileInfo(r.second).absoluteFilePath().toStdString());
    auto loaded = co_await ensureLoaded(names, true);
    if (!self || !loaded) co_return loaded;
    State next = m_state;
    auto& list = next.workspace.range_sources;
    QStringList labels;
    for (std::size_t i = 0; i < replacements.size(); ++i) {
        const RangeFormat format = replacements[i].first;
        const std::string& name = names[i];
        const auto replaced = [&](const std::string& s) {
            const auto src = source(s);
            return s == name || (src && src->set.format == format);
        };
        const auto at = std::find_if(list.begin(), list.end(), replaced);
        const std::size_t pos = std::size_t(at - list.begin());
        std::erase_if(list, replaced);
        list.insert(list.begin() + std::ptrdiff_t(std::min(pos, list.size())), name);
        labels << QString::fromLatin1(range_format_name(format));
    }
    const QString what = tr("Update %1 ranges").arg(labels.join(", "));
    co_return push(std::move(next), what);
}

void WorkspaceDocument::removeSource(int index) {
    if (index < 0 || std::size_t(index) >= m_state.workspace.range_sources.size()) return;
    State next = m_state;
    auto& list = next.workspace.range_sources;
    const QString name = QString::fromStdString(list[std::size_t(index)]);
    list.erase(list.begin() + index);
    (void)push(std::move(next), tr("Remove %1").arg(QFileInfo(name).fileName()));
}

QCoro::Task<Status> WorkspaceDocument::reloadSources() {
    QPointer<WorkspaceDocument> self(this);
    std::vector<std::string> files;
    for (const auto& s : m_state.workspace.range_sources)
        if (!is_builtin_source(s)) files.push_back(s);
    auto loaded = co_await ensureLoaded(files, true);
    if (!self) co_return loaded;
    // Whatever did load is used; a file that failed keeps what it had.
    applyState(m_state);
    co_return loaded;
}

Status WorkspaceDocument::setSettings(const RoutingSettings& settings) {
    if (settings == m_state.workspace.settings) return {};
    State next = m_state;
    next.workspace.settings = settings;
    const QString what = describe_change(m_state.workspace, next.workspace);
    return push(std::move(next), what);
}

Status WorkspaceDocument::setRouting(const RoutingSettings& settings, const BlobPolicy& blobs,
                                     const PriceTable& prices) {
    const Workspace& ws = m_state.workspace;
    if (settings == ws.settings && blobs == ws.blobs && prices == ws.prices) return {};
    if (blobs.kind == BlobPolicy::Kind::UrlList || blobs.kind == BlobPolicy::Kind::Inventory) {
        if (blobs.url_list_file.empty()) return Error{"choose the blob file", "blob policy"};
        if (auto p = make_blob_presence(blobs, ws.buckets); !p) return p.error();
    }
    State next = m_state;
    next.workspace.settings = settings;
    next.workspace.blobs = blobs;
    next.workspace.prices = prices;
    const QString what = describe_change(m_state.workspace, next.workspace);
    return push(std::move(next), what);
}

Status WorkspaceDocument::setTrafficFile(const QString& path) {
    const std::string file =
        path.isEmpty() ? std::string() : QFileInfo(path).absoluteFilePath().toStdString();
    if (file == m_state.workspace.traffic_file) return {};
    State next = m_state;
    next.workspace.traffic_file = file;
    return push(std::move(next), path.isEmpty()
                                     ? tr("Clear the traffic file")
                                     : tr("Choose traffic %1").arg(QFileInfo(path).fileName()));
}

Status WorkspaceDocument::saveScenario(const ScenarioOverrides& scenario) {
    if (scenario.name.empty()) return Error{"give the scenario a name", "scenario name"};
    State next = m_state;
    auto& list = next.workspace.scenarios;
    const auto at = std::find_if(list.begin(), list.end(),
                                 [&](const auto& s) { return s.name == scenario.name; });
    if (at != list.end() && *at == scenario) return {};
    const bool replacing = at != list.end();
    if (replacing)
        *at = scenario;
    else
        list.push_back(scenario);
    const QString name = QString::fromStdString(scenario.name);
    return push(std::move(next),
                replacing ? tr("Update scenario %1").arg(name) : tr("Save scenario %1").arg(name));
}

Status WorkspaceDocument::deleteScenario(const QString& name) {
    State next = m_state;
    const auto n = std::erase_if(next.workspace.scenarios,
                                 [&](const auto& s) { return s.name == name.toStdString(); });
    if (n == 0) return Error{"no scenario of that name", name.toStdString()};
    return push(std::move(next), tr("Delete scenario %1").arg(name));
}

QCoro::Task<Status> WorkspaceDocument::applyScenario(ScenarioOverrides scenario) {
    QPointer<WorkspaceDocument> self(this);
    auto b = apply_scenario(m_state.workspace, scenario);
    if (!b) co_return Status{b.error()};
    if (!scenario.range_files.empty()) {
        auto loaded = co_await ensureLoaded(b->range_sources, false);
        if (!self || !loaded) co_return loaded;
    }
    State next = m_state;
    next.workspace = std::move(b).value();
    next.draft = next.workspace.buckets.buckets();
    next.draft_default = next.workspace.buckets.default_url();
    const QString name =
        scenario.name.empty() ? QStringLiteral("B") : QString::fromStdString(scenario.name);
    co_return push(std::move(next),
                   tr("Apply scenario %1 (%2)")
                       .arg(name, QString::fromStdString(describe_overrides(scenario))));
}

Status WorkspaceDocument::setDefaultBlobBytes(std::uint64_t bytes) {
    if (bytes == 0) return Error{"must be at least one byte", "bytes per blob request"};
    if (bytes == m_state.workspace.default_blob_bytes) return {};
    State next = m_state;
    next.workspace.default_blob_bytes = bytes;
    return push(
        std::move(next),
        tr("Change bytes per blob request to %1").arg(QLocale().formattedDataSize(qint64(bytes))));
}

Status WorkspaceDocument::setPlanner(const PlannerSettings& planner) {
    if (planner == m_state.workspace.planner) return {};
    if (auto c = builtin::region_catalogue(planner.catalogue); !c) return c.error();
    State next = m_state;
    next.workspace.planner = planner;
    const QString what = describe_change(m_state.workspace, next.workspace);
    return push(std::move(next), what);
}

WorkspaceDocument::State WorkspaceDocument::withBuckets(std::vector<Bucket> draft,
                                                        std::string def) const {
    State next = m_state;
    if (auto map = BucketMap::create(def, draft)) next.workspace.buckets = std::move(map).value();
    next.draft = std::move(draft);
    next.draft_default = std::move(def);
    return next;
}

void WorkspaceDocument::setBucketDraft(std::vector<Bucket> draft, std::string default_url,
                                       const QString& what) {
    if (draft == m_state.draft && default_url == m_state.draft_default) return;
    (void)push(withBuckets(std::move(draft), std::move(default_url)), what);
}

void WorkspaceDocument::resetBucketsToProduction() {
    const auto& p = BucketMap::production();
    setBucketDraft(p.buckets(), p.default_url(), tr("Reset buckets to production"));
}

Status WorkspaceDocument::importBuckets(const QString& path) {
    auto map = BucketMap::load_file(path.toStdString());
    if (!map) return map.error();
    return push(withBuckets(map->buckets(), map->default_url()),
                tr("Import %1").arg(QFileInfo(path).fileName()));
}

Status WorkspaceDocument::exportBuckets(const QString& path) const {
    return m_state.workspace.buckets.save_file(path.toStdString());
}

} // namespace ociproxy::ui
