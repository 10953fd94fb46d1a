#include "core/buckets/bucket_map.h"
#include "tests/test_support.h"

#include <QTemporaryDir>
#include <QTest>

using namespace ociproxy;
using ociproxy::test::qs;

class TestBucketMap : public QObject {
    Q_OBJECT
private slots:
    void productionMapIsValidAndComplete();
    void regionLookup_data();
    void regionLookup();
    void jsonRoundTrip();
    void badMapsNameTheEntry_data();
    void badMapsNameTheEntry();
    void failedSaveKeepsTheOldFile();
    void issuesAreLocatedByField_data();
    void issuesAreLocatedByField();
};

void TestBucketMap::productionMapIsValidAndComplete() {
    const auto& m = BucketMap::production();
    QCOMPARE(m.buckets().size(), std::size_t(32));
    QCOMPARE(qs(m.default_url()), QStringLiteral("https://d1be1w964nk82h.cloudfront.net"));
    // The production map must survive its own validation.
    auto again = BucketMap::create(m.default_url(), m.buckets());
    QVERIFY2(again.ok(), again.ok() ? "" : again.error().what().c_str());
}

void TestBucketMap::regionLookup_data() {
    QTest::addColumn<QString>("region");
    QTest::addColumn<QString>("url");
    const QString def;
    QTest::newRow("plain")
        << "eu-west-3"
        << "https://prod-registry-k8s-io-eu-west-3.s3.dualstack.eu-west-3.amazonaws.com";
    QTest::newRow("eu-west-2 exception") << "eu-west-2"
                                         << "https://"
                                            "767373bbdcb8270361b96548387bf2a9ad0d48758c35-eu-west-"
                                            "2.s3.dualstack.eu-west-2.amazonaws.com";
    QTest::newRow("alias ap-east-2")
        << "ap-east-2"
        << "https://prod-registry-k8s-io-ap-east-1.s3.dualstack.ap-east-1.amazonaws.com";
    QTest::newRow("alias cn-north-1")
        << "cn-north-1"
        << "https://prod-registry-k8s-io-ap-east-1.s3.dualstack.ap-east-1.amazonaws.com";
    QTest::newRow("alias cn-northwest-1")
        << "cn-northwest-1"
        << "https://prod-registry-k8s-io-ap-east-1.s3.dualstack.ap-east-1.amazonaws.com";
    QTest::newRow("alias me-south-1")
        << "me-south-1"
        << "https://prod-registry-k8s-io-me-central-1.s3.dualstack.me-central-1.amazonaws.com";
    QTest::newRow("ap-southeast-7")
        << "ap-southeast-7"
        << "https://prod-registry-k8s-io-ap-southeast-7.s3.dualstack.ap-southeast-7.amazonaws.com";
    QTest::newRow("GLOBAL → default") << "GLOBAL" << def;
    QTest::newRow("unmapped → default") << "us-gov-west-1" << def;
}

void TestBucketMap::regionLookup() {
    QFETCH(QString, region);
    QFETCH(QString, url);
    const Bucket* b = BucketMap::production().for_region(region.toStdString());
    QCOMPARE(b ? qs(b->url) : QString(), url);
}

void TestBucketMap::jsonRoundTrip() {
    const auto& m = BucketMap::production();
    auto back = BucketMap::from_json(m.to_json(), "m.json");
    QVERIFY2(back.ok(), back.ok() ? "" : back.error().what().c_str());
    QVERIFY(*back == m);
    QTemporaryDir dir;
    const std::string path = (dir.path() + "/buckets.json").toStdString();
    QVERIFY(m.save_file(path).ok());
    auto loaded = BucketMap::load_file(path);
    QVERIFY(loaded.ok());
    QVERIFY(*loaded == m);
    // Trailing slashes are dropped so "url + /containers/..." never doubles one.
    auto slash = BucketMap::from_json(
        R"({"default":"https://d.example.com/","buckets":[{"name":"a","url":"http://127.0.0.1:9000/b/","regions":["r"]}]})",
        "s");
    QVERIFY(slash.ok());
    QCOMPARE(qs(slash->default_url()), QStringLiteral("https://d.example.com"));
    QCOMPARE(qs(slash->buckets()[0].url), QStringLiteral("http://127.0.0.1:9000/b"));
}

