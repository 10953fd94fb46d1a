#include "ui/main_window.h"

#include "core/file_io.h"
#include "core/traffic/traffic_format.h"
#include "core/workspace/range_source.h"
#include "resources/demo_data.h"
#include "ui/about_dialog.h"
#include "ui/icons.h"
#include "ui/live/demo_proxy.h"
#include "ui/live/live_view.h"
#include "ui/settings_dialog.h"
#include "ui/shortcuts_dialog.h"
#include "ui/update/range_download.h"
#include "ui/views/buckets_view.h"
#include "ui/views/compare_view.h"
#include "ui/views/filtered_table.h"
#include "ui/views/lookup_view.h"
#include "ui/views/planner_view.h"
#include "ui/views/ranges_diff_view.h"
#include "ui/views/ranges_view.h"
#include "ui/views/simulation_view.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QCoroSignal>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QNetworkAccessManager>
#include <QPlainTextEdit>
#include <QProgressDialog>
#include <QPushButton>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolBar>
#include <QUndoStack>

namespace ociproxy::ui {
namespace {

// A dialog that exists once: a second open raises it instead of stacking a
// copy, and closing it frees it (they used to pile up, one per open).
template <class Dialog, class Make> void show_single(QPointer<Dialog>& slot, Make make) {
    if (!slot) {
        slot = make();
        slot->setAttribute(Qt::WA_DeleteOnClose);
    }
    slot->open();
    slot->raise();
    slot->activateWindow();
}

constexpr int kMaxRecent = 8;
const char* const kWorkspaceFilter = QT_TRANSLATE_NOOP("MainWindow", "Workspaces (*.json)");
const char* const kRangeFilter =
    QT_TRANSLATE_NOOP("MainWindow", "Range files (*.json *.csv);;All files (*)");

QString error_text(const Error& e) {
    return QString::fromStdString(e.what());
}

// Whether a dropped file is traffic rather than ranges: its start reads as
// traffic, as the simulator will read it (no range format passes that:
// range CSVs have no ip or xff column, range JSON has neither httpRequest
// nor client_ip).
bool is_traffic_file(const std::string& path) {
    QFile f(QString::fromStdString(path));
    if (!f.open(QIODevice::ReadOnly)) return false;
    const QByteArray head = f.read(1 << 16);
    return bool(
        detect_traffic_layout(std::string_view(head.constData(), std::size_t(head.size())), path));
}

} // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
    , m_net(new QNetworkAccessManager(this))
    , m_tabs(new QTabWidget(this))
    , m_ranges(new RangesView(&m_doc, this))
    , m_buckets(new BucketsView(&m_doc, this))
    , m_lookup(new LookupView(&m_doc, this))
    , m_live(new LiveView(this))
    , m_simulation(new SimulationView(&m_doc, this))
    , m_compare(new CompareView(&m_doc, this))
    , m_diff(new RangesDiffView(&m_doc, this))
    , m_planner(new PlannerView(&m_doc, this))
    , m_tableStatus(new QLabel(this))
    , m_timeStatus(new QLabel(this))
    , m_busyStatus(new QLabel(this))
    , m_matchStatus(new QLabel(this)) {
    setWindowIcon(app_icon());
    setAcceptDrops(true);
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_ranges, icon("ranges"), tr("&Ranges"));
    m_tabs->addTab(m_buckets, icon("buckets"), tr("&Buckets"));
    m_tabs->addTab(m_lookup, icon("lookup"), tr("&Lookup"));
    connect(m_simulation, &SimulationView::explainClient, this, [this](const QString& ip) {
        m_lookup->explainAddress(ip);
        m_tabs->setCurrentWidget(m_lookup);
    });
    m_tabs->addTab(m_live, icon("live"), tr("Li&ve"));
    m_tabs->addTab(m_simulation, icon("export"), tr("&Simulation"));
    m_tabs->addTab(m_compare, icon("buckets"), tr("&Compare"));
    m_tabs->addTab(m_diff, icon("ranges"), tr("Ranges &Diff"));
    m_tabs->addTab(m_planner, icon("buckets"), tr("&Planner"));
    setCentralWidget(m_tabs);
    statusBar()->addWidget(m_tableStatus, 1);
    statusBar()->addPermanentWidget(m_busyStatus);
    statusBar()->addPermanentWidget(m_matchStatus);
    statusBar()->addPermanentWidget(m_timeStatus);
    createActions();
    // The planner's "Try as Scenario B": Compare runs the plan's map against
    // the workspace on the traffic the plan came from.
    connect(m_planner, &PlannerView::compareRequested, this,
            [this](const QString& buckets, const QString& traffic) {
                m_compare->setTrafficFile(traffic);
                m_compare->setBucketsFile(buckets);
                m_tabs->setCurrentWidget(m_compare);
                m_compare->run();
            });

