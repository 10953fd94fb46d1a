// The Planner view offscreen: the demo's plan as the tables and the map show
// it, an assumptions edit re-ranking at once (one undo step), "Try as
// Scenario B" running Compare with the plan's map, a bad traffic file
// clearing the plan, and the Simulation view's map.

#include "core/report/plan_report.h"
#include "resources/demo_data.h"
#include "resources/planner_data.h"
#include "tests/ui/ui_test_support.h"
#include "ui/main_window.h"
#include "ui/models/alias_table_model.h"
#include "ui/models/candidate_table_model.h"
#include "ui/models/model_roles.h"
#include "ui/plan/world_map_widget.h"
#include "ui/views/compare_view.h"
#include "ui/views/filtered_table.h"
#include "ui/views/planner_view.h"
#include "ui/views/simulation_view.h"

#include <QAbstractItemModelTester>
#include <QDoubleSpinBox>
#include <QImage>
#include <QLabel>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>

using namespace ociproxy;
using namespace ociproxy::ui;

namespace {

QString region_at(const CandidateTableModel* m, int row) {
    return m->index(row, CandidateTableModel::Region).data().toString();
}

} // namespace

class TestPlannerView : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { test::isolate_console_settings(); }
    void demoShowsAPlan();
    void assumptionsEditReplansAndUndoes();
    void pricesAndCatalogueInPlace();
    void tryAsScenarioBRunsCompare();
    void badTrafficClearsThePlan();
    void simulationViewMap();
};

