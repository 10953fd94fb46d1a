#include "resources/demo_data.h"
#include "tests/test_support.h"
#include "tests/ui/ui_test_support.h"
#include "ui/workspace/workspace_document.h"

#include <QCoroTask>
#include <QSignalSpy>
#include <QTemporaryDir>

using namespace ociproxy;
using namespace ociproxy::ui;
using ociproxy::test::qs;

namespace {

QString write(const QString& path, const QByteArray& content) {
    QFile f(path);
    f.open(QIODevice::WriteOnly | QIODevice::Truncate);
    f.write(content);
    return path;
}

std::string region_of(const WorkspaceDocument& doc, const char* ip) {
    const auto r = doc.router();
    const auto e = r->table().lookup(*IpAddress::parse(ip), r->settings().match);
    return e == kNoEntry ? "" : r->table().region_name(r->table().entry(e).region);
}

} // namespace

class TestWorkspaceDocument : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { test::isolate_console_settings(); }
    void reloadKeepsWhatFailsToParse();
    void sourceEditsUndoAndTrackModified();
    void replaceSwapsTheSameFormatInPlace();
    void invalidSettingsAreRefused();
    void bucketImportExport();
    void openFailureKeepsEverything();
};

void TestWorkspaceDocument::reloadKeepsWhatFailsToParse() {
    QTemporaryDir dir;
    const QString csv = write(dir.filePath("r.csv"), "198.51.100.0/24,AWS,eu-west-3\n");
    WorkspaceDocument doc;
    QVERIFY(QCoro::waitFor(doc.addSources({csv})));
    QCOMPARE(region_of(doc, "198.51.100.7"), std::string("eu-west-3"));

    write(csv, "198.51.100.0/24,AWS,eu-west-3\nnot a prefix,AWS,x\n");
    QSignalSpy changed(&doc, &WorkspaceDocument::changed);
    auto st = QCoro::waitFor(doc.reloadSources());
    QVERIFY(!st);
    QVERIFY2(st.error().what().find("r.csv:2") != std::string::npos, st.error().what().c_str());
    QCOMPARE(region_of(doc, "198.51.100.7"), std::string("eu-west-3"));

    write(csv, "198.51.100.0/24,AWS,us-east-1\n");
    QVERIFY(QCoro::waitFor(doc.reloadSources()));
    QCOMPARE(region_of(doc, "198.51.100.7"), std::string("us-east-1"));
    QVERIFY(changed.count() >= 1);
}

void TestWorkspaceDocument::sourceEditsUndoAndTrackModified() {
    QTemporaryDir dir;
    const QString a = write(dir.filePath("a.csv"), "198.51.100.0/24,AWS,eu-west-3\n");
    const QString b = write(dir.filePath("b.csv"), "203.0.113.0/24,GCP,europe-west1\n");
    WorkspaceDocument doc;
    QVERIFY(QCoro::waitFor(doc.open(demo::workspace(), {})));
    QVERIFY(!doc.isModified());
    QVERIFY(QCoro::waitFor(doc.addSources({a, b, a})));
    QCOMPARE(doc.workspace().range_sources.size(), std::size_t(6)); // the duplicate is ignored
    QVERIFY(doc.isModified());
    QCOMPARE(doc.undoStack()->undoText(), QString("Add 2 range files"));
    doc.removeSource(4);
    QCOMPARE(doc.workspace().range_sources.back(), b.toStdString());
    QCOMPARE(region_of(doc, "198.51.100.7"), std::string());
    doc.undoStack()->undo();
    QCOMPARE(region_of(doc, "198.51.100.7"), std::string("eu-west-3"));
    doc.undoStack()->undo();
    QCOMPARE(doc.workspace().range_sources.size(), std::size_t(4));
    QVERIFY(!doc.isModified());
    doc.undoStack()->redo();
    QCOMPARE(region_of(doc, "203.0.113.9"), std::string("europe-west1"));
}