    connect(&m_doc, &WorkspaceDocument::changed, this, &MainWindow::updateStatus);
    connect(&m_doc, &WorkspaceDocument::filePathChanged, this, &MainWindow::updateTitle);
    connect(&m_doc, &WorkspaceDocument::modifiedChanged, this, &MainWindow::updateTitle);
    connect(&m_doc, &WorkspaceDocument::busyChanged, this, [this](bool busy, const QString& what) {
        m_busyStatus->setText(busy ? what : QString());
        emit busyChanged(busy);
    });

    QSettings s;
    resize(1280, 800);
    restoreGeometry(s.value("window/geometry").toByteArray());
    restoreState(s.value("window/state").toByteArray());
    m_tabs->setCurrentIndex(s.value("window/tab", 0).toInt());
    updateTitle();
    updateStatus();
}

// The views hold the document's address; they go before the document (a
// member) does, not after it as Qt's child deletion would have it.
MainWindow::~MainWindow() {
    delete m_tabs;
}

void MainWindow::createActions() {
    const auto make = [this](const QString& text, const QString& iconName, const QKeySequence& key,
                             auto slot) {
        auto* a = new QAction(text, this);
        if (!iconName.isEmpty()) a->setIcon(icon(iconName));
        if (!key.isEmpty()) a->setShortcut(key);
        connect(a, &QAction::triggered, this, slot);
        return a;
    };

    auto* file = menuBar()->addMenu(tr("&File"));
    file->addAction(make(tr("New from &Demo"), {}, QKeySequence::New, [this] { newFromDemo(); }));
    file->addAction(make(tr("New &Empty Workspace"), {},
                         QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N), [this] { openEmpty(); }));
    file->addAction(
        make(tr("&Open Workspace…"), "open", QKeySequence::Open, [this] { openDialog(); }));
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    rebuildRecentMenu();
    auto* saveAct = make(tr("&Save"), "save", QKeySequence::Save, [this] { save(); });
    file->addAction(saveAct);
    file->addAction(make(tr("Save &As…"), {}, QKeySequence::SaveAs, [this] { saveAsDialog(); }));
    file->addSeparator();
    // Reports and charts of whichever what-if view is showing.
    auto* exportReport =
        make(tr("&Export Report or Chart…"), "export", QKeySequence(Qt::CTRL | Qt::Key_E), [this] {
            QWidget* current = m_tabs->currentWidget();
            if (current == m_simulation)
                m_simulation->exportDialog();
            else if (current == m_compare)
                m_compare->exportDialog();
            else if (current == m_diff)
                m_diff->exportDialog();
            else if (current == m_planner)
                m_planner->exportDialog();
            else
                statusBar()->showMessage(
                    tr("Export works on the Simulation, Compare, Ranges Diff and Planner views"),
                    4000);
        });
    file->addAction(exportReport);
    // The packaged dashboard and rules, for teams that watch in Grafana.
    auto* monitoring = file->addMenu(tr("Export for &Monitoring"));
    monitoring->setToolTip(tr("The Grafana dashboard and Prometheus rules that ship with "
                              "oci-proxy: the Live view's questions on the team's wall"));
    monitoring->addAction(make(tr("&Grafana Dashboard…"), {}, {}, [this] {
        exportMonitoringDialog(MonitoringArtifact::GrafanaDashboard);
    }));
    monitoring->addAction(make(tr("&Prometheus Rules…"), {}, {}, [this] {
        exportMonitoringDialog(MonitoringArtifact::PrometheusRules);
    }));
    file->addSeparator();
    file->addAction(make(tr("&Quit"), {}, QKeySequence::Quit, [this] { close(); }));

    auto* edit = menuBar()->addMenu(tr("&Edit"));
    auto* undo = m_doc.undoStack()->createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    undo->setIcon(icon("undo"));
    auto* redo = m_doc.undoStack()->createRedoAction(this, tr("&Redo"));
    redo->setShortcut(QKeySequence::Redo);
    redo->setIcon(icon("redo"));
    edit->addAction(undo);
    edit->addAction(redo);
    edit->addSeparator();
    edit->addAction(make(tr("Routing &Settings…"), {}, QKeySequence::Preferences, [this] {
        show_single(m_settingsDialog, [this] { return new SettingsDialog(&m_doc, this); });
    }));

    auto* ranges = menuBar()->addMenu(tr("&Ranges"));
    auto* add = make(tr("&Add Range Files…"), "add", QKeySequence(Qt::CTRL | Qt::Key_I),
                     [this] { addRangesDialog(); });
    auto* remove = make(tr("Remo&ve Range File"), "remove", QKeySequence::Delete,
                        [this] { m_doc.removeSource(m_ranges->currentSource()); });
    // Delete acts on the view that has the focus.
    remove->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    auto* reload =
        make(tr("Re&load From Disk"), "reload", QKeySequence::Refresh, [this] { reloadRanges(); });
    auto* update = make(tr("&Update From the Internet…"), "download",
                        QKeySequence(Qt::CTRL | Qt::Key_U), [this] { updateFromInternet(); });
    update->setToolTip(tr("Download the official AWS and Google Cloud range lists"));
    for (auto* a : {add, remove, reload, update}) {
        ranges->addAction(a);
        m_ranges->toolBar()->addAction(a);
    }
    m_ranges->addAction(remove);

    auto* buckets = menuBar()->addMenu(tr("&Buckets"));
    auto* addBucket = make(tr("&Add Bucket"), "add", QKeySequence(Qt::CTRL | Qt::Key_B),
                           [this] { m_buckets->addBucket(); });
    auto* removeBucket = make(tr("&Remove Bucket"), "remove", QKeySequence::Delete,
                              [this] { m_buckets->removeSelectedBuckets(); });
    removeBucket->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    auto* import = make(tr("&Import…"), "open", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I),
                        [this] { importBucketsDialog(); });
    auto* exportAct = make(tr("&Export…"), "export", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E),
                           [this] { exportBucketsDialog(); });
    auto* reset = make(tr("Reset to &Production"), "reload", QKeySequence(),
                       [this] { m_doc.resetBucketsToProduction(); });
    for (auto* a : {addBucket, removeBucket, import, exportAct, reset}) {
        buckets->addAction(a);
        m_buckets->toolBar()->addAction(a);
    }
    m_buckets->addAction(removeBucket);
    m_buckets->toolBar()->addSeparator();
    m_buckets->toolBar()->addAction(undo);
    m_buckets->toolBar()->addAction(redo);

    auto* view = menuBar()->addMenu(tr("&View"));
    for (int i = 0; i < m_tabs->count(); ++i) {
        auto* a = make(m_tabs->tabText(i), {}, QKeySequence(Qt::CTRL | (Qt::Key_1 + i)),
                       [this, i] { m_tabs->setCurrentIndex(i); });
        view->addAction(a);
    }
    view->addAction(make(tr("&Filter"), {}, QKeySequence::Find, [this] {
        // The table that has the focus, else the view's first one.
        FilteredTable* table = nullptr;
        for (QWidget* w = QApplication::focusWidget(); w && !table; w = w->parentWidget())
            table = qobject_cast<FilteredTable*>(w);
        if (!table || !m_tabs->currentWidget()->isAncestorOf(table))
            table = m_tabs->currentWidget()->findChild<FilteredTable*>();
        if (table) {
            table->filterEdit()->setFocus();
            table->filterEdit()->selectAll();
        }
    }));

    auto* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(make(tr("&Keyboard Shortcuts"), {}, QKeySequence::HelpContents, [this] {
        show_single(m_shortcutsDialog, [this] { return new ShortcutsDialog(menuBar(), this); });
    }));
    help->addAction(make(tr("&About oci-proxy console"), "about", QKeySequence(), [this] {
        show_single(m_aboutDialog, [this] { return new AboutDialog(m_doc, this); });
    }));
    help->addAction(make(tr("About &Qt"), {}, QKeySequence(), [] { QApplication::aboutQt(); }));

    auto* main = addToolBar(tr("Main"));
    main->setObjectName("mainToolBar");
    main->addAction(saveAct);
    main->addAction(undo);
    main->addAction(redo);
    main->addSeparator();
    main->addAction(update);
}