void TestPlannerView::demoShowsAPlan() {
    MainWindow w;
    QVERIFY(QCoro::waitFor(w.openDemo()));
    PlannerView* v = w.plannerView();
    v->run(); // the built-in planner traffic
    QTRY_VERIFY_WITH_TIMEOUT(v->plan().has_value(), 30000);
    QAbstractItemModelTester t1(v->candidates(),
                                QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester t2(v->aliases(),
                                QAbstractItemModelTester::FailureReportingMode::QtTest);

    // The built-in planner traffic: 40 000 blob GETs of 32 MiB from
    // us-gov-west-1, which has no bucket.
    const auto* c = v->candidates();
    QCOMPARE(region_at(c, 0), QString("us-gov-west-1"));
    QVERIFY(c->index(0, 0).data(AttentionRole).toBool());
    QVERIFY(!c->index(1, 0).data(AttentionRole).toBool());
    QCOMPARE(c->index(0, CandidateTableModel::GiBMonth).data().toString(), QString("1250.00"));
    QCOMPARE(c->index(0, CandidateTableModel::Net).data().toString(), QString("$64.61"));
    QCOMPARE(c->index(0, CandidateTableModel::BreakEven).data().toString(), QString("489.9"));
    QCOMPARE(c->rowCount(), int(v->plan()->candidates.size()));
    const auto* a = v->aliases();
    QCOMPARE(a->rowCount(), 1);
    QCOMPARE(a->index(0, AliasTableModel::Nearest).data().toString(), QString("us-west-2"));
    QCOMPARE(a->index(0, AliasTableModel::NearestKm).data().toString(), QString("0"));
    QVERIFY2(v->summary()->text().contains("Best next bucket: us-gov-west-1"),
             qPrintable(v->summary()->text()));
    QVERIFY(v->summary()->text().contains("GLOBAL, me-west-1"));
    QVERIFY(v->assumptions()->text().contains("1.00 TiB"));
    QVERIFY(v->assumptions()->text().contains("built-in demo traffic"));
    // The highlight says what it means.
    QStringList legends;
    for (auto* t : v->findChildren<FilteredTable*>())
        if (!t->legend()->isHidden()) legends << t->legend()->text();
    QVERIFY2(legends.join("\n").contains("the plan's choice"), qPrintable(legends.join("\n")));

    // The map: every catalogue region, the chosen one ringed, one line for
    // me-south-1's traffic to the me-central-1 bucket it is aliased to.
    QCOMPARE(v->map()->markerCount(), int(builtin::region_catalogue().regions().size()));
    QCOMPARE(v->map()->highlighted(), QString("us-gov-west-1"));
    QCOMPARE(v->map()->flowCount(), 1);
    QCOMPARE(v->map()->flows().front().from, QString("me-south-1"));
    QCOMPARE(v->map()->flows().front().to, QString("me-central-1"));
    // Drawn: bucket markers in blue and the bucketless region in vermillion.
    w.tabs()->setCurrentWidget(v);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    const QImage img = v->map()->grab().toImage().convertToFormat(QImage::Format_RGB32);
    int blue = 0, vermillion = 0;
    for (int y = 0; y < img.height(); ++y)
        for (int x = 0; x < img.width(); ++x) {
            const QRgb p = img.pixel(x, y);
            blue += p == qRgb(0, 114, 178);
            vermillion += p == qRgb(213, 94, 0);
        }
    QVERIFY2(blue > 100, qPrintable(QString::number(blue)));
    QVERIFY2(vermillion > 10, qPrintable(QString::number(vermillion)));
}

void TestPlannerView::assumptionsEditReplansAndUndoes() {
    MainWindow w;
    QVERIFY(QCoro::waitFor(w.openDemo()));
    PlannerView* v = w.plannerView();
    v->run(); // the built-in planner traffic
    QTRY_VERIFY_WITH_TIMEOUT(v->plan().has_value() && !v->isRunning(), 30000);
    QCOMPARE(v->plan()->chosen()->region, std::string("us-gov-west-1"));
    QSignalSpy runs(v, &PlannerView::finished);

    // A 100 TiB store costs more to keep than any region saves.
    v->storeGiB()->setValue(102400);
    QCOMPARE(w.document()->workspace().planner.store_bytes, 100ull << 40);
    QVERIFY(!v->plan()->chosen());
    QVERIFY2(v->summary()->text().contains("No new bucket pays for itself"),
             qPrintable(v->summary()->text()));
    QVERIFY(v->assumptions()->text().contains("100.00 TiB (given)"));
    QCOMPARE(v->candidates()->index(0, CandidateTableModel::Storage).data(SortRole).toDouble() >
                 1000,
             true);
    // A longer horizon spreads the copy thinner.
    const auto copy_of = [v](const std::string& region) {
        for (const auto& c : v->plan()->candidates)
            if (c.region == region) return c.replication_month;
        return -1.0;
    };
    const double copy = copy_of("us-gov-west-1");
    QVERIFY(copy > 0);
    v->horizonMonths()->setValue(24);
    QVERIFY(std::abs(copy_of("us-gov-west-1") - copy / 2) < 1e-6);
    // Half the days: twice the traffic per month.
    v->trafficDays()->setValue(15);
    double gov = 0;
    for (const auto& c : v->plan()->candidates)
        if (c.region == "us-gov-west-1") gov = c.gib_month;
    QCOMPARE(gov, 2500.0);
    QCOMPARE(runs.count(), 0); // re-planned from the same simulation

    QCOMPARE(w.document()->undoStack()->undoText(), QString("Change traffic days"));
    w.document()->undoStack()->undo();
    w.document()->undoStack()->undo();
    w.document()->undoStack()->undo();
    QCOMPARE(w.document()->workspace().planner.store_bytes, 0ull);
    QCOMPARE(v->storeGiB()->value(), 0.0);
    QCOMPARE(v->plan()->chosen()->region, std::string("us-gov-west-1"));
}

void TestPlannerView::pricesAndCatalogueInPlace() {
    QTemporaryDir dir;
    MainWindow w;
    QVERIFY(QCoro::waitFor(w.openDemo()));
    PlannerView* v = w.plannerView();
    v->run(); // the built-in planner traffic
    QTRY_VERIFY_WITH_TIMEOUT(v->plan().has_value() && !v->isRunning(), 30000);
    QSignalSpy runs(v, &PlannerView::finished);
    QCOMPARE(v->defaultPrice()->value(), 0.085);

    // A cheap default: no bucket and no alias beats it any more.
    v->defaultPrice()->setValue(0.01);
    QCOMPARE(w.document()->workspace().prices.cloudfront_internet, 0.01);
    QCOMPARE(w.document()->undoStack()->undoText(), QString("Change prices"));
    QVERIFY(!v->plan()->chosen());
    QCOMPARE(v->aliases()->index(0, AliasTableModel::Recommended).data().toString(),
             QString("keep default"));
    QVERIFY(v->assumptions()->text().contains("$0.01/GiB"));
    QCOMPARE(runs.count(), 0); // prices re-plan; they do not re-simulate
    w.document()->undoStack()->undo();
    QCOMPARE(v->plan()->chosen()->region, std::string("us-gov-west-1"));

    // A catalogue of one's own: a bad one is refused naming the field, and
    // the workspace keeps the built-in one.
    const QString bad = test::write_test_file(
        dir, "bad.json",
        R"({"oci_proxy_region_catalogue": 1, "regions": [{"region": "x", "lat": 0, "lon": 500, "storage_gib_month": 1}]})");
    const Status st = v->setCatalogueFile(bad);
    QVERIFY(!st);
    QVERIFY2(QString::fromStdString(st.error().what()).contains("regions[0].lon"),
             st.error().what().c_str());
    QVERIFY(w.document()->workspace().planner.catalogue.empty());
    // One where only us-west-2 and us-gov-west-1 exist, the latter storing
    // for free: the plan follows it, and every other region is "not in the
    // catalogue".
    const QString mine =
        test::write_test_file(dir, "mine.json",
                              R"({"oci_proxy_region_catalogue": 1, "as_of": "test", "regions": [
             {"region": "us-west-2", "lat": 45.84, "lon": -119.7, "storage_gib_month": 0.023, "transfer_inter_region": 0.02},
             {"region": "us-gov-west-1", "lat": 45.84, "lon": -119.7, "storage_gib_month": 0}]})");
    QVERIFY(v->setCatalogueFile(mine));
    QCOMPARE(v->plan()->candidates.size(), std::size_t(1));
    QVERIFY(std::abs(v->plan()->candidates.front().storage_month) < 1e-12);
    QVERIFY(v->assumptions()->text().contains("mine.json"));
    QCOMPARE(v->map()->markerCount(), 2);
    QCOMPARE(runs.count(), 0);
}

