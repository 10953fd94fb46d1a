// Drives the real console window offscreen through what an operator does:
// open the demo, add real AWS ranges, look addresses up, edit a bucket
// wrongly and undo it, load a corrupt file, save and reopen.

#include "resources/demo_data.h"
#include "tests/test_support.h"
#include "tests/ui/ui_test_support.h"
#include "tests/ui/update/feed_server.h"
#include "ui/live/live_source_model.h"
#include "ui/live/live_view.h"
#include "ui/main_window.h"
#include "ui/models/aggregate_table_model.h"
#include "ui/models/alias_table_model.h"
#include "ui/models/bucket_table_model.h"
#include "ui/models/candidate_table_model.h"
#include "ui/models/lookup_table_model.h"
#include "ui/models/model_roles.h"
#include "ui/models/movement_table_model.h"
#include "ui/models/range_change_model.h"
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

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QCoroTask>
#include <QHelpEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QToolTip>

using namespace ociproxy;
using namespace ociproxy::ui;
using ociproxy::test::qs;

namespace {

const QString kEuWest3 =
    "https://prod-registry-k8s-io-eu-west-3.s3.dualstack.eu-west-3.amazonaws.com";

int row_of(const QAbstractItemModel* m, int column, const QString& value) {
    for (int r = 0; r < m->rowCount(); ++r)
        if (m->index(r, column).data().toString() == value) return r;
    return -1;
}

} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { test::isolate_console_settings(); }
    void operatorSession();
    void dropAddsRangeFiles();
    void corruptWorkspaceLeavesTheOpenOne();
    void updateFromTheInternet();
    void deleteKeyActsOnTheFocusedView();
    void settingsDialogValidates();
    void dialogsDoNotPileUp_data();
    void dialogsDoNotPileUp();
    void keysFilterAndHelp();
    void demoFillsTheWhatIfViews();
};