void MainWindow::updateTitle() {
    setWindowTitle(m_doc.displayName() + "[*] — oci-proxy console");
    setWindowModified(m_doc.isModified());
}

void MainWindow::updateStatus() {
    const auto router = m_doc.router();
    if (!router) return;
    const auto& t = router->table();
    const QLocale loc;
    QStringList parts;
    for (std::uint32_t c = 0; c < t.clouds().size(); ++c)
        parts << tr("%1 %2 v4 · %3 v6")
                     .arg(QString::fromStdString(t.cloud_name(c)),
                          loc.toString(qulonglong(t.count(c, Family::V4))),
                          loc.toString(qulonglong(t.count(c, Family::V6))));
    m_tableStatus->setText(parts.isEmpty() ? tr("No ranges loaded") : parts.join("   "));
    // Every answer depends on it, and production's is not the default.
    const MatchMode mode = router->settings().match;
    m_matchStatus->setText(
        tr("Match: <b>%1</b>%2")
            .arg(QString::fromLatin1(match_mode_name(mode).data()),
                 mode == MatchMode::First ? tr(" (as production)") : tr(" (production: first)")));
    m_matchStatus->setToolTip(tr("The prefix match mode every answer here uses; registry.k8s.io's "
                                 "archeio matches the first listed prefix. Change it in Edit → "
                                 "Routing Settings."));
    m_timeStatus->setText(tr("loaded in %1 ms · table built in %2 ms")
                              .arg(QString::number(m_doc.lastLoadMs(), 'f', 0),
                                   QString::number(m_doc.lastBuildMs(), 'f', 1)));
}