void TestPlannerView::tryAsScenarioBRunsCompare() {
    MainWindow w;
    QVERIFY(QCoro::waitFor(w.openDemo()));
    PlannerView* v = w.plannerView();
    v->run(); // the built-in planner traffic
    QTRY_VERIFY_WITH_TIMEOUT(v->plan().has_value() && !v->isRunning(), 30000);
    QSignalSpy compared(w.compareView(), &CompareView::finished);
    QVERIFY(v->tryAsScenarioB());
    QCOMPARE(w.tabs()->currentWidget(), w.compareView());
    QVERIFY(compared.wait(30000));
    QVERIFY2(compared.front().front().toBool(), qPrintable(w.compareView()->lastError()));
    // us-gov-west-1's 40 000 requests move from the default to the new bucket.
    std::uint64_t moved = 0;
    for (const auto& m : w.compareView()->result()->moves)
        if (m.from == "default" && m.to == "us-gov-west-1") moved += m.requests;
    QCOMPARE(moved, 40000ull);
    QVERIFY(w.compareView()->result()->b.usd < w.compareView()->result()->a.usd);
}

void TestPlannerView::badTrafficClearsThePlan() {
    QTemporaryDir dir;
    MainWindow w;
    QVERIFY(QCoro::waitFor(w.openDemo()));
    PlannerView* v = w.plannerView();
    v->run(); // the built-in planner traffic
    QTRY_VERIFY_WITH_TIMEOUT(v->plan().has_value() && !v->isRunning(), 30000);
    const QString missing = dir.filePath("missing.csv");
    v->setTrafficFile(missing);
    QSignalSpy done(v, &PlannerView::finished);
    v->run();
    QVERIFY(done.wait(30000));
    QCOMPARE(done.front().front().toBool(), false);
    QVERIFY(!v->plan());
    QCOMPARE(v->candidates()->rowCount(), 0);
    QCOMPARE(v->map()->markerCount(), 0);
    QVERIFY2(v->summary()->text().contains("Not planned") &&
                 v->summary()->text().contains("missing.csv"),
             qPrintable(v->summary()->text()));
    QVERIFY(!v->exportReport(dir.filePath("p.md")));

    // A real file plans again, and the export carries it.
    v->setTrafficFile(test::write_test_file(dir, "t.csv", "ip,count\n3.2.48.5,100000\n"));
    done.clear();
    v->run();
    QVERIFY(done.wait(30000));
    QVERIFY(v->plan());
    QCOMPARE(v->plan()->chosen()->region, std::string("me-south-1"));
    QVERIFY(v->exportReport(dir.filePath("p.json")));
    QFile f(dir.filePath("p.json"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    QVERIFY(f.readAll().contains("\"chosen\": \"me-south-1\""));
}

void TestPlannerView::simulationViewMap() {
    QTemporaryDir dir;
    MainWindow w;
    QVERIFY(QCoro::waitFor(w.openDemo()));
    SimulationView* s = w.simulationView();
    QVERIFY(s->map()->markerCount() == 0);
    s->setTrafficFile(
        test::write_test_file(dir, "t.csv",
                              QByteArray(demo::file("planner-traffic.csv").data(),
                                         qsizetype(demo::file("planner-traffic.csv").size()))));
    QSignalSpy done(s, &SimulationView::finished);
    s->run();
    QVERIFY(done.wait(30000));
    QCOMPARE(s->map()->markerCount(), int(builtin::region_catalogue().regions().size()));
    QCOMPARE(s->map()->flowCount(), 1); // me-south-1 → me-central-1
    QCOMPARE(s->map()->highlighted(), QString());
}

QTEST_MAIN(TestPlannerView)
#include "tst_planner_view.moc"
