// The Simulation view offscreen: a traffic file run on worker threads, the
// summary and table read back, explain, export of every report format and
// of a chart, a bad file keeping the previous result, cancel.

#include "tests/ui/ui_test_support.h"
#include "ui/main_window.h"
#include "ui/models/aggregate_table_model.h"
#include "ui/models/top_table_model.h"
#include "ui/views/drill_down_dialog.h"
#include "ui/views/filtered_table.h"
#include "ui/views/lookup_view.h"
#include "ui/views/simulation_view.h"

#include <QAbstractItemModelTester>
#include <QCryptographicHash>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTextBrowser>

using namespace ociproxy;
using namespace ociproxy::ui;

namespace {

bool run_and_wait(SimulationView* v, bool* ok = nullptr) {
    QSignalSpy spy(v, &SimulationView::finished);
    v->run();
    if (!spy.wait(30000)) return false;
    if (ok) *ok = spy.front().front().toBool();
    return true;
}

} // namespace

class TestSimulationView : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { test::isolate_console_settings(); }
    void runsExplainsAndExports();
    void badFileKeepsTheLastResult();
    void bytesPerRequestIsShownAndEditable();
    void dropOpensTraffic();
    void drillDownToClientsAndLookup();
    void provenanceIsTheRunsInputs();
};

void TestSimulationView::runsExplainsAndExports() {
    QTemporaryDir dir;
    MainWindow w;
    QVERIFY(QCoro::waitFor(w.openDemo()));
    SimulationView* v = w.simulationView();
    v->setTrafficFile(test::write_test_file(
        dir, "t.txt", "35.180.1.1 3\n99.77.161.18\nnot an ip\n34.80.12.7 2\n"));
    bool ok = false;
    QVERIFY(run_and_wait(v, &ok));
    QVERIFY2(ok, qPrintable(v->lastError()));
    QCOMPARE(v->result()->requests, 6ull);
    QVERIFY2(v->summary()->text().contains("1 unreadable line(s) skipped; line 3"),
             qPrintable(v->summary()->text()));
    const auto* m = v->model();
    int eu = -1;
    for (int r = 0; r < m->rowCount(); ++r)
        if (m->index(r, AggregateTableModel::Bucket).data().toString() == "eu-west-3") eu = r;
    QVERIFY(eu >= 0);
    QCOMPARE(m->index(eu, AggregateTableModel::Requests).data().toString(), QString("3"));
    v->table()->view()->setCurrentIndex(v->table()->proxy()->mapFromSource(m->index(eu, 0)));
    QVERIFY2(v->explain()->toPlainText().contains("35.180.0.0/16"),
             qPrintable(v->explain()->toPlainText()));

    for (const auto& [name, f] : {std::pair{"r.csv", ReportFormat::Csv},
                                  {"r.json", ReportFormat::Json},
                                  {"r.md", ReportFormat::Markdown},
                                  {"r.html", ReportFormat::Html},
                                  {"r.pdf", ReportFormat::Pdf}}) {
        QVERIFY(v->exportReport(dir.filePath(name), f));
        QVERIFY(QFileInfo(dir.filePath(name)).size() > 100);
    }
    QFile md(dir.filePath("r.md"));
    QVERIFY(md.open(QIODevice::ReadOnly));
    const QByteArray text = md.readAll();
    QVERIFY(text.contains("**6 requests**"));
    QVERIFY(text.contains("demo:aws-ip-ranges.json` sha256 `"));
    for (int c = 0; c < v->chartCount(); ++c) {
        QVERIFY(v->exportChart(c, dir.filePath(QString("c%1.png").arg(c))));
        QVERIFY(v->exportChart(c, dir.filePath(QString("c%1.svg").arg(c))));
        QFile svg(dir.filePath(QString("c%1.svg").arg(c)));
        QVERIFY(svg.open(QIODevice::ReadOnly) && svg.readAll().contains("<svg"));
    }
}

