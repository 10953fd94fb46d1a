// Blob checks through the real server against a bucket server in the test:
// answers, failures, timeouts, TLS, coalescing and both caches.

#include "tests/server/blob_requests.h"
#include "tests/server/http_probe.h"
#include "tests/server/running_proxy.h"
#include "tests/server/test_bucket.h"
#include "tests/test_support.h"

#include <QDir>
#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <regex>

using namespace ociproxy;
using namespace ociproxy::test;

namespace {

bool run(const QString& program, const QStringList& args, const QString& dir) {
    QProcess p;
    p.setWorkingDirectory(dir);
    p.start(program, args);
    return p.waitForFinished(30000) && p.exitCode() == 0;
}

} // namespace

namespace {

// Where OpenSSL finds the system store ($SSL_CERT_DIR, $SSL_CERT_FILE), put
// back as it was when the test is done with it.
class TrustStoreEnvironment {
public:
    TrustStoreEnvironment()
        : m_dir(qgetenv("SSL_CERT_DIR"))
        , m_file(qgetenv("SSL_CERT_FILE"))
        , m_had_dir(qEnvironmentVariableIsSet("SSL_CERT_DIR"))
        , m_had_file(qEnvironmentVariableIsSet("SSL_CERT_FILE")) {}
    ~TrustStoreEnvironment() {
        m_had_dir ? qputenv("SSL_CERT_DIR", m_dir) : qunsetenv("SSL_CERT_DIR");
        m_had_file ? qputenv("SSL_CERT_FILE", m_file) : qunsetenv("SSL_CERT_FILE");
    }
    TrustStoreEnvironment(const TrustStoreEnvironment&) = delete;
    TrustStoreEnvironment& operator=(const TrustStoreEnvironment&) = delete;

private:
    QByteArray m_dir, m_file;
    bool m_had_dir, m_had_file;
};

} // namespace

class TestBlobChecks : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void answers_data();
    void answers();
    void slowBucketTimesOut();
    void refusedConnectionGoesUpstream();
    void httpsNeedsTheCa();
    void systemStore_data();
    void systemStore();
    void plainBucketsNeedNoTrustStore();
    void concurrentChecksCoalesce();
    void positiveCacheIsBounded();
    void negativeTtlExpires();
    void negativeTtlZeroChecksEveryTime();
    void connectionsAreReused();

private:
    void makeTestPki();
    QTemporaryDir m_dir;
};

void TestBlobChecks::initTestCase() {
    raise_descriptor_limit();
}

void TestBlobChecks::answers_data() {
    QTest::addColumn<int>("bucketStatus");
    QTest::addColumn<bool>("toBucket");
    QTest::addColumn<QString>("result");
    QTest::newRow("found") << 200 << true << "found";
    QTest::newRow("not found") << 404 << false << "not_found";
    QTest::newRow("forbidden") << 403 << false << "not_found";
    QTest::newRow("server error") << 500 << false << "error";
    QTest::newRow("unavailable") << 503 << false << "error";
}

void TestBlobChecks::answers() {
    QFETCH(int, bucketStatus);
    QFETCH(bool, toBucket);
    QFETCH(QString, result);
    TestBucket bucket;
    bucket.set("sha256:aa", {bucketStatus, 4096, {}});
    RunningProxy proxy({"--default-aws-base", bucket.url()});
    HttpProbe probe(proxy.port());
    const auto r = probe.request("GET", blob_path("sha256:aa"));
    QCOMPARE(r.status, 307);
    QCOMPARE(r.header("location"),
             toBucket ? bucket.url() + "/containers/images/sha256:aa" : kUpstream + "sha256:aa");
    QCOMPARE(bucket.heads("sha256:aa"), 1);
    QCOMPARE(metric(proxy.admin_port(),
                    "ociproxy_blob_checks_total{result=\"" + result.toStdString() + "\"}"),
             1.0);
    if (toBucket) {
        QCOMPARE(metric(proxy.admin_port(),
                        "ociproxy_redirected_bytes_total{backend=\"default\",bucket=\"default\"}"),
                 4096.0);
        // CloudFront to the internet, 0.085 USD/GiB by default.
        QVERIFY(std::abs(metric(proxy.admin_port(), "ociproxy_estimated_egress_cost_usd_total{"
                                                    "backend=\"default\",bucket=\"default\"}") -
                         0.085 * 4096 / (1024.0 * 1024 * 1024)) < 1e-12);
    }
}

