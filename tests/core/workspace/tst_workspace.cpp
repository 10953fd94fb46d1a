#include "core/digest/sha256.h"
#include "core/file_io.h"
#include "core/workspace/apply_scenario.h"
#include "core/workspace/range_source.h"
#include "core/workspace/workspace.h"
#include "resources/demo_data.h"

#include <QTemporaryDir>
#include <QTest>

using namespace ociproxy;

class TestWorkspace : public QObject {
    Q_OBJECT
private slots:
    void roundTripKeepsEverything();
    void pathsAreRelativeToTheFile();
    void absentMembersTakeDefaults();
    void badInputNamesTheMember_data();
    void badInputNamesTheMember();
    void builtinSources();
    void sha256KnownVectors();
    void applyScenario();
};

void TestWorkspace::roundTripKeepsEverything() {
    QTemporaryDir dir;
    const std::string path = dir.filePath("ws/edited.json").toStdString();
    QVERIFY(QDir().mkpath(dir.filePath("ws")));
    Workspace ws = demo::workspace();
    ws.range_sources.push_back(dir.filePath("data/aws.json").toStdString());
    auto map = BucketMap::create("https://cdn.example.com",
                                 {{"eu", "https://eu.example.com", {"eu-west-3", "eu-west-1"}}});
    QVERIFY(map);
    ws.buckets = *map;
    ws.settings.match = MatchMode::First;
    ws.settings.signature_upstream = "https://sig.example.com";
    ws.blobs = {BlobPolicy::Kind::UrlList, dir.filePath("blobs.txt").toStdString()};
    ws.prices.s3_internet = 0.0875;
    ws.planner = {dir.filePath("ws/cat.json").toStdString(), 5ull << 40, 18, 7.5};
    ws.default_blob_bytes = 12345;
    ws.traffic_file = dir.filePath("ws/traffic.csv").toStdString();
    ScenarioOverrides plan;
    plan.name = "new buckets";
    plan.bucket_file = dir.filePath("ws/plan.json").toStdString();
    plan.range_files = {dir.filePath("data/aws-next.json").toStdString()};
    plan.match = MatchMode::First;
    plan.default_blob_bytes = 1 << 20;
    ScenarioOverrides other;
    other.name = "cheaper default";
    other.default_url = "https://other.example.com";
    other.price_file = dir.filePath("prices.json").toStdString();
    ws.scenarios = {plan, other};
    QVERIFY(save_workspace_file(ws, path));
    QVERIFY(read_file(path)->find("\"buckets\": \"plan.json\"") != std::string::npos);
    QVERIFY(read_file(path)->find("\"traffic\": \"traffic.csv\"") != std::string::npos);
    QVERIFY(read_file(path)->find("\"catalogue\": \"cat.json\"") != std::string::npos);
    auto back = load_workspace_file(path);
    QVERIFY2(back, back ? "" : back.error().what().c_str());
    QVERIFY(*back == ws);
    QVERIFY(!(*back == demo::workspace()));
}

void TestWorkspace::pathsAreRelativeToTheFile() {
    QTemporaryDir dir;
    Workspace ws;
    ws.range_sources = {dir.filePath("data/aws.json").toStdString(), "demo:gcp-cloud.json"};
    const std::string path = dir.filePath("ws.json").toStdString();
    const std::string text = workspace_to_json(ws, path);
    QVERIFY2(text.find("\"data/aws.json\"") != std::string::npos, text.c_str());
    QVERIFY(text.find("\"demo:gcp-cloud.json\"") != std::string::npos);
    QVERIFY(text.find(dir.path().toStdString()) == std::string::npos);

    // Moved with its data, the workspace still finds it.
    auto moved = parse_workspace(text, "/elsewhere/ws.json");
    QVERIFY(moved);
    QCOMPARE(moved->range_sources[0], std::string("/elsewhere/data/aws.json"));
    QCOMPARE(moved->range_sources[1], std::string("demo:gcp-cloud.json"));
}

void TestWorkspace::absentMembersTakeDefaults() {
    auto ws = parse_workspace(R"({"oci_proxy_workspace": 1})", "/w/min.json");
    QVERIFY(ws);
    QVERIFY(ws->range_sources.empty());
    QVERIFY(ws->buckets == BucketMap::production());
    QVERIFY(ws->settings == RoutingSettings{});
    QVERIFY(ws->prices == PriceTable{});
}

