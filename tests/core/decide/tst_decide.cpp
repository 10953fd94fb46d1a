#include "core/decide/decide.h"
#include "resources/demo_data.h"
#include "tests/core/decide/decide_rules.h"
#include "tests/test_support.h"

#include <QTest>

using namespace ociproxy;
using namespace ociproxy::test;

namespace {

Router make_router(bool signature_upstream) {
    RoutingSettings s;
    if (signature_upstream) s.signature_upstream = "https://sig.example.com/";
    auto sets = demo::range_sets();
    return std::move(Router::create(PrefixTable::build(*sets), BucketMap::production(), s)).value();
}

} // namespace

class TestDecide : public QObject {
    Q_OBJECT
private slots:
    void rules_data();
    void rules();
    void explainsTheBlobRoute();
    void blobCheckAnswers_data();
    void blobCheckAnswers();
    void firstMatchModeRoutesLikeArcheio();
    void settingsAreValidated();
    void neverCrashesOnHostileTargets();
};

void TestDecide::rules_data() {
    test::add_decide_rules();
}

void TestDecide::rules() {
    QFETCH(QString, method);
    QFETCH(QString, target);
    QFETCH(QString, peer);
    QFETCH(QString, xff);
    QFETCH(bool, sigUpstream);
    QFETCH(int, status);
    QFETCH(QString, location);
    QFETCH(QString, kind);
    QFETCH(QString, backend);
    const Router router = make_router(sigUpstream);
    AllBlobsPresent all;
    const std::string m = method.toStdString(), t = target.toStdString(), pe = peer.toStdString(),
                      x = xff.toStdString();
    const Decision d = decide(HttpRequest{m, t, pe, x}, router, all);
    QVERIFY2(d.status == status, qPrintable(QString::number(d.status) + " " + qs(d.reason)));
    QCOMPARE(qs(d.location), location);
    QCOMPARE(qs(std::string(request_kind_name(d.kind))), kind);
    QCOMPARE(qs(std::string(backend_name(d.backend))), backend);
    QVERIFY(!d.reason.empty());
    QVERIFY(!d.needs_blob_check);
}

void TestDecide::explainsTheBlobRoute() {
    const Router router = make_router(false);
    const std::string t = kBlobPath.toStdString();
    Decision d =
        decide(HttpRequest{"GET", t, "169.254.1.1:4000", "35.180.1.1, 34.120.0.1"}, router);
    QVERIFY(d.needs_blob_check);
    QCOMPARE(d.status, 307);
    QCOMPARE(qs(d.location),
             kUp + "/pause/blobs/sha256:" + kHex); // the fallback until the check answers
    QCOMPARE(qs(d.blob_url), kEuWest3 + "/containers/images/sha256:" + kHex);
    QCOMPARE(qs(d.cloud), QStringLiteral("AWS"));
    QCOMPARE(qs(d.region), QStringLiteral("eu-west-3"));
    QCOMPARE(qs(d.prefix), QStringLiteral("35.180.0.0/16"));
    QCOMPARE(qs(d.bucket_name), QStringLiteral("eu-west-3"));
    QCOMPARE(qs(d.digest), "sha256:" + kHex);
    QVERIFY(qs(d.reason).contains("35.180.0.0/16"));
}

void TestDecide::blobCheckAnswers_data() {
    QTest::addColumn<int>("answer");
    QTest::addColumn<bool>("toBucket");
    QTest::newRow("found") << int(BlobAnswer::Found) << true;
    QTest::newRow("not found") << int(BlobAnswer::NotFound) << false;
    QTest::newRow("error") << int(BlobAnswer::Error) << false;
    QTest::newRow("timeout") << int(BlobAnswer::Timeout) << false;
}