void TestBlobChecks::slowBucketTimesOut() {
    TestBucket bucket;
    bucket.set("sha256:slow", {200, 1, std::chrono::milliseconds(2000)});
    RunningProxy proxy({"--default-aws-base", bucket.url(), "--blob-timeout", "300ms"});
    HttpProbe probe(proxy.port());
    QElapsedTimer timer;
    timer.start();
    const auto r = probe.request("GET", blob_path("sha256:slow"));
    QCOMPARE(r.header("location"), kUpstream + "sha256:slow");
    QVERIFY2(timer.elapsed() >= 250 && timer.elapsed() < 1500,
             qPrintable(QString::number(timer.elapsed())));
    QCOMPARE(metric(proxy.admin_port(), "ociproxy_blob_checks_total{result=\"timeout\"}"), 1.0);
}

void TestBlobChecks::refusedConnectionGoesUpstream() {
    unsigned short closed_port;
    {
        TestBucket gone;
        closed_port = gone.port();
    }
    RunningProxy proxy({"--default-aws-base", "http://127.0.0.1:" + std::to_string(closed_port)});
    HttpProbe probe(proxy.port());
    QCOMPARE(probe.request("GET", blob_path("sha256:x")).header("location"),
             kUpstream + "sha256:x");
    QCOMPARE(metric(proxy.admin_port(), "ociproxy_blob_checks_total{result=\"error\"}"), 1.0);
}