void TestMainWindow::operatorSession() {
    REQUIRE_SHARED_DATA();
    QTemporaryDir dir;
    MainWindow w;
    w.show();
    QApplication::setActiveWindow(&w);
    QVERIFY(QTest::qWaitForWindowActive(&w));
    QVERIFY(QCoro::waitFor(w.openDemo()));
    WorkspaceDocument* doc = w.document();
    QCOMPARE(doc->workspace().range_sources.size(), std::size_t(4));
    QVERIFY(!doc->isModified());

    // Add the real AWS snapshot.
    const QString aws = qs(test::shared_file("aws-ip-ranges-2026-07-29.json"));
    QVERIFY(QCoro::waitFor(w.addRangeFiles({aws})));
    QCOMPARE(doc->workspace().range_sources.size(), std::size_t(5));
    QVERIFY(doc->isModified());
    const auto* sources = w.rangesView()->sources()->proxy();
    QCOMPARE(sources->rowCount(), 5);
    QCOMPARE(sources->index(4, 0).data().toString(), QString("aws-ip-ranges-2026-07-29.json"));
    QCOMPARE(sources->index(4, 7).data(Qt::ToolTipRole).toString().size(), 64); // SHA-256

    // Type an address into Lookup and read the answer back from the model.
    w.tabs()->setCurrentWidget(w.lookupView());
    QTest::keyClicks(w.lookupView()->input(), "35.180.1.1");
    QVERIFY(test::wait_for_lookup(w.lookupView()));
    const auto* results = w.lookupView()->model();
    QCOMPARE(results->rowCount(), 1);
    QCOMPARE(results->index(0, LookupTableModel::Region).data().toString(), QString("eu-west-3"));
    QCOMPARE(results->index(0, LookupTableModel::Bucket).data().toString(), QString("eu-west-3"));
    QVERIFY(results->index(0, LookupTableModel::Location).data().toString().startsWith(kEuWest3));
    QVERIFY(!results->index(0, 0).data(AttentionRole).toBool());

    // An address where the match modes disagree is marked, and explained.
    QTest::keyClick(w.lookupView()->input(), Qt::Key_Return);
    QTest::keyClicks(w.lookupView()->input(), "99.77.161.18");
    QVERIFY(test::wait_for_lookup(w.lookupView()));
    QCOMPARE(results->rowCount(), 2);
    QVERIFY(results->index(1, 0).data(AttentionRole).toBool());
    QCOMPARE(results->index(1, LookupTableModel::Modes).data().toString(), QString("differ"));
    QCOMPARE(results->index(1, LookupTableModel::Region).data().toString(),
             QString("ap-southeast-1"));
    w.lookupView()->selectFirstAttention();
    const QString explain = w.lookupView()->explain()->toPlainText();
    QVERIFY2(explain.contains("99.77.128.0/18") && explain.contains("GLOBAL") &&
                 explain.contains("aws-ip-ranges-2026-07-29.json"),
             qPrintable(explain));

    // Edit the eu-west-3 bucket URL to an invalid one through the table's editor.
    w.tabs()->setCurrentWidget(w.bucketsView());
    auto* table = w.bucketsView()->buckets();
    auto* model = w.bucketsView()->model();
    const int row = row_of(model, BucketTableModel::Name, "eu-west-3");
    QVERIFY(row >= 0);
    const QModelIndex cell =
        table->proxy()->mapFromSource(model->index(row, BucketTableModel::Url));
    table->view()->setCurrentIndex(cell);
    table->view()->edit(cell);
    auto* editor = table->view()->viewport()->findChild<QLineEdit*>();
    QVERIFY(editor);
    editor->setText("https://prod-registry-k8s-io-eu-west-3.s3.amazonaws.com1");
    QTest::keyClick(editor, Qt::Key_Return); // the delegate commits on the next event loop pass
    QTRY_VERIFY(w.bucketsView()->validation()->isVisibleTo(&w));
    QVERIFY2(w.bucketsView()->validation()->text().contains("(eu-west-3).url"),
             qPrintable(w.bucketsView()->validation()->text()));
    QVERIFY(model->index(row, BucketTableModel::Url).data(AttentionRole).toBool());
    QVERIFY(doc->bucketError().has_value());
    // Routing keeps the last valid map meanwhile.
    QVERIFY(test::wait_for_lookup(w.lookupView()));
    QVERIFY(results->index(0, LookupTableModel::Location).data().toString().startsWith(kEuWest3));
    // And such a workspace is not saved.
    QVERIFY(!w.saveWorkspace(dir.filePath("refused.json")));
    QVERIFY(!QFile::exists(dir.filePath("refused.json")));

    doc->undoStack()->undo();
    QVERIFY(!w.bucketsView()->validation()->isVisibleTo(&w));
    QCOMPARE(model->index(row, BucketTableModel::Url).data().toString(), kEuWest3);
    QVERIFY(!doc->bucketError());

    // A corrupt range file: an error naming it, the workspace unchanged.
    const auto before = doc->workspace();
    const auto router = doc->router();
    const QString bad = test::write_test_file(dir, "truncated.json",
                                              R"({"syncToken": "1", "prefixes": [ {"ip_pre)");
    QVERIFY(!QCoro::waitFor(w.addRangeFiles({bad})));
    QVERIFY2(w.lastError().contains("truncated.json"), qPrintable(w.lastError()));
    QVERIFY(doc->workspace() == before);
    QCOMPARE(doc->router(), router);

    // Save, reopen in a fresh window, compare.
    const QString saved = dir.filePath("ops.json");
    QVERIFY(w.saveWorkspace(saved));
    QVERIFY(!doc->isModified());
    MainWindow again;
    QVERIFY(QCoro::waitFor(again.openWorkspace(saved)));
    QVERIFY(again.document()->workspace() == doc->workspace());
    QCOMPARE(again.document()->router()->table().size(), doc->router()->table().size());
    QCOMPARE(again.windowTitle(), QString("ops.json[*] — oci-proxy console"));
}