void MainWindow::showError(const QString& title, const QString& text) {
    m_lastError = text;
    if (m_errorBox) m_errorBox->close();
    m_errorBox = new QMessageBox(QMessageBox::Warning, title, text, QMessageBox::Ok, this);
    m_errorBox->setAttribute(Qt::WA_DeleteOnClose);
    m_errorBox->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_errorBox->open();
}

QString MainWindow::sampleLookups() {
    // A bucket region, a prefix where the match modes disagree, Google, a
    // forwarded-for chain, an IPv6 peer, Azure and an address no cloud
    // publishes.
    return QStringLiteral("35.180.1.1\n99.77.161.18\n34.80.12.7\n35.180.1.1, 130.211.0.1\n"
                          "[2a05:d012::1]:443\n13.69.40.20\n203.0.113.9\n");
}

void MainWindow::fillDemoViews() {
    if (m_lookup->input()->toPlainText().isEmpty())
        m_lookup->input()->setPlainText(sampleLookups());
    // The what-if views filled too: the Simulation and the
    // Planner run the built-in planner traffic, and Compare shows the plan
    // as scenario B once it is made.
    const QString traffic = demoTrafficFile();
    if (!traffic.isEmpty()) {
        m_simulation->setTrafficFile(traffic);
        m_simulation->run();
    }
    // Ranges Diff: two built-in publications of the demo AWS ranges, a day
    // apart, with the demo traffic replayed under both.
    m_diff->setFiles("demo:aws-ip-ranges.json", "demo:aws-ip-ranges-next.json");
    m_diff->setTrafficFile(demoFile("live-traffic.csv"));
    m_diff->run();
    m_planner->setTrafficFile({});
    auto* once = new QObject(this);
    connect(m_planner, &PlannerView::finished, once, [this, once](bool ok) {
        once->deleteLater();
        if (!ok) return;
        if (auto buckets = m_planner->writePlanBuckets()) {
            m_compare->setTrafficFile(m_planner->plannedTraffic());
            m_compare->setBucketsFile(*buckets);
            m_compare->run();
        }
    });
    m_planner->run();
    // Live charts a local demo proxy fed with the demo traffic; it stops
    // when the console exits.
    if (m_live->demoProxy()->state() != DemoProxy::State::Running) m_live->startDemoProxy();
}

QCoro::Task<bool> MainWindow::openEmpty() {
    QPointer<MainWindow> self(this);
    if (!maybeSave()) co_return false;
    // No ranges, the production bucket map and settings: a start for real
    // files (Ctrl+I, or drop them on the window).
    // Named, not a temporary: GCC 12 destroys temporaries of a co_await
    // expression twice when it suspends.
    const Workspace empty;
    auto st = co_await m_doc.open(empty, QString());
    if (!self) co_return false;
    if (!st) {
        showError(tr("Cannot open an empty workspace"), error_text(st.error()));
        co_return false;
    }
    co_return true;
}