void TestWorkspace::badInputNamesTheMember_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("where");
    QTest::addColumn<QString>("message");
    const QString v = R"("oci_proxy_workspace": 1)";
    QTest::newRow("not json") << "{\"oci_proxy_workspace\": 1,"
                              << "w.json:1:"
                              << "";
    QTest::newRow("array") << "[]"
                           << "w.json"
                           << "JSON object";
    QTest::newRow("simulation bytes") << "{" + v + R"(, "simulation": {"default_blob_bytes": 0}})"
                                      << "w.json: simulation.default_blob_bytes"
                                      << "bytes > 0";
    QTest::newRow("planner member") << "{" + v + R"(, "planner": {"horizon": 3}})"
                                    << "w.json: planner.horizon"
                                    << "unknown member";
    QTest::newRow("planner horizon") << "{" + v + R"(, "planner": {"horizon_months": 0}})"
                                     << "w.json: planner.horizon_months"
                                     << "> 0";
    QTest::newRow("planner store") << "{" + v + R"(, "planner": {"store_bytes": -1}})"
                                   << "w.json: planner.store_bytes"
                                   << "whole number";
    QTest::newRow("no marker") << R"({"ranges": []})"
                               << "oci_proxy_workspace"
                               << "not an oci-proxy workspace";
    QTest::newRow("future version") << R"({"oci_proxy_workspace": 2})"
                                    << "oci_proxy_workspace"
                                    << "format 2 is not supported";
    QTest::newRow("unknown member") << "{" + v + R"(, "bucket": {}})"
                                    << "bucket"
                                    << "unknown member";
    QTest::newRow("ranges not array") << "{" + v + R"(, "ranges": "a.json"})"
                                      << "ranges"
                                      << "array";
    QTest::newRow("empty range name") << "{" + v + R"(, "ranges": ["a", ""]})"
                                      << "ranges[1]"
                                      << "file name";
    QTest::newRow("bucket url typo")
        << "{" + v +
               R"(, "buckets": {"default": "https://d1be1w964nk82h.cloudfront.net1", "buckets": [{"name": "a", "url": "https://a.example.com", "regions": ["x"]}]}})"
        << "buckets.default"
        << "";
    QTest::newRow("bucket region twice")
        << "{" + v +
               R"(, "buckets": {"default": "https://d.example.com", "buckets": [{"name": "a", "url": "https://a.example.com", "regions": ["x"]}, {"name": "b", "url": "https://b.example.com", "regions": ["x"]}]}})"
        << "buckets.buckets[1] (b).regions[0]"
        << "listed twice";
    QTest::newRow("bucket entry mistyped")
        << "{" + v + R"(, "buckets": {"default": "https://d.example.com", "buckets": [7]}})"
        << "buckets.buckets[0]"
        << "expected an object";
    QTest::newRow("match mode") << "{" + v + R"(, "settings": {"match": "shortest"}})"
                                << "settings.match"
                                << "longest";
    QTest::newRow("setting mistyped") << "{" + v + R"(, "settings": {"upstream": 1}})"
                                      << "settings.upstream"
                                      << "expected a string";
    QTest::newRow("unknown setting") << "{" + v + R"(, "settings": {"upstreams": "x"}})"
                                     << "settings.upstreams"
                                     << "unknown setting";
    QTest::newRow("bad upstream url") << "{" + v + R"(, "settings": {"upstream": "ftp://x"}})"
                                      << "settings"
                                      << "";
    QTest::newRow("blob policy") << "{" + v + R"(, "blobs": {"policy": "some"}})"
                                 << "blobs.policy"
                                 << "url_list";
    QTest::newRow("url list without file") << "{" + v + R"(, "blobs": {"policy": "url_list"}})"
                                           << "blobs.file"
                                           << "needs a file";
    QTest::newRow("negative price") << "{" + v + R"(, "prices": {"s3_internet": -1}})"
                                    << "prices.s3_internet"
                                    << ">= 0";
    QTest::newRow("unknown price") << "{" + v + R"(, "prices": {"s3": 1}})"
                                   << "prices.s3"
                                   << "unknown price";
    QTest::newRow("scenario without name") << "{" + v + R"(, "scenarios": [{"match": "first"}]})"
                                           << "scenarios[0].name"
                                           << "needs a name";
    QTest::newRow("scenario match")
        << "{" + v + R"(, "scenarios": [{"name": "a"}, {"name": "b", "match": "best"}]})"
        << "scenarios[1].match"
        << "longest";
    QTest::newRow("scenario twice") << "{" + v + R"(, "scenarios": [{"name": "a"}, {"name": "a"}]})"
                                    << "scenarios[1].name"
                                    << "comes earlier";
    QTest::newRow("scenario member")
        << "{" + v + R"(, "scenarios": [{"name": "a", "bucket": "x"}]})"
        << "scenarios[0].bucket"
        << "unknown member";
    QTest::newRow("traffic") << "{" + v + R"(, "simulation": {"traffic": 3}})"
                             << "simulation.traffic"
                             << "file name";
}