void TestMainWindow::dropAddsRangeFiles() {
    QTemporaryDir dir;
    MainWindow w;
    QVERIFY(QCoro::waitFor(w.openDemo()));
    const QString csv = test::write_test_file(dir, "extra.csv",
                                              "cidr,cloud,region\n198.51.100.0/24,Hetzner,fsn1\n");
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(csv)});
    QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&w, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&w, &drop);
    // Into the demo: asked whether the file replaces the demo ranges.
    const auto answer = [&w](const QString& button) {
        QTRY_VERIFY(w.pendingQuestion() && w.pendingQuestion()->isVisible());
        bool clicked = false;
        for (auto* b : w.pendingQuestion()->buttons())
            if (b->text().remove('&') == button) {
                b->click();
                clicked = true;
            }
        QVERIFY2(clicked, qPrintable(button));
    };
    answer("Add Alongside");
    QTRY_COMPARE(w.document()->workspace().range_sources.size(), std::size_t(5));
    QCOMPARE(w.document()->workspace().range_sources.back(), csv.toStdString());
    w.document()->undoStack()->undo();
    QCOMPARE(w.document()->workspace().range_sources.size(), std::size_t(4));
    const auto dropAgain = [&w, &mime] {
        QDragEnterEvent in(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&w, &in);
        QDropEvent d(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&w, &d);
    };
    QTRY_VERIFY(!w.pendingQuestion());
    dropAgain();
    answer("Cancel");
    QTRY_VERIFY(!w.pendingQuestion());
    QCOMPARE(w.document()->workspace().range_sources.size(), std::size_t(4));
    dropAgain();
    answer("Replace Demo Ranges");
    QTRY_COMPARE(w.document()->workspace().range_sources.size(), std::size_t(1));
    QCOMPARE(w.document()->workspace().range_sources.front(), csv.toStdString());
    QCOMPARE(w.document()->undoStack()->undoText(), QString("Replace the ranges with 1 file(s)"));
    // Once real files are in, nothing is asked.
    const QString more =
        test::write_test_file(dir, "more.csv", "cidr,cloud,region\n203.0.113.0/24,Hetzner,nbg1\n");
    mime.setUrls({QUrl::fromLocalFile(more)});
    QTRY_VERIFY(!w.pendingQuestion());
    dropAgain();
    QTRY_COMPARE(w.document()->workspace().range_sources.size(), std::size_t(2));
    QVERIFY(!w.pendingQuestion());
}

void TestMainWindow::corruptWorkspaceLeavesTheOpenOne() {
    QTemporaryDir dir;
    MainWindow w;
    QVERIFY(QCoro::waitFor(w.openDemo()));
    const auto before = w.document()->workspace();
    const QString ws = test::write_test_file(
        dir, "broken.json", R"({"oci_proxy_workspace": 1, "ranges": ["missing.json"]})");
    QVERIFY(!QCoro::waitFor(w.openWorkspace(ws)));
    QVERIFY2(w.lastError().contains("missing.json"), qPrintable(w.lastError()));
    QVERIFY(w.document()->workspace() == before);
    QVERIFY(w.document()->filePath().isEmpty());
}

void TestMainWindow::updateFromTheInternet() {
    test::FeedServer feeds;
    const auto bytes = [](const char* name) {
        const auto v = demo::file(name);
        return QByteArray(v.data(), qsizetype(v.size()));
    };
    QByteArray aws = bytes("aws-ip-ranges.json");
    aws.replace("\"eu-west-3\"", "\"eu-west-1\""); // a "newer" list, to see it used
    feeds.set("/ip-ranges.json", {200, aws, 0});
    feeds.set("/cloud.json", {200, bytes("gcp-cloud.json"), 0});
    QSettings().setValue("update/aws_url", feeds.url("/ip-ranges.json"));
    QSettings().setValue("update/gcp_url", feeds.url("/cloud.json"));

    MainWindow w;
    QVERIFY(QCoro::waitFor(w.openDemo()));
    QVERIFY(QCoro::waitFor(w.updateFromInternet()));
    const auto& list = w.document()->workspace().range_sources;
    QCOMPARE(list.size(), std::size_t(4));
    QVERIFY2(qs(list[0]).startsWith(range_cache_dir() + "/aws-ip-ranges-") &&
                 qs(list[0]).endsWith(".json"),
             list[0].c_str());
    QVERIFY2(qs(list[1]).startsWith(range_cache_dir() + "/gcp-cloud-"), list[1].c_str());
    const auto region_of_client = [&w] {
        const auto r = w.document()->router();
        const auto e = r->table().lookup(*IpAddress::parse("35.180.1.1"), MatchMode::Longest);
        return r->table().region_name(r->table().entry(e).region);
    };
    QCOMPARE(region_of_client(), std::string("eu-west-1"));
    const std::string first_aws = list[0];

    // A second, newer publication: its own cache file, and undo brings the
    // first one back (it used to overwrite the file, so undo did nothing).
    QByteArray newer = bytes("aws-ip-ranges.json");
    newer.replace("\"eu-west-3\"", "\"eu-west-2\"");
    feeds.set("/ip-ranges.json", {200, newer, 0});
    QVERIFY(QCoro::waitFor(w.updateFromInternet()));
    QVERIFY(w.document()->workspace().range_sources[0] != first_aws);
    QCOMPARE(region_of_client(), std::string("eu-west-2"));
    w.document()->undoStack()->undo();
    QTRY_COMPARE(w.document()->workspace().range_sources[0], first_aws);
    QTRY_COMPARE(region_of_client(), std::string("eu-west-1"));
    QVERIFY(QFileInfo::exists(qs(first_aws)));

    // Offline: a clear error, and what is loaded stays.
    feeds.set("/cloud.json", {503, "maintenance", 0});
    const auto before = w.document()->workspace();
    QVERIFY(!QCoro::waitFor(w.updateFromInternet()));
    QVERIFY2(w.lastError().contains("HTTP 503") && w.lastError().contains("unchanged"),
             qPrintable(w.lastError()));
    QVERIFY(w.document()->workspace() == before);
    QSettings().remove("update");
}

