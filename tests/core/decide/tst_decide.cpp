#include "core/decide/decide.h"
#include "resources/demo_data.h"
#include "tests/test_support.h"

#include <QTest>

using namespace ociproxy;
using ociproxy::test::qs;

namespace {

const QString kUp =
    QStringLiteral("https://us-central1-docker.pkg.dev/v2/k8s-artifacts-prod/images");
const QString kSig = QStringLiteral("https://sig.example.com/v2/k8s-artifacts-prod/images");
const QString kHex =
    QStringLiteral("e6f1816883972d4be47bd48879a08919b96afcd344132622e4d444987919323c");
const QString kBlobPath = "/v2/pause/blobs/sha256:" + kHex;
const QString kEuWest3 =
    QStringLiteral("https://prod-registry-k8s-io-eu-west-3.s3.dualstack.eu-west-3.amazonaws.com");
const QString kUsWest2 =
    QStringLiteral("https://prod-registry-k8s-io-us-west-2.s3.dualstack.us-west-2.amazonaws.com");
const QString kDefault = QStringLiteral("https://d1be1w964nk82h.cloudfront.net");
const QString kLb = QStringLiteral("169.254.1.1:4000");

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

// One row per rule of DESIGN §3. presence: the blob exists wherever looked.
void TestDecide::rules_data() {
    QTest::addColumn<QString>("method");
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("peer");
    QTest::addColumn<QString>("xff");
    QTest::addColumn<bool>("sigUpstream");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("location");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("backend");

    const QString p = QStringLiteral("127.0.0.1:0");
    // 1. methods
    QTest::newRow("POST") << "POST"
                          << "/v2/" << p << "" << false << 405 << ""
                          << "method_not_allowed"
                          << "none";
    QTest::newRow("PUT manifest") << "PUT"
                                  << "/v2/pause/manifests/x" << p << "" << false << 405 << ""
                                  << "method_not_allowed"
                                  << "none";
    QTest::newRow("lowercase get") << "get"
                                   << "/v2/" << p << "" << false << 405 << ""
                                   << "method_not_allowed"
                                   << "none";
    QTest::newRow("HEAD ping") << "HEAD"
                               << "/v2/" << p << "" << false << 200 << ""
                               << "ping"
                               << "none";
    // 2. info, privacy, outside /v2
    QTest::newRow("/") << "GET"
                       << "/" << p << "" << false << 307
                       << "https://github.com/kubernetes/registry.k8s.io"
                       << "info"
                       << "none";
    QTest::newRow("/ with query") << "GET"
                                  << "/?x=1" << p << "" << false << 307
                                  << "https://github.com/kubernetes/registry.k8s.io"
                                  << "info"
                                  << "none";
    QTest::newRow("/privacy") << "GET"
                              << "/privacy" << p << "" << false << 307
                              << "https://www.linuxfoundation.org/privacy-policy/"
                              << "privacy"
                              << "none";
    QTest::newRow("/privacy-anything") << "GET"
                                       << "/privacyxyz/a" << p << "" << false << 307
                                       << "https://www.linuxfoundation.org/privacy-policy/"
                                       << "privacy"
                                       << "none";
    QTest::newRow("/foo") << "GET"
                          << "/foo" << p << "" << false << 404 << ""
                          << "not_found"
                          << "none";
    QTest::newRow("/v2foo") << "GET"
                            << "/v2foo" << p << "" << false << 404 << ""
                            << "not_found"
                            << "none";
    QTest::newRow("/_catalog") << "GET"
                               << "/_catalog" << p << "" << false << 404 << ""
                               << "not_found"
                               << "none";
    QTest::newRow("//host") << "GET"
                            << "//evil.example.com/v2/x" << p << "" << false << 404 << ""
                            << "not_found"
                            << "none";
    // 3. ping
    QTest::newRow("/v2") << "GET"
                         << "/v2" << p << "" << false << 200 << ""
                         << "ping"
                         << "none";
    QTest::newRow("/v2/") << "GET"
                          << "/v2/" << p << "" << false << 200 << ""
                          << "ping"
                          << "none";
    // 4. catalog
    QTest::newRow("/v2/_catalog") << "GET"
                                  << "/v2/_catalog" << p << "" << false << 404 << ""
                                  << "catalog"
                                  << "none";
    QTest::newRow("/v2/_catalog?n=1") << "GET"
                                      << "/v2/_catalog?n=1" << p << "" << false << 404 << ""
                                      << "catalog"
                                      << "none";
    // 6./8. manifests and other: upstream, path cleaned, query kept (ours)
    QTest::newRow("manifest") << "GET"
                              << "/v2/pause/manifests/3.10" << p << "" << false << 307
                              << kUp + "/pause/manifests/3.10"
                              << "manifest"
                              << "upstream";
    QTest::newRow("double slashes") << "GET"
                                    << "/v2//pause//manifests/latest" << p << "" << false << 307
                                    << kUp + "/pause/manifests/latest"
                                    << "manifest"
                                    << "upstream";
    QTest::newRow("trailing slash")
        << "GET"
        << "/v2/pause/tags/list/" << p << "" << false << 307 << kUp + "/pause/tags/list"
        << "manifest"
        << "upstream";
    QTest::newRow("query kept") << "GET"
                                << "/v2/pause/tags/list?n=50&last=v1.30.0" << p << "" << false
                                << 307 << kUp + "/pause/tags/list?n=50&last=v1.30.0"
                                << "manifest"
                                << "upstream";
    QTest::newRow("escaped slash") << "GET"
                                   << "/v2/pause%2Fmanifests/latest" << p << "" << false << 307
                                   << kUp + "/pause/manifests/latest"
                                   << "manifest"
                                   << "upstream";
    QTest::newRow("escaped letter") << "GET"
                                    << "/v2/pa%75se/manifests/latest" << p << "" << false << 307
                                    << kUp + "/pause/manifests/latest"
                                    << "manifest"
                                    << "upstream";
    QTest::newRow("escaped query mark stays in path")
        << "GET"
        << "/v2/a%3Fb/manifests/x" << p << "" << false << 307 << kUp + "/a%3Fb/manifests/x"
        << "manifest"
        << "upstream";
    QTest::newRow("space re-escaped")
        << "GET"
        << "/v2/a%20b/manifests/x" << p << "" << false << 307 << kUp + "/a%20b/manifests/x"
        << "manifest"
        << "upstream";
    QTest::newRow("at sign keeps host") << "GET"
                                        << "/v2/@evil.example.com/manifests/x" << p << "" << false
                                        << 307 << kUp + "/@evil.example.com/manifests/x"
                                        << "manifest"
                                        << "upstream";
    QTest::newRow("dots inside names")
        << "GET"
        << "/v2/a..b/manifests/x" << p << "" << false << 307 << kUp + "/a..b/manifests/x"
        << "manifest"
        << "upstream";
    QTest::newRow("catalog with slash is other")
        << "GET"
        << "/v2/_catalog/" << p << "" << false << 307 << kUp + "/_catalog"
        << "manifest"
        << "upstream";
    // (ours) dot segments and malformed escapes → 400
    QTest::newRow("dotdot escape") << "GET"
                                   << "/v2/../../other-project/x" << p << "" << false << 400 << ""
                                   << "bad_request"
                                   << "none";
    QTest::newRow("encoded dotdot")
        << "GET"
        << "/v2/%2e%2e/%2E%2E/other-project/x" << p << "" << false << 400 << ""
        << "bad_request"
        << "none";
    QTest::newRow("dot segment") << "GET"
                                 << "/v2/pause/./manifests/x" << p << "" << false << 400 << ""
                                 << "bad_request"
                                 << "none";
    QTest::newRow("trailing dotdot") << "GET"
                                     << "/v2/pause/.." << p << "" << false << 400 << ""
                                     << "bad_request"
                                     << "none";
    QTest::newRow("malformed escape") << "GET"
                                      << "/v2/%zz" << p << "" << false << 400 << ""
                                      << "bad_request"
                                      << "none";
    QTest::newRow("malformed escape before method") << "POST"
                                                    << "/v2/%2" << p << "" << false << 400 << ""
                                                    << "bad_request"
                                                    << "none";
    // cosign signatures
    const QString sig = "/v2/pause/manifests/sha256-" + kHex + ".sig";
    const QString att = "/v2/pause/manifests/sha256-" + kHex + ".att";
    QTest::newRow("sig with upstream")
        << "GET" << sig << p << "" << true << 307 << kSig + sig.mid(3) << "signature"
        << "signature";
    QTest::newRow("att with upstream")
        << "GET" << att << p << "" << true << 307 << kSig + att.mid(3) << "signature"
        << "signature";
    QTest::newRow("sig without upstream")
        << "GET" << sig << p << "" << false << 307 << kUp + sig.mid(3) << "manifest"
        << "upstream";
    QTest::newRow("tag with sig upstream")
        << "GET"
        << "/v2/pause/manifests/latest" << p << "" << true << 307 << kUp + "/pause/manifests/latest"
        << "manifest"
        << "upstream";
    // 5./7. blobs
    const QString eu = kEuWest3 + "/containers/images/sha256:" + kHex;
    QTest::newRow("blob via xff") << "GET" << kBlobPath << kLb << "35.180.1.1, 34.120.0.1" << false
                                  << 307 << eu << "blob"
                                  << "s3";
    QTest::newRow("blob HEAD") << "HEAD" << kBlobPath << kLb << "35.180.1.1, 34.120.0.1" << false
                               << 307 << eu << "blob"
                               << "s3";
    QTest::newRow("blob via peer") << "GET" << kBlobPath << "35.180.1.1:5000"
                                   << "" << false << 307 << eu << "blob"
                                   << "s3";
    QTest::newRow("blob mapped peer") << "GET" << kBlobPath << "[::ffff:35.180.1.1]:5000"
                                      << "" << false << 307 << eu << "blob"
                                      << "s3";
    QTest::newRow("blob v6 peer") << "GET" << kBlobPath << "[2600:1f01:4874::47]:443"
                                  << "" << false << 307
                                  << kUsWest2 + "/containers/images/sha256:" + kHex << "blob"
                                  << "s3";
    QTest::newRow("blob v6 xff") << "GET" << kBlobPath << kLb << "2600:1f01:4874::47, 34.120.0.1"
                                 << false << 307 << kUsWest2 + "/containers/images/sha256:" + kHex
                                 << "blob"
                                 << "s3";
    QTest::newRow("blob sha512") << "GET"
                                 << "/v2/pause/blobs/sha512:" + kHex + kHex << "35.180.1.1:1"
                                 << "" << false << 307
                                 << kEuWest3 + "/containers/images/sha512:" + kHex + kHex << "blob"
                                 << "s3";
    QTest::newRow("blob GCP client")
        << "GET" << kBlobPath << "35.220.26.1:1"
        << "" << false << 307 << kUp + "/pause/blobs/sha256:" + kHex << "blob"
        << "upstream";
    QTest::newRow("blob unknown client")
        << "GET" << kBlobPath << "192.0.2.1:1"
        << "" << false << 307 << kDefault + "/containers/images/sha256:" + kHex << "blob"
        << "default";
    QTest::newRow("blob other cloud")
        << "GET" << kBlobPath << "20.50.3.4:1"
        << "" << false << 307 << kDefault + "/containers/images/sha256:" + kHex << "blob"
        << "default";
    QTest::newRow("blob GLOBAL region")
        << "GET" << kBlobPath << "15.193.2.9:1"
        << "" << false << 307 << kDefault + "/containers/images/sha256:" + kHex << "blob"
        << "default";
    QTest::newRow("blob alias region")
        << "GET" << kBlobPath << "3.2.48.77:1"
        << "" << false << 307
        << "https://prod-registry-k8s-io-me-central-1.s3.dualstack.me-central-1."
           "amazonaws.com/containers/images/sha256:" +
               kHex
        << "blob"
        << "s3";
    QTest::newRow("blob query not forwarded to bucket") << "GET" << kBlobPath + "?x=1"
                                                        << "35.180.1.1:1"
                                                        << "" << false << 307 << eu << "blob"
                                                        << "s3";
    QTest::newRow("blob escaped digest") << "GET"
                                         << "/v2/pause/blobs/sha256%3A" + kHex << "35.180.1.1:1"
                                         << "" << false << 307 << eu << "blob"
                                         << "s3";
    QTest::newRow("malformed digest is other")
        << "GET"
        << "/v2/pause/blobs/sha256:ab+c"
        << "35.180.1.1:1"
        << "" << false << 307 << kUp + "/pause/blobs/sha256:ab+c"
        << "manifest"
        << "upstream";
    QTest::newRow("digest without algo is other")
        << "GET"
        << "/v2/pause/blobs/" + kHex << "35.180.1.1:1"
        << "" << false << 307 << kUp + "/pause/blobs/" + kHex << "manifest"
        << "upstream";
    // X-Forwarded-For forms
    QTest::newRow("xff one entry")
        << "GET" << kBlobPath << kLb << "35.180.1.1" << false << 400 << ""
        << "bad_request"
        << "none";
    QTest::newRow("xff spaces") << "GET" << kBlobPath << kLb << "  35.180.1.1 ,  34.120.0.1 "
                                << false << 307 << eu << "blob"
                                << "s3";
    QTest::newRow("xff outer tabs")
        << "GET" << kBlobPath << kLb << "\t35.180.1.1, 34.120.0.1\t" << false << 307 << eu << "blob"
        << "s3";
    QTest::newRow("xff inner tab")
        << "GET" << kBlobPath << kLb << "35.180.1.1\t, 34.120.0.1" << false << 400 << ""
        << "bad_request"
        << "none";
    QTest::newRow("xff empty entries")
        << "GET" << kBlobPath << kLb << ",35.180.1.1,,34.120.0.1," << false << 307 << eu << "blob"
        << "s3";
    QTest::newRow("xff garbage") << "GET" << kBlobPath << kLb << "foo, bar" << false << 400 << ""
                                 << "bad_request"
                                 << "none";
    QTest::newRow("xff cloud run form")
        << "GET" << kBlobPath << kLb << "35.180.1.1, 34.120.0.1, 35.180.1.1" << false << 307
        << kDefault + "/containers/images/sha256:" + kHex << "blob"
        << "default";
    QTest::newRow("xff irrelevant for manifests")
        << "GET"
        << "/v2/pause/manifests/x" << kLb << "garbage" << false << 307 << kUp + "/pause/manifests/x"
        << "manifest"
        << "upstream";
    QTest::newRow("bad peer") << "GET" << kBlobPath << "nonsense"
                              << "" << false << 400 << ""
                              << "bad_request"
                              << "none";
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