// A CA and a certificate for 127.0.0.1 it signed, in the test's directory
// (created once): ca.pem, bucket.pem, bucket.key.
void TestBlobChecks::makeTestPki() {
    const QString d = m_dir.path();
    if (QFile::exists(d + "/bucket.pem")) return;
    QFile ext(d + "/ext.cnf");
    QVERIFY(ext.open(QIODevice::WriteOnly));
    ext.write("subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\n");
    ext.close();
    QVERIFY(
        run("openssl",
            {"req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
             "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=oci-proxy test CA"},
            d));
    QVERIFY(run("openssl",
                {"req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                 "-keyout", "bucket.key", "-out", "bucket.csr", "-subj", "/CN=127.0.0.1"},
                d));
    QVERIFY(run("openssl",
                {"x509", "-req", "-in", "bucket.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
                 "-CAcreateserial", "-out", "bucket.pem", "-days", "2", "-extfile", "ext.cnf"},
                d));
}

void TestBlobChecks::httpsNeedsTheCa() {
    const QString d = m_dir.path();
    makeTestPki();
    TestBucket bucket((d + "/bucket.pem").toStdString(), (d + "/bucket.key").toStdString());
    bucket.set("sha256:tls", {200, 7, {}});
    QVERIFY(bucket.url().rfind("https://", 0) == 0);
    {
        RunningProxy trusted(
            {"--default-aws-base", bucket.url(), "--ca-file", (d + "/ca.pem").toStdString()});
        HttpProbe probe(trusted.port());
        QCOMPARE(probe.request("GET", blob_path("sha256:tls")).header("location"),
                 bucket.url() + "/containers/images/sha256:tls");
    }
    {
        RunningProxy untrusted({"--default-aws-base", bucket.url()});
        HttpProbe probe(untrusted.port());
        QCOMPARE(probe.request("GET", blob_path("sha256:tls")).header("location"),
                 kUpstream + "sha256:tls");
        QCOMPARE(metric(untrusted.admin_port(), "ociproxy_blob_checks_total{result=\"error\"}"),
                 1.0);
    }
    {
        // A certificate for another name is refused even with the CA.
        RunningProxy wrong_name({"--default-aws-base",
                                 "https://localhost:" + std::to_string(bucket.port()), "--ca-file",
                                 (d + "/ca.pem").toStdString()});
        HttpProbe probe(wrong_name.port());
        QCOMPARE(probe.request("GET", blob_path("sha256:tls")).header("location"),
                 kUpstream + "sha256:tls");
    }
}

void TestBlobChecks::systemStore_data() {
    QTest::addColumn<bool>("dir");     // SSL_CERT_DIR: a hashed directory holding the test CA
    QTest::addColumn<bool>("file");    // SSL_CERT_FILE: the test CA's file
    QTest::addColumn<bool>("trusted"); // the bucket's chain verifies
    // The directory alone is how the proxy reads Debian's store (the roots
    // are looked up when a chain needs them, not parsed up front).
    QTest::newRow("hashed directory only") << true << false << true;
    QTest::newRow("file only") << false << true << true;
    QTest::newRow("both") << true << true << true;
    // A store of other roots (the hashed directory holds only another CA).
    QTest::newRow("neither") << false << false << false;
}

// The system store (no --ca-file) as OpenSSL finds it: $SSL_CERT_DIR and
// $SSL_CERT_FILE point at the test's own PKI instead of the machine's.
void TestBlobChecks::systemStore() {
    QFETCH(bool, dir);
    QFETCH(bool, file);
    QFETCH(bool, trusted);
    makeTestPki();
    const QString d = m_dir.path();
    // Directories "<hash>.0" as c_rehash makes them: one with the test CA,
    // one with an unrelated CA so that "no store" is not the reason.
    for (const QString& name : {QStringLiteral("certs-test"), QStringLiteral("certs-other")}) {
        const QString certs = d + "/" + name;
        if (QDir(certs).exists()) continue;
        QVERIFY(QDir().mkpath(certs));
        QString ca = d + "/ca.pem";
        if (name == "certs-other") {
            ca = d + "/other-ca.pem";
            QVERIFY(run("openssl",
                        {"req", "-x509", "-newkey", "ec", "-pkeyopt",
                         "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", "other-ca.key",
                         "-out", "other-ca.pem", "-days", "2", "-subj", "/CN=another CA"},
                        d));
        }
        QProcess hash;
        hash.start("openssl", {"x509", "-hash", "-noout", "-in", ca});
        QVERIFY(hash.waitForFinished(10000));
        const QString h = QString::fromLatin1(hash.readAllStandardOutput()).trimmed();
        QCOMPARE(h.size(), 8);
        QVERIFY(QFile::copy(ca, certs + "/" + h + ".0"));
    }
    const TrustStoreEnvironment restore;
    qputenv("SSL_CERT_DIR", (d + (dir ? "/certs-test" : "/certs-other")).toLocal8Bit());
    if (file)
        qputenv("SSL_CERT_FILE", (d + "/ca.pem").toLocal8Bit());
    else
        qunsetenv("SSL_CERT_FILE");

    TestBucket bucket((d + "/bucket.pem").toStdString(), (d + "/bucket.key").toStdString());
    bucket.set("sha256:sys", {200, 7, {}});
    RunningProxy proxy({"--default-aws-base", bucket.url()});
    HttpProbe probe(proxy.port());
    const std::string location = probe.request("GET", blob_path("sha256:sys")).header("location");
    QCOMPARE(location,
             trusted ? bucket.url() + "/containers/images/sha256:sys" : kUpstream + "sha256:sys");
}

// The trust store is for HTTPS buckets only: with every bucket over plain
// HTTP the server starts and checks without one (and never initialises
// OpenSSL); a reload that brings an HTTPS bucket while there is none is
// refused and keeps the running map.
void TestBlobChecks::plainBucketsNeedNoTrustStore() {
    const QString d = m_dir.path();
    const TrustStoreEnvironment restore;
    qputenv("SSL_CERT_DIR", (d + "/no-certs").toLocal8Bit());
    qputenv("SSL_CERT_FILE", (d + "/no-ca.pem").toLocal8Bit());

    TestBucket bucket;
    bucket.set("sha256:plain1", {200, 5, {}});
    bucket.set("sha256:plain2", {200, 5, {}});
    const QString map = d + "/plain-buckets.json";
    const auto write_map = [&](const std::string& url) {
        QFile f(map);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(QByteArray::fromStdString(R"({"default": ")" + url +
                                          R"(", "buckets": [{"name": "b", "url": ")" +
                                          bucket.url() + R"(", "regions": ["us-east-1"]}]})"));
    };
    write_map(bucket.url());
    RunningProxy proxy({"--buckets", map.toStdString()});
    HttpProbe probe(proxy.port());
    QCOMPARE(probe.request("GET", blob_path("sha256:plain1")).header("location"),
             bucket.url() + "/containers/images/sha256:plain1");
    QCOMPARE(bucket.heads("sha256:plain1"), 1);

    write_map("https://127.0.0.1:1");
    const Status reloaded = proxy.server().reload();
    QVERIFY(!reloaded);
    QVERIFY2(reloaded.error().what().find("cannot load the system CA certificates") !=
                 std::string::npos,
             reloaded.error().what().c_str());
    // The running map still sends the blob to the plain bucket.
    QCOMPARE(probe.request("GET", blob_path("sha256:plain2")).header("location"),
             bucket.url() + "/containers/images/sha256:plain2");
}