void TestMainWindow::deleteKeyActsOnTheFocusedView() {
    MainWindow w;
    w.show();
    QApplication::setActiveWindow(&w);
    QVERIFY(QTest::qWaitForWindowActive(&w));
    QVERIFY(QCoro::waitFor(w.openDemo()));
    w.tabs()->setCurrentWidget(w.bucketsView());
    auto* table = w.bucketsView()->buckets()->view();
    table->setFocus();
    table->selectRow(0);
    const auto before = w.document()->state().draft.size();
    QTest::keyClick(table, Qt::Key_Delete);
    QCOMPARE(w.document()->state().draft.size(), before - 1);
    QCOMPARE(w.document()->workspace().range_sources.size(), std::size_t(4)); // not a range file

    w.tabs()->setCurrentWidget(w.rangesView());
    auto* sources = w.rangesView()->sources()->view();
    sources->setFocus();
    sources->selectRow(3);
    QTest::keyClick(sources, Qt::Key_Delete);
    QCOMPARE(w.document()->workspace().range_sources.size(), std::size_t(3));
    QCOMPARE(w.document()->state().draft.size(), before - 1);
}

void TestMainWindow::dialogsDoNotPileUp_data() {
    QTest::addColumn<QString>("action");
    QTest::newRow("settings") << "Routing &Settings…";
    QTest::newRow("about") << "&About oci-proxy console";
    QTest::newRow("shortcuts") << "&Keyboard Shortcuts";
}

// Opening a dialog twice shows one; closing it frees it.
void TestMainWindow::dialogsDoNotPileUp() {
    QFETCH(QString, action);
    MainWindow w;
    QVERIFY(QCoro::waitFor(w.openDemo()));
    QAction* open = nullptr;
    for (auto* a : w.findChildren<QAction*>())
        if (a->text() == action) open = a;
    QVERIFY(open);
    const auto dialogs = [&w] {
        int n = 0;
        for (auto* d : w.findChildren<QDialog*>())
            n += d->inherits("ociproxy::ui::SettingsDialog") ||
                 d->inherits("ociproxy::ui::AboutDialog") ||
                 d->inherits("ociproxy::ui::ShortcutsDialog");
        return n;
    };
    open->trigger();
    open->trigger();
    open->trigger();
    QCOMPARE(dialogs(), 1);
    QDialog* shown = nullptr;
    for (auto* d : w.findChildren<QDialog*>())
        if (d->isVisible()) shown = d;
    QVERIFY(shown);
    shown->reject();
    QTRY_COMPARE(dialogs(), 0);
    open->trigger();
    QCOMPARE(dialogs(), 1);
}