QCoro::Task<> MainWindow::newFromDemo() {
    QPointer<MainWindow> self(this);
    const bool opened = co_await openDemo();
    if (self && opened) fillDemoViews();
}

bool MainWindow::isComputing() const {
    return m_simulation->isRunning() || m_compare->isRunning() || m_planner->isRunning() ||
           m_diff->isRunning();
}

QString MainWindow::demoFile(const QString& name) {
    const QString path = m_demoFiles.filePath(name);
    if (!QFileInfo::exists(path) &&
        !write_file_atomic(path.toStdString(), demo::file(name.toStdString())))
        return {};
    return path;
}

QString MainWindow::demoTrafficFile() {
    return demoFile("planner-traffic.csv");
}

QCoro::Task<bool> MainWindow::openDemo() {
    QPointer<MainWindow> self(this);
    if (!maybeSave()) co_return false;
    // The demo's traffic is part of the demo workspace: the what-if views
    // run it without marking the workspace modified.
    Workspace demo = demo::workspace();
    demo.traffic_file = demoTrafficFile().toStdString();
    auto st = co_await m_doc.open(demo, QString());
    if (!self) co_return false;
    if (!st) {
        showError(tr("Cannot open the demo workspace"), error_text(st.error()));
        co_return false;
    }
    co_return true;
}

QCoro::Task<bool> MainWindow::openWorkspace(QString path) {
    QPointer<MainWindow> self(this);
    if (!maybeSave()) co_return false;
    auto st = co_await m_doc.openFile(path);
    if (!self) co_return false;
    if (!st) {
        showError(tr("Cannot open %1").arg(QFileInfo(path).fileName()), error_text(st.error()));
        co_return false;
    }
    rememberRecent(m_doc.filePath());
    co_return true;
}

QMessageBox* MainWindow::pendingQuestion() const {
    return qobject_cast<QMessageBox*>(m_question.data());
}

QCoro::Task<bool> MainWindow::addRangeFilesAsked(QStringList files) {
    QPointer<MainWindow> self(this);
    const auto& sources = m_doc.workspace().range_sources;
    const bool demo_only =
        !sources.empty() && std::all_of(sources.begin(), sources.end(),
                                        [](const std::string& s) { return is_builtin_source(s); });
    if (!demo_only) co_return co_await addRangeFiles(files);
    // Real files into the demo: most people want their files instead of the
    // demo's, some want both; the question is asked, not guessed.
    auto* box = new QMessageBox(
        QMessageBox::Question, tr("Replace the Demo Ranges?"),
        tr("The workspace holds only the built-in demo ranges. Replace them with the %n file(s) "
           "you chose, or add the file(s) alongside the demo ranges?",
           nullptr, int(files.size())),
        QMessageBox::NoButton, this);
    // Roles that close the box (an ActionRole button would leave it open).
    QAbstractButton* replace = box->addButton(tr("Replace Demo Ranges"), QMessageBox::YesRole);
    QAbstractButton* add = box->addButton(tr("Add Alongside"), QMessageBox::NoRole);
    box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(static_cast<QPushButton*>(replace));
    int choice = 0;
    connect(box, &QMessageBox::buttonClicked, box, [&choice, replace, add](QAbstractButton* b) {
        choice = b == replace ? 1 : b == add ? 2 : 0;
    });
    m_question = box;
    box->open();
    // Named, not a temporary: GCC 12 mishandles temporaries in co_await.
    // Deleted here, not on close: the resumption is delivered to the box.
    auto closed = qCoro(box, &QDialog::finished);
    co_await closed;
    box->deleteLater();
    if (!self || choice == 0) co_return false;
    co_return co_await addRangeFiles(files, choice == 1);
}

QCoro::Task<bool> MainWindow::addRangeFiles(QStringList files, bool replace) {
    QPointer<MainWindow> self(this);
    // Named, not a temporary: GCC 12 mishandles temporaries in co_await.
    auto change = replace ? m_doc.setSources(files) : m_doc.addSources(files);
    auto st = co_await change;
    if (!self) co_return false;
    if (!st) {
        showError(tr("Cannot add range files"), error_text(st.error()));
        co_return false;
    }
    co_return true;
}