void TestWorkspace::badInputNamesTheMember() {
    QFETCH(QString, text);
    QFETCH(QString, where);
    QFETCH(QString, message);
    auto ws = parse_workspace(text.toStdString(), "w.json");
    QVERIFY(!ws);
    const QString what = QString::fromStdString(ws.error().what());
    QVERIFY2(what.startsWith("w.json"), qPrintable(what));
    QVERIFY2(what.contains(where), qPrintable(what));
    QVERIFY2(what.contains(message), qPrintable(what));
}

void TestWorkspace::builtinSources() {
    for (const auto& source : demo::workspace().range_sources) {
        QVERIFY(is_builtin_source(source));
        auto set = load_range_source(source, &demo::file);
        QVERIFY2(set, set ? "" : set.error().what().c_str());
        QCOMPARE(set->source, source);
        QVERIFY(!set->entries.empty());
    }
    auto missing = load_range_source("demo:nope.json", &demo::file);
    QVERIFY(!missing);
    QCOMPARE(QString::fromStdString(missing.error().what()),
             QString("demo:nope.json: no such built-in file"));
    auto file = load_range_source("/nonexistent/ranges.json", &demo::file);
    QVERIFY(!file);
    QVERIFY(file.error().what().find("/nonexistent/ranges.json") != std::string::npos);
}

void TestWorkspace::applyScenario() {
    QTemporaryDir dir;
    const Workspace a = demo::workspace();
    ScenarioOverrides b;
    b.name = "x";
    b.match = MatchMode::First;
    b.default_url = "https://cdn.example.com";
    b.default_blob_bytes = 1000;
    b.range_files = {"demo:aws-ip-ranges.json"};
    auto ws = apply_scenario(a, b);
    QVERIFY2(ws, ws ? "" : ws.error().what().c_str());
    QCOMPARE(ws->settings.match, MatchMode::First);
    QCOMPARE(ws->settings.default_aws_base, std::string("https://cdn.example.com"));
    QCOMPARE(ws->default_blob_bytes, std::uint64_t(1000));
    QCOMPARE(ws->range_sources, b.range_files);
    QCOMPARE(ws->buckets, a.buckets); // not overridden: A's
    QCOMPARE(
        describe_overrides(b),
        std::string("ranges demo:aws-ip-ranges.json; match first; default https://cdn.example.com; "
                    "1000 bytes per unsized GET"));
    QCOMPARE(describe_overrides(ScenarioOverrides{}), std::string("same as A"));
    // A bucket file that is not there: the error names it, A is untouched.
    b.bucket_file = dir.filePath("missing.json").toStdString();
    auto bad = apply_scenario(a, b);
    QVERIFY(!bad);
    QVERIFY2(bad.error().what().find("missing.json") != std::string::npos,
             bad.error().what().c_str());
    b.bucket_file.clear();
    b.default_url = "ftp://nope";
    QVERIFY(!apply_scenario(a, b));
}

void TestWorkspace::sha256KnownVectors() {
    QCOMPARE(sha256_hex(""),
             std::string("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
    QCOMPARE(sha256_hex("abc"),
             std::string("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
}

QTEST_GUILESS_MAIN(TestWorkspace)
#include "tst_workspace.moc"