void TestMainWindow::keysFilterAndHelp() {
    MainWindow w;
    w.show();
    QApplication::setActiveWindow(&w);
    QVERIFY(QTest::qWaitForWindowActive(&w));
    QVERIFY(QCoro::waitFor(w.openDemo()));
    w.tabs()->setCurrentWidget(w.rangesView());
    // Ctrl+F goes to the filter of the table that has the focus (the
    // second of three here), not to the view's first table.
    FilteredTable* regions = w.rangesView()->regions();
    regions->view()->setFocus();
    QTRY_VERIFY(regions->view()->hasFocus());
    QTest::keyClick(regions->view(), Qt::Key_F, Qt::ControlModifier);
    QTRY_VERIFY(regions->filterEdit()->hasFocus());
    QTest::keyClicks(regions->filterEdit(), "eu-west");
    const int filtered = regions->proxy()->rowCount();
    QVERIFY(filtered > 0 &&
            filtered < w.rangesView()->regions()->proxy()->sourceModel()->rowCount());
    // Esc clears it, in the box and from the table alike.
    QTest::keyClick(regions->filterEdit(), Qt::Key_Escape);
    QCOMPARE(regions->filterEdit()->text(), QString());
    QCOMPARE(regions->proxy()->rowCount(), regions->proxy()->sourceModel()->rowCount());
    regions->filterEdit()->setText("eu-west");
    regions->view()->setFocus();
    QTest::keyClick(regions->view(), Qt::Key_Escape);
    QCOMPARE(regions->filterEdit()->text(), QString());

    // The match mode in force, with production's named.
    QVERIFY2(w.matchStatus()->text().contains("<b>longest</b>") &&
                 w.matchStatus()->text().contains("production: first"),
             qPrintable(w.matchStatus()->text()));
    RoutingSettings first = w.document()->workspace().settings;
    first.match = MatchMode::First;
    QVERIFY(w.document()->setSettings(first));
    QCOMPARE(w.document()->undoStack()->undoText(), QString("Change match mode to first"));
    QVERIFY(w.matchStatus()->text().contains("as production"));
    // The Ranges view's highlight says what it means.
    QVERIFY(!w.rangesView()->regions()->legend()->isHidden());
    QVERIFY(w.rangesView()->regions()->legend()->text().contains("without a bucket"));

    // A URL too wide for its column: elided in the middle, whole in the tooltip.
    w.tabs()->setCurrentWidget(w.bucketsView());
    QTableView* buckets = w.bucketsView()->buckets()->view();
    QCOMPARE(buckets->textElideMode(), Qt::ElideMiddle);
    int urlColumn = -1;
    for (int c = 0; c < buckets->model()->columnCount(); ++c)
        if (buckets->model()->index(0, c).data().toString().startsWith("https://")) urlColumn = c;
    QVERIFY(urlColumn >= 0);
    buckets->setColumnWidth(urlColumn, 60);
    const QModelIndex cell = buckets->model()->index(0, urlColumn);
    const QString url = cell.data().toString();
    const QPoint at = buckets->visualRect(cell).center();
    QHelpEvent tip(QEvent::ToolTip, at, buckets->viewport()->mapToGlobal(at));
    QApplication::sendEvent(buckets->viewport(), &tip);
    QTRY_COMPARE(QToolTip::text(), url);
    QToolTip::hideText();

    // F1: the shortcuts, read from the menus.
    QTest::keyClick(&w, Qt::Key_F1);
    ShortcutsDialog* help = nullptr;
    QTRY_VERIFY((help = w.findChild<ShortcutsDialog*>()) != nullptr);
    QVERIFY2(help->text().contains("Ctrl+8") && help->text().contains("Planner"),
             qPrintable(help->text()));
    QVERIFY(help->text().contains("Esc"));
    QVERIFY(help->text().contains("Keyboard Shortcuts")); // F1 itself
}