QCoro::Task<bool> MainWindow::reloadRanges() {
    QPointer<MainWindow> self(this);
    auto st = co_await m_doc.reloadSources();
    if (!self) co_return false;
    if (!st) {
        showError(tr("Reload failed; the previous contents are kept"), error_text(st.error()));
        co_return false;
    }
    statusBar()->showMessage(tr("Range files reloaded"), 4000);
    co_return true;
}

QCoro::Task<bool> MainWindow::updateFromInternet() {
    QPointer<MainWindow> self(this);
    RangeDownload download(m_net);
    QProgressDialog progress(tr("Downloading range lists…"), tr("Cancel"), 0, 0, this);
    progress.setWindowModality(Qt::WindowModal);
    progress.setMinimumDuration(300);
    connect(&progress, &QProgressDialog::canceled, &download, &RangeDownload::cancel);
    connect(&download, &RangeDownload::progress, &progress, [&progress](qint64 got, qint64 total) {
        progress.setMaximum(total > 0 ? int(total / 1024) : 0);
        progress.setValue(int(got / 1024));
    });
    // Everything is fetched and checked before anything is written or
    // replaced: a failure leaves the workspace and the cache as they were.
    const auto feeds = official_feeds();
    std::vector<QByteArray> bodies;
    for (const auto& feed : feeds) {
        progress.setLabelText(
            tr("Downloading %1 ranges from %2…").arg(feed.label, feed.url.host()));
        auto body = co_await download.fetch(feed);
        if (!self) co_return false;
        if (!body) {
            progress.reset();
            showError(tr("Update from the internet failed"),
                      tr("%1 ranges: %2\n\nThe loaded ranges are unchanged.")
                          .arg(feed.label, error_text(body.error())));
            co_return false;
        }
        bodies.push_back(std::move(body).value());
    }
    progress.reset();
    std::vector<WorkspaceDocument::Replacement> replacements;
    QStringList labels;
    for (qsizetype i = 0; i < feeds.size(); ++i) {
        auto path = store_in_cache(feeds[i], bodies[std::size_t(i)]);
        if (!path) {
            showError(tr("Update from the internet failed"), error_text(path.error()));
            co_return false;
        }
        replacements.emplace_back(feeds[i].format, *path);
        labels << feeds[i].label;
    }
    auto st = co_await m_doc.replaceSources(std::move(replacements));
    if (!self) co_return false;
    if (!st) {
        showError(tr("Update from the internet failed"), error_text(st.error()));
        co_return false;
    }
    statusBar()->showMessage(
        tr("Updated %1 ranges (cached in %2)")
            .arg(labels.join(tr(" and ")), QDir::toNativeSeparators(range_cache_dir())),
        8000);
    co_return true;
}

bool MainWindow::saveWorkspace(const QString& path) {
    if (auto st = m_doc.saveAs(path); !st) {
        showError(tr("Cannot save the workspace"), error_text(st.error()));
        return false;
    }
    rememberRecent(m_doc.filePath());
    statusBar()->showMessage(tr("Saved %1").arg(QDir::toNativeSeparators(m_doc.filePath())), 4000);
    return true;
}

bool MainWindow::save() {
    if (m_doc.filePath().isEmpty()) return saveAsDialog();
    return saveWorkspace(m_doc.filePath());
}

bool MainWindow::saveAsDialog() {
    const QString path = QFileDialog::getSaveFileName(this, tr("Save Workspace"), m_doc.filePath(),
                                                      tr(kWorkspaceFilter));
    return !path.isEmpty() && saveWorkspace(path);
}

void MainWindow::openDialog() {
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Workspace"), m_doc.filePath(),
                                                      tr(kWorkspaceFilter));
    if (!path.isEmpty()) openWorkspace(path);
}

void MainWindow::addRangesDialog() {
    const QStringList files =
        QFileDialog::getOpenFileNames(this, tr("Add Range Files"), {}, tr(kRangeFilter));
    if (!files.isEmpty()) addRangeFilesAsked(files);
}

void MainWindow::importBucketsDialog() {
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Import Bucket Map"), {}, tr("Bucket maps (*.json)"));
    if (path.isEmpty()) return;
    if (auto st = m_doc.importBuckets(path); !st)
        showError(tr("Cannot import the bucket map"), error_text(st.error()));
}