void TestSimulationView::badFileKeepsTheLastResult() {
    QTemporaryDir dir;
    MainWindow w;
    QVERIFY(QCoro::waitFor(w.openDemo()));
    SimulationView* v = w.simulationView();
    v->setTrafficFile(test::write_test_file(dir, "good.txt", "35.180.1.1 7\n"));
    QVERIFY(run_and_wait(v));
    QCOMPARE(v->result()->requests, 7ull);
    v->setTrafficFile(test::write_test_file(dir, "prose.txt", "hello world\n"));
    bool ok = true;
    QVERIFY(run_and_wait(v, &ok));
    QVERIFY(!ok);
    QVERIFY2(v->lastError().contains("prose.txt:1: not a traffic file"),
             qPrintable(v->lastError()));
    QCOMPARE(v->result()->requests, 7ull);
    QCOMPARE(v->model()->rowCount(), 1);
    // Kept, but greyed and labelled with where it came from.
    QVERIFY(v->isStale());
    QVERIFY(!v->table()->isEnabled());
    QVERIFY2(v->summary()->text().contains("earlier results of") &&
                 v->summary()->text().contains("good.txt"),
             qPrintable(v->summary()->text()));
    v->setTrafficFile(dir.filePath("good.txt"));
    QVERIFY(run_and_wait(v, &ok));
    QVERIFY(ok && !v->isStale() && v->table()->isEnabled());
}

void TestSimulationView::bytesPerRequestIsShownAndEditable() {
    QTemporaryDir dir;
    MainWindow w;
    QVERIFY(QCoro::waitFor(w.openDemo()));
    SimulationView* v = w.simulationView();
    QCOMPARE(v->defaultBytes()->value(), 32.0);
    v->setTrafficFile(test::write_test_file(dir, "t.txt", "35.180.1.1 4\n"));
    QVERIFY(run_and_wait(v));
    QCOMPARE(v->result()->bytes, 4ull * (32ull << 20));
    QVERIFY2(v->summary()->text().contains("Assuming 32 MiB per blob GET"),
             qPrintable(v->summary()->text()));
    // An edit is a workspace setting (undoable) and the next run uses it.
    v->defaultBytes()->setValue(1);
    QCOMPARE(w.document()->workspace().default_blob_bytes, 1ull << 20);
    QVERIFY(w.document()->undoStack()->undoText().contains("bytes per blob request"));
    QVERIFY(run_and_wait(v));
    QCOMPARE(v->result()->bytes, 4ull << 20);
    QVERIFY(v->summary()->text().contains("Assuming 1 MiB per blob GET"));
    // The report's provenance names the value the run used.
    QVERIFY(v->exportReport(dir.filePath("r.md"), ReportFormat::Markdown));
    QFile md(dir.filePath("r.md"));
    QVERIFY(md.open(QIODevice::ReadOnly));
    QVERIFY(md.readAll().contains("1048576"));
    w.document()->undoStack()->undo();
    QCOMPARE(v->defaultBytes()->value(), 32.0);
}

void TestSimulationView::dropOpensTraffic() {
    QTemporaryDir dir;
    MainWindow w;
    QVERIFY(QCoro::waitFor(w.openDemo()));
    const QString traffic = test::write_test_file(dir, "drop.csv", "ip,count\n35.180.1.1,5\n");
    QSignalSpy spy(w.simulationView(), &SimulationView::finished);
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(traffic)});
    QDragEnterEvent enter(QPoint(5, 5), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&w, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(5, 5), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&w, &drop);
    QVERIFY(spy.wait(30000));
    QCOMPARE(w.tabs()->currentWidget(), w.simulationView());
    QCOMPARE(w.simulationView()->result()->requests, 5ull);
    QCOMPARE(w.document()->workspace().range_sources.size(), std::size_t(4)); // not added as ranges
}