void TestMainWindow::demoFillsTheWhatIfViews() {
    qputenv("OCI_PROXY_BIN", OCIPROXY_PROXY_BIN);
    MainWindow w;
    QVERIFY(QCoro::waitFor(w.openDemo()));
    w.fillDemoViews();
    QTRY_VERIFY_WITH_TIMEOUT(!w.isComputing() && w.compareView()->result().has_value(), 30000);
    // Every view's table has content after a demo start, and every table
    // model keeps Qt's model rules (QAbstractItemModelTester, which goes on
    // checking as the models change below).
    QTRY_VERIFY_WITH_TIMEOUT(!w.liveView()->sources().empty(), 20000);
    QTRY_VERIFY_WITH_TIMEOUT(w.rangesDiffView()->diff().has_value(), 20000);
    const std::vector<std::pair<const char*, QAbstractItemModel*>> models = {
        {"ranges: sources", w.rangesView()->sources()->proxy()->sourceModel()},
        {"ranges: regions", w.rangesView()->regions()->proxy()->sourceModel()},
        {"ranges: overlaps", w.rangesView()->overlaps()->proxy()->sourceModel()},
        {"buckets", w.bucketsView()->model()},
        {"lookup", w.lookupView()->model()},
        {"live sources", w.liveView()->sourcesTable()->proxy()->sourceModel()},
        {"simulation", w.simulationView()->model()},
        {"compare", w.compareView()->model()},
        {"ranges diff", w.rangesDiffView()->model()},
        {"planner candidates", w.plannerView()->candidates()},
        {"planner aliases", w.plannerView()->aliases()},
    };
    std::vector<std::unique_ptr<QAbstractItemModelTester>> testers;
    for (const auto& [name, model] : models) {
        QTRY_VERIFY2_WITH_TIMEOUT(model->rowCount() > 0, name, 20000);
        testers.push_back(std::make_unique<QAbstractItemModelTester>(
            model, QAbstractItemModelTester::FailureReportingMode::QtTest));
    }
    // The Simulation: the built-in planner traffic, 121 500 AWS blob GETs
    // and the other clouds' requests.
    QVERIFY(w.simulationView()->result().has_value());
    QVERIFY(w.simulationView()->result()->requests >= 121500);
    // The Planner's choice, and Compare showing it as scenario B: the
    // us-gov-west-1 clients' 40 000 requests move to their new bucket.
    QCOMPARE(w.plannerView()->plan()->chosen()->region, std::string("us-gov-west-1"));
    std::uint64_t moved = 0;
    for (const auto& m : w.compareView()->result()->moves)
        if (m.to == "us-gov-west-1") moved += m.requests;
    QCOMPARE(moved, 40000ull);
    // Lookup: one sample client per case, answered.
    QTRY_COMPARE(w.lookupView()->model()->rowCount(), 7);

    // A new empty workspace: nothing loaded, and the status says so (the
    // models reset under their testers).
    QVERIFY(QCoro::waitFor(w.openEmpty()));
    QVERIFY(w.document()->workspace().range_sources.empty());
    QCOMPARE(w.document()->router()->table().size(), std::size_t(0));
    QVERIFY(w.document()->workspace().buckets == BucketMap::production());
}

void TestMainWindow::settingsDialogValidates() {
    MainWindow w;
    QVERIFY(QCoro::waitFor(w.openDemo()));
    SettingsDialog dialog(w.document(), &w);
    auto* upstream = dialog.findChildren<QLineEdit*>().front();
    QCOMPARE(upstream->text(), QString("https://us-central1-docker.pkg.dev"));
    upstream->setText("us-central1-docker.pkg.dev");
    dialog.accept();
    QVERIFY(dialog.errorLabel()->isVisibleTo(&dialog));
    QVERIFY2(dialog.errorLabel()->text().contains("upstream"),
             qPrintable(dialog.errorLabel()->text()));
    QVERIFY(w.document()->workspace().settings == RoutingSettings{});
    QCOMPARE(dialog.result(), int(QDialog::Rejected));

    upstream->setText("https://mirror.example.com");
    auto* match = dialog.findChildren<QComboBox*>().front();
    match->setCurrentIndex(1);
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(w.document()->router()->settings().match, MatchMode::First);
    QCOMPARE(w.document()->router()->settings().upstream,
             std::string("https://mirror.example.com"));
    w.document()->undoStack()->undo();
    QVERIFY(w.document()->workspace().settings == RoutingSettings{});
}

QTEST_MAIN(TestMainWindow)
#include "tst_main_window.moc"
