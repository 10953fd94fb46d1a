#pragma once

// The request-handling rules of DESIGN §3 as one table, shared by the core's
// decide() test and the server's HTTP test (which replays every row over a
// real socket). The blob rows assume the blob is present wherever looked.

#include <QString>
#include <QTest>

namespace ociproxy::test {

inline const QString kUp =
    QStringLiteral("https://us-central1-docker.pkg.dev/v2/k8s-artifacts-prod/images");
inline const QString kSig = QStringLiteral("https://sig.example.com/v2/k8s-artifacts-prod/images");
inline const QString kHex =
    QStringLiteral("e6f1816883972d4be47bd48879a08919b96afcd344132622e4d444987919323c");
inline const QString kBlobPath = "/v2/pause/blobs/sha256:" + kHex;
inline const QString kEuWest3 =
    QStringLiteral("https://prod-registry-k8s-io-eu-west-3.s3.dualstack.eu-west-3.amazonaws.com");
inline const QString kUsWest2 =
    QStringLiteral("https://prod-registry-k8s-io-us-west-2.s3.dualstack.us-west-2.amazonaws.com");
inline const QString kDefault = QStringLiteral("https://d1be1w964nk82h.cloudfront.net");
inline const QString kLb = QStringLiteral("169.254.1.1:4000");
inline const QString kDefaultPeer = QStringLiteral("127.0.0.1:0");

// Columns: method target peer xff sigUpstream status location kind backend.
inline void add_decide_rules() {
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
    // RFC 9112 §3.2.2: an absolute-form target is routed by its path; the
    // host in it changes nothing.
    QTest::newRow("absolute-form manifest") << "GET"
                                            << "http://evil.example.com/v2/pause/manifests/3.9" << p
                                            << "" << false << 307 << kUp + "/pause/manifests/3.9"
                                            << "manifest"
                                            << "upstream";
    QTest::newRow("absolute-form HTTPS ping")
        << "GET"
        << "HTTPS://evil.example.com:8443/v2/" << p << "" << false << 200 << ""
        << "ping"
        << "none";
    QTest::newRow("absolute-form no path") << "GET"
                                           << "http://evil.example.com" << p << "" << false << 307
                                           << "https://github.com/kubernetes/registry.k8s.io"
                                           << "info"
                                           << "none";
    QTest::newRow("absolute-form /v2foo") << "GET"
                                          << "http://h/v2foo" << p << "" << false << 404 << ""
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
    QTest::newRow("blob digest with escaped CRLF")
        << "GET"
        << "/v2/pause/blobs/a%0d%0aSet-Cookie:%20x:abc"
        << "35.180.1.1:1"
        << "" << false << 307 << kEuWest3 + "/containers/images/a%0D%0ASet-Cookie:%20x:abc"
        << "blob"
        << "s3";
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

} // namespace ociproxy::test