void TestSimulationView::drillDownToClientsAndLookup() {
    QTemporaryDir dir;
    MainWindow w;
    QVERIFY(QCoro::waitFor(w.openDemo()));
    SimulationView* v = w.simulationView();
    v->setTrafficFile(test::write_test_file(
        dir, "t.txt", "35.180.1.1 3\n35.180.9.9 5\n203.0.113.9 4\n198.51.100.1 1\n"));
    bool ok = false;
    QVERIFY(run_and_wait(v, &ok));
    QVERIFY2(ok, qPrintable(v->lastError()));
    int eu = -1;
    for (int r = 0; r < v->model()->rowCount(); ++r)
        if (v->model()->row(r).bucket == "eu-west-3") eu = r;
    QVERIFY(eu >= 0);
    DrillDownDialog* d = v->drillDown(DrillFilter::of(v->model()->row(eu)));
    QVERIFY(d);
    QTRY_VERIFY_WITH_TIMEOUT(d->result().has_value() || !d->lastError().isEmpty(), 20000);
    QVERIFY2(d->result(), qPrintable(d->lastError()));
    QAbstractItemModelTester tester(d->clientsModel(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(d->clientsModel()->rowCount(), 2);
    QCOMPARE(d->clientsModel()->index(0, TopTableModel::Key).data().toString(),
             QString("35.180.9.9"));
    QCOMPARE(d->clientsModel()->index(0, TopTableModel::Requests).data().toString(),
             QLocale().toString(5));
    QVERIFY(d->prefixModel()->rowCount() >= 1);
    QVERIFY2(d->summary()->text().contains("exact"), qPrintable(d->summary()->text()));
    // Exported as CSV.
    QVERIFY(d->exportClients(dir.filePath("c.csv")));
    QFile csv(dir.filePath("c.csv"));
    QVERIFY(csv.open(QIODevice::ReadOnly));
    QVERIFY(csv.readAll().startsWith("client,requests,bytes,overcount\n35.180.9.9,5,"));
    // A client opens in Lookup's explain.
    emit d->explainClient("35.180.9.9");
    LookupView* lookup = w.lookupView();
    QTRY_VERIFY_WITH_TIMEOUT(!lookup->isComputing(), 20000);
    QTRY_COMPARE(lookup->results()
                     ->proxy()
                     ->index(lookup->results()->view()->currentIndex().row(), 0)
                     .data()
                     .toString()
                     .trimmed(),
                 QString("35.180.9.9"));
    QVERIFY(lookup->explain()->toPlainText().contains("35.180.9.9"));

    // The unmatched clients of the same run.
    DrillDownDialog* u = v->drillDown(DrillFilter::unmatched());
    QTRY_VERIFY_WITH_TIMEOUT(u->result().has_value(), 20000);
    QCOMPARE(u->clientsModel()->rowCount(), 2);
    QCOMPARE(u->clientsModel()->index(0, TopTableModel::Key).data().toString(),
             QString("203.0.113.9"));
}

void TestSimulationView::provenanceIsTheRunsInputs() {
    QTemporaryDir dir;
    MainWindow w;
    QVERIFY(QCoro::waitFor(w.openDemo()));
    SimulationView* v = w.simulationView();
    const QByteArray ran = "35.180.1.1 3\n";
    const QString path = test::write_test_file(dir, "t.txt", ran);
    v->setTrafficFile(path);
    bool ok = false;
    QVERIFY(run_and_wait(v, &ok));
    QVERIFY2(ok, qPrintable(v->lastError()));
    // The file changes after the run: the report still names what was run.
    test::write_test_file(dir, "t.txt", "203.0.113.9 100\n");
    QVERIFY(v->exportReport(dir.filePath("r.md"), ReportFormat::Markdown));
    QFile md(dir.filePath("r.md"));
    QVERIFY(md.open(QIODevice::ReadOnly));
    const QByteArray text = md.readAll();
    const QByteArray sha = QCryptographicHash::hash(ran, QCryptographicHash::Sha256).toHex();
    QVERIFY2(text.contains(sha), text.constData());
    // The ranges' digests are the loaded ones.
    QVERIFY(text.contains("demo:aws-ip-ranges.json"));
    QVERIFY(!text.contains("unknown"));
}

QTEST_MAIN(TestSimulationView)
#include "tst_simulation_view.moc"