void TestWorkspaceDocument::replaceSwapsTheSameFormatInPlace() {
    QTemporaryDir dir;
    const QString fresh =
        write(dir.filePath("ip-ranges.json"),
              R"({"syncToken": "2", "createDate": "2026-11-28-00-00-00", "prefixes": [
            {"ip_prefix": "35.180.0.0/16", "region": "eu-west-1", "service": "EC2", "network_border_group": "eu-west-1"}],
            "ipv6_prefixes": []})");
    WorkspaceDocument doc;
    QVERIFY(QCoro::waitFor(doc.open(demo::workspace(), {})));
    QCOMPARE(region_of(doc, "35.180.1.1"), std::string("eu-west-3"));
    QVERIFY(QCoro::waitFor(doc.replaceSources({{RangeFormat::Aws, fresh}})));
    const auto& list = doc.workspace().range_sources;
    QCOMPARE(list.size(), std::size_t(4));
    QCOMPARE(list.front(), fresh.toStdString());
    QCOMPARE(region_of(doc, "35.180.1.1"), std::string("eu-west-1"));
    doc.undoStack()->undo();
    QCOMPARE(list.front(), std::string("demo:aws-ip-ranges.json"));
}

void TestWorkspaceDocument::invalidSettingsAreRefused() {
    WorkspaceDocument doc;
    QVERIFY(QCoro::waitFor(doc.open(demo::workspace(), {})));
    RoutingSettings s = doc.workspace().settings;
    s.upstream = "not a url";
    auto st = doc.setSettings(s);
    QVERIFY(!st);
    QVERIFY(doc.workspace().settings == RoutingSettings{});
    QCOMPARE(doc.undoStack()->count(), 0);
    s = RoutingSettings{};
    s.match = MatchMode::First;
    QVERIFY(doc.setSettings(s));
    QCOMPARE(doc.router()->settings().match, MatchMode::First);
}

void TestWorkspaceDocument::bucketImportExport() {
    QTemporaryDir dir;
    WorkspaceDocument doc;
    QVERIFY(QCoro::waitFor(doc.open(demo::workspace(), {})));
    const QString bad = write(dir.filePath("bad.json"), R"({"default": "https://x.example.com",
        "buckets": [{"name": "a", "url": "https://d1be1w964nk82h.cloudfront.net1", "regions": ["eu-west-3"]}]})");
    auto st = doc.importBuckets(bad);
    QVERIFY(!st);
    QVERIFY2(st.error().what().find("bad.json: buckets[0] (a).url") != std::string::npos,
             st.error().what().c_str());
    QVERIFY(doc.workspace().buckets == BucketMap::production());

    const QString good = write(dir.filePath("good.json"), R"({"default": "https://x.example.com",
        "buckets": [{"name": "eu", "url": "https://eu.example.com", "regions": ["eu-west-3"]}]})");
    QVERIFY(doc.importBuckets(good));
    QCOMPARE(doc.router()->buckets().buckets().size(), std::size_t(1));
    const QString out = dir.filePath("out.json");
    QVERIFY(doc.exportBuckets(out));
    auto back = BucketMap::load_file(out.toStdString());
    QVERIFY(back && *back == doc.workspace().buckets);
    doc.resetBucketsToProduction();
    QVERIFY(doc.workspace().buckets == BucketMap::production());
}

void TestWorkspaceDocument::openFailureKeepsEverything() {
    QTemporaryDir dir;
    WorkspaceDocument doc;
    QVERIFY(QCoro::waitFor(doc.open(demo::workspace(), {})));
    const auto router = doc.router();
    Workspace ws = demo::workspace();
    ws.range_sources.push_back(write(dir.filePath("bad.csv"), "10.0.0.0/33,AWS,x\n").toStdString());
    auto st = QCoro::waitFor(doc.open(ws, dir.filePath("w.json")));
    QVERIFY(!st);
    QVERIFY2(st.error().what().find("bad.csv:1") != std::string::npos, st.error().what().c_str());
    QCOMPARE(doc.router(), router);
    QVERIFY(doc.filePath().isEmpty());
    QVERIFY(doc.workspace() == demo::workspace());
}

QTEST_MAIN(TestWorkspaceDocument)
#include "tst_workspace_document.moc"
