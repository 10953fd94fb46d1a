// The Compare view offscreen: scenario B as the workspace with edits, run on
// worker threads, the movement matrix and the delta read back; a bad edit
// says why and keeps the last result.

#include "core/report/report_text.h"
#include "tests/ui/ui_test_support.h"
#include "ui/main_window.h"
#include "ui/models/model_roles.h"
#include "ui/models/movement_table_model.h"
#include "ui/views/compare_view.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QFileInfo>
#include <QHorizontalBarSeries>
#include <QLabel>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QValueAxis>

using namespace ociproxy;
using namespace ociproxy::ui;

namespace {

bool run_and_wait(CompareView* v, bool* ok) {
    QSignalSpy spy(v, &CompareView::finished);
    v->run();
    if (!spy.wait(30000)) return false;
    *ok = spy.front().front().toBool();
    return true;
}

} // namespace

class TestCompareView : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { test::isolate_console_settings(); }
    void matchModeAndBucketEdits();
    void scenariosAreSavedAndApplied();
};

void TestCompareView::matchModeAndBucketEdits() {
    QTemporaryDir dir;
    MainWindow w;
    QVERIFY(QCoro::waitFor(w.openDemo()));
    CompareView* v = w.compareView();
    v->setTrafficFile(test::write_test_file(dir, "t.txt", "35.180.1.1 3\n99.77.161.18 2\n"));
    v->setMatchMode(MatchMode::First);
    bool ok = false;
    QVERIFY(run_and_wait(v, &ok));
    QVERIFY2(ok, qPrintable(v->lastError()));
    // Under first match 99.77.161.18 is AWS GLOBAL: off its bucket to the default URL.
    QVERIFY2(v->summary()->text().contains("<b>2</b> route differently"),
             qPrintable(v->summary()->text()));
    const auto* m = v->model();
    int moved = 0;
    for (int r = 0; r < m->rowCount(); ++r) {
        if (!m->index(r, 0).data(AttentionRole).toBool()) continue;
        QCOMPARE(m->index(r, MovementTableModel::From).data().toString(),
                 QString("s3/ap-southeast-1"));
        QCOMPARE(m->index(r, MovementTableModel::To).data().toString(), QString("default"));
        ++moved;
    }
    QCOMPARE(moved, 1);
    QVERIFY(v->result()->b.usd > v->result()->a.usd);

    // The chart: only the destinations whose cost changes (ap-southeast-1
    // loses, the default gains; eu-west-3 is unchanged and absent), as
    // horizontal bars with a dollar axis at round ticks.
    QChart* chart = v->chart()->chart();
    const auto series = chart->series();
    QCOMPARE(series.size(), 1);
    auto* bars = qobject_cast<QHorizontalBarSeries*>(series.front());
    QVERIFY(bars);
    QCOMPARE(bars->barSets().size(), 2);
    QCOMPARE(bars->barSets()[0]->color(), QColor(0, 114, 178));
    QCOMPARE(bars->barSets()[1]->color(), QColor(230, 159, 0));
    QStringList categories;
    QValueAxis* money = nullptr;
    for (auto* axis : chart->axes()) {
        if (auto* c = qobject_cast<QBarCategoryAxis*>(axis)) categories = c->categories();
        if (auto* vAxis = qobject_cast<QValueAxis*>(axis)) money = vAxis;
    }
    QCOMPARE(categories.size(), 2);
    QVERIFY(categories.contains("default") && categories.contains("ap-southeast-1"));
    QVERIFY(money);
    QVERIFY2(money->labelFormat().startsWith("$%.") && money->labelFormat().endsWith("f"),
             qPrintable(money->labelFormat()));
    QVERIFY(money->max() >= v->result()->b.usd - v->result()->a.usd);

    for (const char* name : {"c.csv", "c.json", "c.md", "c.html", "c.pdf"}) {
        const auto f = report_format_for_path(name);
        QVERIFY(v->exportReport(dir.filePath(name), *f));
        QVERIFY(QFileInfo(dir.filePath(name)).size() > 100);
    }
    QFile md(dir.filePath("c.md"));
    QVERIFY(md.open(QIODevice::ReadOnly));
    const QByteArray text = md.readAll();
    QVERIFY2(text.contains("| s3/ap-southeast-1 | default | 2 |") &&
                 text.contains("B: `match first`"),
             text.constData());
    // B - A per row and the moved flag, in every table format.
    const double delta = [&] {
        for (const auto& move : v->result()->moves)
            if (move.to == "default" && move.from == "ap-southeast-1")
                return move.usd_b - move.usd_a;
        return 0.0;
    }();
    QVERIFY(delta > 0);
    const QByteArray deltaText = QByteArray::fromStdString(usd_text(delta));
    QVERIFY2(text.contains("| B - A | moved |") && text.contains("| " + deltaText + " | yes |"),
             text.constData());
    QVERIFY(text.contains("| s3/eu-west-3 | s3/eu-west-3 | 3 | $0.00 | $0.00 | $0.00 |  |"));
    QFile csv(dir.filePath("c.csv"));
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const QByteArray csvText = csv.readAll();
    QVERIFY(csvText.contains("usd_a,usd_b,delta_usd,moved\n"));
    QVERIFY(csvText.contains("s3,ap-southeast-1,default,default,2,"));
    QVERIFY(csvText.contains(",yes\n") && csvText.contains(",no\n"));
    QFile html(dir.filePath("c.html"));
    QVERIFY(html.open(QIODevice::ReadOnly));
    QVERIFY(html.readAll().contains("<tr class=\"moved\">"));
    QVERIFY(v->exportChart(dir.filePath("c.svg")));
    QVERIFY(v->exportChart(dir.filePath("c.png")));

    // A bucket map that does not validate: the reason, and the last result stays.
    v->setBucketsFile(test::write_test_file(
        dir, "bad.json", R"({"default": "https://x.example.com1", "buckets": []})"));
    QVERIFY(run_and_wait(v, &ok));
    QVERIFY(!ok);
    QVERIFY2(v->lastError().contains("bad.json"), qPrintable(v->lastError()));
    QCOMPARE(v->result()->a.requests, 5ull);
    // The workspace itself never changed.
    QCOMPARE(w.document()->router()->settings().match, MatchMode::Longest);
}

void TestCompareView::scenariosAreSavedAndApplied() {
    QTemporaryDir dir;
    MainWindow w;
    QVERIFY(QCoro::waitFor(w.openDemo()));
    CompareView* v = w.compareView();
    WorkspaceDocument* doc = w.document();
    // Compare runs the Simulation's traffic by default: the workspace's.
    const QString traffic = test::write_test_file(dir, "t.txt", "35.180.1.1 3\n99.77.161.18 2\n");
    QVERIFY(doc->setTrafficFile(traffic));
    v->setTrafficFile({});
    QCOMPARE(v->trafficPath(), traffic);
    v->setMatchMode(MatchMode::First);
    v->setDefaultUrl("https://cdn.example.com");
    ScenarioOverrides typed = v->overrides();
    typed.default_blob_bytes = 8ull << 20;
    v->setOverrides(typed);
    QCOMPARE(v->overrides().default_blob_bytes, std::optional<std::uint64_t>(8ull << 20));
    QVERIFY(v->saveScenarioAs("first match"));
    QCOMPARE(doc->undoStack()->undoText(), QString("Save scenario first match"));
    bool ok = false;
    QVERIFY(run_and_wait(v, &ok));
    QVERIFY2(ok, qPrintable(v->lastError()));

    // Saved with the workspace, back on reopening.
    const QString path = dir.filePath("ws.json");
    QVERIFY(doc->saveAs(path));
    QVERIFY(QCoro::waitFor(w.openDemo()));
    QCOMPARE(doc->workspace().scenarios.size(), std::size_t(0));
    QVERIFY(QCoro::waitFor(w.openWorkspace(path)));
    QCOMPARE(doc->workspace().scenarios.size(), std::size_t(1));
    QCOMPARE(doc->workspace().traffic_file, traffic.toStdString());
    v->setOverrides({});
    v->selectScenario("first match");
    QCOMPARE(v->scenarioBox()->currentText(), QString("first match"));
    QVERIFY(v->overrides().match == MatchMode::First);
    QCOMPARE(v->overrides().default_url, std::string("https://cdn.example.com"));
    QCOMPARE(v->overrides().default_blob_bytes, std::optional<std::uint64_t>(8ull << 20));

    // Applying B is one undo step, and undoing it gives A back whole.
    const Workspace a = doc->workspace();
    QVERIFY(QCoro::waitFor(v->applyToWorkspace()));
    QCOMPARE(doc->workspace().settings.match, MatchMode::First);
    QCOMPARE(doc->workspace().settings.default_aws_base, std::string("https://cdn.example.com"));
    QCOMPARE(doc->workspace().default_blob_bytes, 8ull << 20);
    QVERIFY2(doc->undoStack()->undoText().startsWith("Apply scenario first match"),
             qPrintable(doc->undoStack()->undoText()));
    doc->undoStack()->undo();
    QVERIFY(doc->workspace() == a);
}

QTEST_MAIN(TestCompareView)
#include "tst_compare_view.moc"