void TestBlobChecks::concurrentChecksCoalesce() {
    TestBucket bucket;
    bucket.set("sha256:new", {200, 99, std::chrono::milliseconds(400)});
    RunningProxy proxy({"--default-aws-base", bucket.url(), "--threads", "2"});
    std::vector<std::unique_ptr<HttpProbe>> clients;
    for (int i = 0; i < 100; ++i)
        clients.push_back(std::make_unique<HttpProbe>(proxy.port()));
    for (auto& c : clients)
        c->send_raw("GET " + blob_path("sha256:new") + " HTTP/1.1\r\nHost: x\r\n\r\n");
    for (auto& c : clients)
        QCOMPARE(c->read_reply().header("location"),
                 bucket.url() + "/containers/images/sha256:new");
    QCOMPARE(bucket.heads("sha256:new"), 1);
    const double found = metric(proxy.admin_port(), "ociproxy_blob_checks_total{result=\"found\"}");
    const double coalesced =
        metric(proxy.admin_port(), "ociproxy_blob_checks_total{result=\"coalesced\"}");
    const double hits =
        metric(proxy.admin_port(), "ociproxy_blob_checks_total{result=\"cache_hit\"}");
    QCOMPARE(found, 1.0);
    QCOMPARE(found + coalesced + hits, 100.0);
    QVERIFY(coalesced >= 50); // they really waited on the one HEAD
}

void TestBlobChecks::positiveCacheIsBounded() {
    TestBucket bucket;
    bucket.set_default({200, 1, {}});
    RunningProxy proxy({"--default-aws-base", bucket.url(), "--blob-cache-entries", "16"});
    HttpProbe probe(proxy.port());
    for (int i = 0; i < 64; ++i)
        probe.request("GET", blob_path("sha256:b" + std::to_string(i)));
    QCOMPARE(bucket.total_heads(), 64);
    QVERIFY(metric(proxy.admin_port(), "ociproxy_blob_cache_entries") <= 16);
    QVERIFY(metric(proxy.admin_port(), "ociproxy_blob_cache_entries") >= 1);
    // Asking for all of them again: most were evicted and are checked again.
    for (int i = 0; i < 64; ++i)
        probe.request("GET", blob_path("sha256:b" + std::to_string(i)));
    QVERIFY(bucket.total_heads() >= 64 + 48);
    // A recently used one stays.
    const int before = bucket.total_heads();
    probe.request("GET", blob_path("sha256:b63"));
    QCOMPARE(bucket.total_heads(), before);
}

void TestBlobChecks::negativeTtlExpires() {
    TestBucket bucket;
    RunningProxy proxy({"--default-aws-base", bucket.url(), "--negative-ttl", "500ms"});
    HttpProbe probe(proxy.port());
    probe.request("GET", blob_path("sha256:missing"));
    probe.request("GET", blob_path("sha256:missing"));
    QCOMPARE(bucket.heads("sha256:missing"), 1);
    QCOMPARE(metric(proxy.admin_port(), "ociproxy_blob_checks_total{result=\"cache_hit\"}"), 1.0);
    QTest::qWait(700);
    probe.request("GET", blob_path("sha256:missing"));
    QCOMPARE(bucket.heads("sha256:missing"), 2);
    // Once uploaded, the blob is found when the negative entry has expired.
    bucket.set("sha256:missing", {200, 5, {}});
    QTest::qWait(700);
    QCOMPARE(probe.request("GET", blob_path("sha256:missing")).header("location"),
             bucket.url() + "/containers/images/sha256:missing");
}

void TestBlobChecks::negativeTtlZeroChecksEveryTime() {
    TestBucket bucket;
    RunningProxy proxy({"--default-aws-base", bucket.url(), "--negative-ttl", "0"});
    HttpProbe probe(proxy.port());
    for (int i = 0; i < 5; ++i)
        probe.request("GET", blob_path("sha256:missing"));
    QCOMPARE(bucket.heads("sha256:missing"), 5);
}

void TestBlobChecks::connectionsAreReused() {
    TestBucket bucket;
    bucket.set_default({200, 1, {}});
    RunningProxy proxy({"--default-aws-base", bucket.url(), "--threads", "1"});
    HttpProbe probe(proxy.port());
    for (int i = 0; i < 20; ++i)
        probe.request("GET", blob_path("sha256:r" + std::to_string(i)));
    QCOMPARE(bucket.total_heads(), 20);
    QCOMPARE(bucket.connections(), 1); // one keep-alive connection for all twenty HEADs
}

QTEST_GUILESS_MAIN(TestBlobChecks)
#include "tst_blob_checks.moc"
