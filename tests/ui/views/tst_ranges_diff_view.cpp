// The Ranges Diff view offscreen: the two real AWS snapshots compared on a
// worker thread, counts and unmapped regions read back, every change in the
// table, Markdown export; a bad file says why.

#include "core/ranges/range_loader.h"
#include "tests/test_support.h"
#include "tests/ui/ui_test_support.h"
#include "ui/main_window.h"
#include "ui/models/model_roles.h"
#include "ui/models/range_change_model.h"
#include "ui/views/ranges_diff_view.h"

#include <QAbstractItemModelTester>
#include <QLabel>
#include <QSignalSpy>
#include <QTemporaryDir>

using namespace ociproxy;
using namespace ociproxy::ui;
using ociproxy::test::qs;

namespace {

bool run_and_wait(RangesDiffView* v, bool* ok) {
    QSignalSpy spy(v, &RangesDiffView::finished);
    v->run();
    if (!spy.wait(30000)) return false;
    *ok = spy.front().front().toBool();
    return true;
}

} // namespace

class TestRangesDiffView : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { test::isolate_console_settings(); }
    void realAwsSnapshots();
    void badFileSaysWhy();
    void demoPublicationsWithTraffic();
};

void TestRangesDiffView::realAwsSnapshots() {
    REQUIRE_SHARED_DATA();
    QTemporaryDir dir;
    MainWindow w;
    QVERIFY(QCoro::waitFor(w.openDemo()));
    RangesDiffView* v = w.rangesDiffView();
    v->setFiles(qs(test::shared_file("aws-ip-ranges-2025-07-14.json")),
                qs(test::shared_file("aws-ip-ranges-2026-07-29.json")));
    bool ok = false;
    QVERIFY(run_and_wait(v, &ok));
    QVERIFY2(ok, qPrintable(v->lastError()));
    const auto& c = v->diff()->by_cloud.at("AWS");
    QCOMPARE(int(v->model()->rowCount()), int(c.added + c.removed + c.moved));
    QVERIFY2(
        v->summary()->text().contains(
            QString("%1 added, %2 removed, %3 moved").arg(c.added).arg(c.removed).arg(c.moved)),
        qPrintable(v->summary()->text()));
    QVERIFY(v->summary()->text().contains("us-south-1"));
    QVERIFY(v->exportMarkdown(dir.filePath("d.md")));
    QFile md(dir.filePath("d.md"));
    QVERIFY(md.open(QIODevice::ReadOnly) && md.readAll().contains("## IP range changes"));
}

void TestRangesDiffView::badFileSaysWhy() {
    QTemporaryDir dir;
    MainWindow w;
    QVERIFY(QCoro::waitFor(w.openDemo()));
    RangesDiffView* v = w.rangesDiffView();
    QFile bad(dir.filePath("bad.json"));
    QVERIFY(bad.open(QIODevice::WriteOnly));
    bad.write("{\"prefixes\": [");
    bad.close();
    v->setFiles({}, bad.fileName()); // before: the workspace's first source
    bool ok = true;
    QVERIFY(run_and_wait(v, &ok));
    QVERIFY(!ok);
    QVERIFY2(v->lastError().contains("bad.json"), qPrintable(v->lastError()));
    v->setFiles({}, "demo:gcp-cloud.json");
    QVERIFY(run_and_wait(v, &ok));
    QVERIFY(ok); // demo AWS against demo Google: every prefix differs
    QVERIFY(v->model()->rowCount() > 0);
}

void TestRangesDiffView::demoPublicationsWithTraffic() {
    QTemporaryDir dir;
    MainWindow w;
    QVERIFY(QCoro::waitFor(w.openDemo()));
    RangesDiffView* v = w.rangesDiffView();
    v->setFiles("demo:aws-ip-ranges.json", "demo:aws-ip-ranges-next.json");
    // Clients in the removed prefix (ap-northeast-2's bucket) and one outside.
    v->setTrafficFile(test::write_test_file(dir, "t.txt", "3.5.140.9 4\n35.180.1.1 2\n"));
    bool ok = false;
    QVERIFY(run_and_wait(v, &ok));
    QVERIFY2(ok, qPrintable(v->lastError()));
    QAbstractItemModelTester tester(v->model(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    const auto* m = v->model();
    bool seen = false;
    for (int r = 0; r < m->rowCount(); ++r) {
        if (m->index(r, RangeChangeModel::Prefix).data().toString() != "3.5.140.0/22") continue;
        seen = true;
        QCOMPARE(m->index(r, RangeChangeModel::Consequence).data().toString(),
                 QString("ap-northeast-2 → default (loses its bucket)"));
        QVERIFY(m->index(r, 0).data(AttentionRole).toBool());
    }
    QVERIFY(seen);
    QVERIFY(v->trafficResult());
    QVERIFY2(v->summary()->text().contains("4 of 6 requests route differently"),
             qPrintable(v->summary()->text()));
}

QTEST_MAIN(TestRangesDiffView)
#include "tst_ranges_diff_view.moc"