void TestBucketMap::badMapsNameTheEntry_data() {
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("location");
    QTest::addColumn<QString>("message");
    const QString ok_default = R"("default":"https://d1be1w964nk82h.cloudfront.net")";
    QTest::newRow("empty map") << "{" + ok_default + R"(,"buckets":[]})"
                               << "m.json: buckets"
                               << "no buckets";
    QTest::newRow("cloudfront.net1 typo")
        << R"({"default":"https://d1be1w964nk82h.cloudfront.net1","buckets":[{"name":"a","url":"https://a.example.com","regions":["r"]}]})"
        << "m.json: default"
        << "net1";
    QTest::newRow("region twice")
        << "{" + ok_default +
               R"(,"buckets":[{"name":"a","url":"https://a.example.com","regions":["r1","r2"]},{"name":"b","url":"https://b.example.com","regions":["r3","r1"]}]})"
        << "m.json: buckets[1] (b).regions[1]"
        << "listed twice";
    QTest::newRow("bad bucket url")
        << "{" + ok_default + R"(,"buckets":[{"name":"a","url":"s3://bucket","regions":["r"]}]})"
        << "m.json: buckets[0] (a).url"
        << "https://";
    QTest::newRow("duplicate name")
        << "{" + ok_default +
               R"(,"buckets":[{"name":"a","url":"https://a.example.com","regions":["r"]},{"name":"a","url":"https://b.example.com","regions":["q"]}]})"
        << "m.json: buckets[1] (a).name"
        << "already used";
    QTest::newRow("no regions")
        << "{" + ok_default +
               R"(,"buckets":[{"name":"a","url":"https://a.example.com","regions":[]}]})"
        << "m.json: buckets[0] (a).regions"
        << "no region";
    QTest::newRow("region not string")
        << "{" + ok_default +
               R"(,"buckets":[{"name":"a","url":"https://a.example.com","regions":[5]}]})"
        << "m.json: buckets[0].regions[0]"
        << "expected a string";
    QTest::newRow("missing default") << R"({"buckets":[]})"
                                     << "m.json: default"
                                     << "missing";
    QTest::newRow("not an object") << "[]"
                                   << "m.json"
                                   << "JSON object";
    QTest::newRow("truncated") << "{" + ok_default + R"(,"buckets":[{"name":)"
                               << "m.json:1:"
                               << "invalid JSON";
}

void TestBucketMap::badMapsNameTheEntry() {
    QFETCH(QString, json);
    QFETCH(QString, location);
    QFETCH(QString, message);
    auto m = BucketMap::from_json(json.toStdString(), "m.json");
    QVERIFY(!m.ok());
    QVERIFY2(qs(m.error().location).startsWith(location), m.error().what().c_str());
    QVERIFY2(qs(m.error().message).contains(message), m.error().what().c_str());
}

void TestBucketMap::failedSaveKeepsTheOldFile() {
    QTemporaryDir dir;
    const std::string path = (dir.path() + "/buckets.json").toStdString();
    QVERIFY(BucketMap::production().save_file(path).ok());
    QVERIFY(
        !BucketMap::production().save_file(dir.path().toStdString() + "/missing/dir/x.json").ok());
    QVERIFY(BucketMap::load_file(path).ok());
}

void TestBucketMap::issuesAreLocatedByField_data() {
    QTest::addColumn<QString>("defaultUrl");
    QTest::addColumn<int>("breakWhat"); // which edit of a valid two-bucket map
    QTest::addColumn<int>("field");
    QTest::addColumn<int>("bucket");
    QTest::addColumn<int>("region");
    QTest::addColumn<QString>("where");
    using F = BucketIssue::Field;
    QTest::newRow("default") << "ftp://x" << 0 << int(F::Default) << 0 << 0 << "default";
    QTest::newRow("empty name") << "https://d.example" << 1 << int(F::Name) << 1 << 0
                                << "buckets[1].name";
    QTest::newRow("same name") << "https://d.example" << 2 << int(F::Name) << 1 << 0
                               << "buckets[1] (a).name";
    QTest::newRow("url") << "https://d.example" << 3 << int(F::Url) << 0 << 0
                         << "buckets[0] (a).url";
    QTest::newRow("no region") << "https://d.example" << 4 << int(F::Regions) << 1 << -1
                               << "buckets[1] (b).regions";
    QTest::newRow("region twice") << "https://d.example" << 5 << int(F::Regions) << 1 << 1
                                  << "buckets[1] (b).regions[1]";
}

void TestBucketMap::issuesAreLocatedByField() {
    QFETCH(QString, defaultUrl);
    QFETCH(int, breakWhat);
    QFETCH(int, field);
    QFETCH(int, bucket);
    QFETCH(int, region);
    QFETCH(QString, where);
    std::vector<Bucket> b = {{"a", "https://a.example", {"r1"}},
                             {"b", "https://b.example", {"r2"}}};
    QVERIFY(!check_bucket_map("https://d.example", b));
    switch (breakWhat) {
    case 1:
        b[1].name.clear();
        break;
    case 2:
        b[1].name = "a";
        break;
    case 3:
        b[0].url = "not a url";
        break;
    case 4:
        b[1].regions.clear();
        break;
    case 5:
        b[1].regions.push_back("r1");
        break;
    default:
        break;
    }
    const auto issue = check_bucket_map(defaultUrl.toStdString(), b);
    QVERIFY(issue);
    QCOMPARE(int(issue->field), field);
    if (field != int(BucketIssue::Field::Default)) QCOMPARE(int(issue->bucket), bucket);
    if (region >= 0)
        QCOMPARE(int(issue->region), region);
    else
        QCOMPARE(issue->region, BucketIssue::kWholeList);
    QCOMPARE(QString::fromStdString(issue->where(b)), where);
    // create() says the same, located the same way.
    auto m = BucketMap::create(defaultUrl.toStdString(), b);
    QVERIFY(!m);
    QCOMPARE(QString::fromStdString(m.error().location), where);
    QCOMPARE(m.error().message, issue->message);
}

QTEST_APPLESS_MAIN(TestBucketMap)
#include "tst_bucket_map.moc"