void TestDecide::blobCheckAnswers() {
    QFETCH(int, answer);
    QFETCH(bool, toBucket);
    const Router router = make_router(false);
    const std::string t = kBlobPath.toStdString();
    Decision d = decide(HttpRequest{"GET", t, "35.180.1.1:1", ""}, router);
    complete_blob_check(d, BlobAnswer(answer));
    QCOMPARE(d.status, 307);
    QCOMPARE(qs(d.location).startsWith(kEuWest3), toBucket);
    QCOMPARE(d.backend, toBucket ? Backend::S3 : Backend::Upstream);
    if (!toBucket) QVERIFY(qs(d.reason).contains(blob_answer_name(BlobAnswer(answer))));
    // The URL list policy: only listed URLs exist.
    auto list = BlobUrlList::parse(d.blob_url + "\n# comment\n", "l");
    QVERIFY(list.ok());
    QCOMPARE(list->check(d.blob_url), BlobAnswer::Found);
    QCOMPARE(list->check(d.blob_url + "x"), BlobAnswer::NotFound);
}

void TestDecide::firstMatchModeRoutesLikeArcheio() {
    auto sets = demo::range_sets();
    RoutingSettings s;
    s.match = MatchMode::First;
    auto router = Router::create(PrefixTable::build(*sets), BucketMap::production(), s);
    QVERIFY(router.ok());
    AllBlobsPresent all;
    const std::string t = kBlobPath.toStdString();
    const Decision d = decide(HttpRequest{"GET", t, "99.77.161.18:1", ""}, *router, all);
    QCOMPARE(qs(d.region), QStringLiteral("GLOBAL"));
    QCOMPARE(d.backend, Backend::Default);
    const Router longest = make_router(false);
    const Decision l = decide(HttpRequest{"GET", t, "99.77.161.18:1", ""}, longest, all);
    QCOMPARE(qs(l.region), QStringLiteral("ap-southeast-1"));
    QCOMPARE(l.backend, Backend::S3);
}

void TestDecide::settingsAreValidated() {
    RoutingSettings s;
    s.upstream = "us-central1-docker.pkg.dev";
    auto r = Router::create(PrefixTable::build({}), BucketMap::production(), s);
    QVERIFY(!r.ok());
    QCOMPARE(qs(r.error().location), QStringLiteral("upstream"));
    RoutingSettings d;
    d.default_aws_base = "https://d1be1w964nk82h.cloudfront.net1";
    auto r2 = Router::create(PrefixTable::build({}), BucketMap::production(), d);
    QVERIFY(!r2.ok());
    QVERIFY(qs(r2.error().message).contains("net1"));
    RoutingSettings ok;
    ok.default_aws_base = "http://127.0.0.1:9000/";
    auto r3 = Router::create(PrefixTable::build({}), BucketMap::production(), ok);
    QVERIFY(r3.ok());
    QCOMPARE(qs(r3->buckets().default_url()), QStringLiteral("http://127.0.0.1:9000"));
}

void TestDecide::neverCrashesOnHostileTargets() {
    const Router router = make_router(true);
    AllBlobsPresent all;
    const std::string huge(1 << 16, '/');
    std::string binary;
    for (int c = 0; c < 256; ++c)
        binary += char(c);
    const std::vector<std::string> targets = {"",
                                              "?",
                                              "%",
                                              "/v2/%",
                                              "/v2/" + huge,
                                              "/v2/" + binary,
                                              huge,
                                              "/v2/x/blobs/" + std::string(10000, ':'),
                                              "/v2/x\n/blobs/a:b"};
    for (const auto& t : targets) {
        const Decision d = decide(HttpRequest{"GET", t, "127.0.0.1:1", ""}, router, all);
        QVERIFY(d.status >= 200 && d.status < 500);
        if (d.status == 307) {
            QVERIFY2(qs(d.location).startsWith("https://"), d.location.c_str());
            for (char c : d.location)
                QVERIFY(static_cast<unsigned char>(c) > 0x20 &&
                        static_cast<unsigned char>(c) < 0x7f);
        }
    }
}

QTEST_APPLESS_MAIN(TestDecide)
#include "tst_decide.moc"