void MainWindow::exportBucketsDialog() {
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Bucket Map"), "buckets.json",
                                                      tr("Bucket maps (*.json)"));
    if (path.isEmpty()) return;
    if (auto st = m_doc.exportBuckets(path); !st)
        showError(tr("Cannot export the bucket map"), error_text(st.error()));
}

void MainWindow::exportMonitoringDialog(MonitoringArtifact artifact) {
    const QString path = QFileDialog::getSaveFileName(this, tr("Export for Monitoring"),
                                                      monitoring_file_name(artifact),
                                                      monitoring_file_filter(artifact));
    if (path.isEmpty()) return;
    if (const QString error = export_monitoring(artifact, path); !error.isEmpty()) {
        showError(tr("Cannot export %1").arg(monitoring_file_name(artifact)), error);
        return;
    }
    statusBar()->showMessage(
        tr("Wrote %1: %2").arg(QDir::toNativeSeparators(path), monitoring_next_step(artifact)),
        10000);
}

void MainWindow::rememberRecent(const QString& path) {
    if (path.isEmpty()) return;
    QSettings s;
    QStringList recent = s.value("recentFiles").toStringList();
    recent.removeAll(path);
    recent.prepend(path);
    while (recent.size() > kMaxRecent)
        recent.removeLast();
    s.setValue("recentFiles", recent);
    s.setValue("lastWorkspace", path);
    rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu() {
    m_recentMenu->clear();
    const QStringList recent = QSettings().value("recentFiles").toStringList();
    for (int i = 0; i < recent.size(); ++i) {
        const QString path = recent[i];
        auto* a = m_recentMenu->addAction(
            QStringLiteral("&%1 %2").arg(i + 1).arg(QDir::toNativeSeparators(path)));
        connect(a, &QAction::triggered, this, [this, path] { openWorkspace(path); });
    }
    m_recentMenu->setEnabled(!recent.isEmpty());
}

bool MainWindow::maybeSave() {
    if (!m_doc.isModified()) return true;
    const auto answer = QMessageBox::warning(
        this, tr("Unsaved changes"),
        tr("%1 has unsaved changes. Save them first?").arg(m_doc.displayName()),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel);
    if (answer == QMessageBox::Save) return save();
    return answer == QMessageBox::Discard;
}

void MainWindow::closeEvent(QCloseEvent* e) {
    if (!maybeSave()) {
        e->ignore();
        return;
    }
    QSettings s;
    s.setValue("window/geometry", saveGeometry());
    s.setValue("window/state", saveState());
    s.setValue("window/tab", m_tabs->currentIndex());
    e->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* e) {
    if (!e->mimeData()->hasUrls()) return;
    for (const auto& url : e->mimeData()->urls())
        if (!url.isLocalFile()) return;
    e->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* e) {
    QStringList files;
    for (const auto& url : e->mimeData()->urls())
        files << url.toLocalFile();
    e->acceptProposedAction();
    // A dropped workspace opens; a traffic file is simulated; range files
    // join the current workspace.
    if (files.size() == 1) {
        const std::string path = files.front().toStdString();
        if (load_workspace_file(path)) {
            openWorkspace(files.front());
            return;
        }
        if (is_traffic_file(path)) {
            m_tabs->setCurrentWidget(m_simulation);
            m_simulation->setTrafficFile(files.front());
            m_simulation->run();
            return;
        }
    }
    addRangeFilesAsked(files);
}

Status MainWindow::saveScreenshots(const QString& dir) {
    if (!QDir().mkpath(dir)) return Error{"cannot create the folder", dir.toStdString()};
    const int was = m_tabs->currentIndex();
    static const char* names[] = {"ranges",     "buckets", "lookup",      "live",
                                  "simulation", "compare", "ranges-diff", "planner"};
    for (int i = 0; i < m_tabs->count(); ++i) {
        m_tabs->setCurrentIndex(i);
        QApplication::processEvents();
        if (m_tabs->currentWidget() == m_live) {
            m_live->redrawNow(); // at its final size; the charts lay out on the next pass
            QApplication::processEvents();
        }
        const QString path = dir + "/" + names[i] + ".png";
        if (!grab().save(path)) return Error{"cannot write the image", path.toStdString()};
    }
    m_tabs->setCurrentIndex(was);
    return {};
}

} // namespace ociproxy::ui
