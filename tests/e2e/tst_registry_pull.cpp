// End to end with real clients and a real registry: Debian's docker-registry
// as the upstream, nginx as the S3 buckets and as a load balancer setting
// X-Forwarded-For, and skopeo pulling through the real oci-proxy binary.

#include "tests/e2e/registry_fixture.h"
#include "tests/server/http_probe.h"
#include "tests/test_support.h"

#include <QTemporaryDir>
#include <csignal>

using namespace ociproxy::test;

namespace {

struct Pull {
    bool ok = false;
    QString output;
};

} // namespace

class TestRegistryPull : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void pullsThroughTheProxy();
    void missingBlobComesFromUpstream();
    void deadBucketStillPulls();
    void loadBalancerClientGetsItsRegionalBucket();
    void signalsReloadAndStop();

private:
    std::unique_ptr<Child> start_proxy(const QStringList& extra);
    std::unique_ptr<Child> start_nginx(const QString& name, const QString& server_block,
                                       unsigned short port);
    Pull pull(unsigned short port, const QString& dest);
    QString metrics(unsigned short admin_port);
    bool metrics_reach(const QString& sample);
    bool served_every_blob(const QString& name);

    QTemporaryDir m_dir;
    QString m_layout, m_bucket, m_bucket2;
    QStringList m_blobs; // sha256:<hex> of config and layers
    unsigned short m_registry_port = 0;
    std::unique_ptr<Child> m_registry;
    unsigned short m_proxy_port = 0, m_admin_port = 0;
};

void TestRegistryPull::initTestCase() {
    if (const QString why = missing_tool({"docker-registry", "skopeo", "nginx", "tar", "gzip"});
        !why.isEmpty())
        QSKIP(qPrintable(why));
    const QString d = m_dir.path();

    // An OCI layout with two real gzip'd tar layers and a config.
    m_layout = d + "/layout";
    QDir().mkpath(d + "/rootfs/etc");
    QVERIFY(write_file(d + "/rootfs/etc/hello", "hello from oci-proxy e2e\n"));
    QVERIFY(write_file(d + "/rootfs/etc/big",
                       QByteArray(200000, 'x') + QByteArray::number(::getpid())));
    m_blobs = build_oci_layout(d, d + "/rootfs", {"etc/hello", "etc/big"}, m_layout, "1.0");
    QVERIFY(!m_blobs.isEmpty());

    // The upstream registry, and the image pushed to it under the production namespace.
    m_registry = start_registry(d, &m_registry_port);
    QVERIFY2(m_registry, "docker-registry did not start");
    const QString pushed = push_image(m_layout, "1.0", m_registry_port);
    QVERIFY2(pushed.isEmpty(), qPrintable(pushed));

    // Two buckets with the blobs at /containers/images/sha256:<hex>.
    m_bucket = d + "/bucket";
    m_bucket2 = d + "/bucket2";
    copy_blobs_to(m_layout, m_blobs, m_bucket);
    copy_blobs_to(m_layout, m_blobs, m_bucket2);
}

void TestRegistryPull::cleanupTestCase() {
    m_registry.reset();
}

std::unique_ptr<Child> TestRegistryPull::start_nginx(const QString& name,
                                                     const QString& server_block,
                                                     unsigned short port) {
    return ociproxy::test::start_nginx(m_dir.path(), name, server_block, port);
}

std::unique_ptr<Child> TestRegistryPull::start_proxy(const QStringList& extra) {
    m_proxy_port = free_port();
    m_admin_port = free_port();
    QStringList args = {"--demo",
                        "--listen",
                        QString("127.0.0.1:%1").arg(m_proxy_port),
                        "--admin-listen",
                        QString("127.0.0.1:%1").arg(m_admin_port),
                        "--upstream",
                        QString("http://127.0.0.1:%1").arg(m_registry_port),
                        "--access-log",
                        m_dir.path() + "/access.log"};
    args += extra;
    auto child = std::make_unique<Child>(QStringLiteral(OCIPROXY_PROXY_BIN), args,
                                         m_dir.path() + "/proxy.log");
    if (!wait_for_port(m_proxy_port)) qWarning("oci-proxy did not start");
    return child;
}

Pull TestRegistryPull::pull(unsigned short port, const QString& dest) {
    QDir(dest).removeRecursively();
    const QString said =
        skopeo_copy({"--src-tls-verify=false", QString("docker://127.0.0.1:%1/pause:1.0").arg(port),
                     "dir:" + dest});
    return {said.isEmpty(), said};
}

// True when the nginx instance `name` logged a GET for every blob.
bool TestRegistryPull::served_every_blob(const QString& name) {
    QFile log(m_dir.path() + "/" + name + "/access.log");
    if (!log.open(QIODevice::ReadOnly)) return false;
    const QByteArray served = log.readAll();
    for (const QString& b : m_blobs) {
        if (!served.contains(("GET /containers/images/" + b).toUtf8())) {
            qWarning("%s did not serve %s", qPrintable(name), qPrintable(b));
            return false;
        }
    }
    return true;
}

QString TestRegistryPull::metrics(unsigned short admin_port) {
    return QString::fromStdString(scrape_metrics(admin_port));
}

// Whether the proxy's metrics come to show `sample` within 10 s. The proxy
// counts a request once its reply is written, so a pull's last request may
// still be counting when skopeo is done.
bool TestRegistryPull::metrics_reach(const QString& sample) {
    return QTest::qWaitFor([&] { return metrics(m_admin_port).contains(sample); }, 10000);
}

void TestRegistryPull::pullsThroughTheProxy() {
    const unsigned short bucket_port = free_port();
    auto bucket = start_nginx("bucket", "    root " + m_bucket + ";", bucket_port);
    auto proxy =
        start_proxy({"--default-aws-base", QString("http://127.0.0.1:%1").arg(bucket_port)});
    const Pull p = pull(m_proxy_port, m_dir.path() + "/out1");
    QVERIFY2(p.ok, qPrintable(p.output));
    // skopeo checked every digest; the files are the blobs.
    for (const QString& b : m_blobs)
        QVERIFY2(QFile::exists(m_dir.path() + "/out1/" + b.mid(7)), qPrintable(b));
    QVERIFY2(metrics_reach(QString("ociproxy_blob_redirects_total{backend=\"default\",bucket="
                                   "\"default\",cloud=\"\",region=\"\"} %1")
                               .arg(m_blobs.size())),
             qPrintable(metrics(m_admin_port)));
    const QString m = metrics(m_admin_port);
    QVERIFY(
        m.contains("ociproxy_requests_total{kind=\"manifest\",backend=\"upstream\",code=\"307\"}"));
    QVERIFY(
        m.contains(QString("ociproxy_blob_checks_total{result=\"found\"} %1").arg(m_blobs.size())));
    QVERIFY(
        !m.contains("ociproxy_redirected_bytes_total{backend=\"default\",bucket=\"default\"} 0\n"));
    QVERIFY(served_every_blob("bucket"));
}

void TestRegistryPull::missingBlobComesFromUpstream() {
    const QString partial = m_dir.path() + "/bucket-partial";
    copy_blobs_to(m_layout, m_blobs, partial);
    QVERIFY(QFile::remove(partial + "/containers/images/" + m_blobs[1]));
    const unsigned short bucket_port = free_port();
    auto bucket = start_nginx("bucket-partial", "    root " + partial + ";", bucket_port);
    auto proxy =
        start_proxy({"--default-aws-base", QString("http://127.0.0.1:%1").arg(bucket_port)});
    const Pull p = pull(m_proxy_port, m_dir.path() + "/out2");
    QVERIFY2(p.ok, qPrintable(p.output));
    QVERIFY2(
        metrics_reach("ociproxy_requests_total{kind=\"blob\",backend=\"upstream\",code=\"307\"} 1"),
        qPrintable(metrics(m_admin_port)));
    const QString m = metrics(m_admin_port);
    QVERIFY2(m.contains("ociproxy_blob_checks_total{result=\"not_found\"} 1"), qPrintable(m));
}

void TestRegistryPull::deadBucketStillPulls() {
    const unsigned short dead_port = free_port(); // nothing listens there
    auto proxy = start_proxy({"--default-aws-base", QString("http://127.0.0.1:%1").arg(dead_port)});
    const Pull p = pull(m_proxy_port, m_dir.path() + "/out3");
    QVERIFY2(p.ok, qPrintable(p.output));
    const QString m = metrics(m_admin_port);
    QVERIFY2(
        m.contains(QString("ociproxy_blob_checks_total{result=\"error\"} %1").arg(m_blobs.size())),
        qPrintable(m));
}

void TestRegistryPull::loadBalancerClientGetsItsRegionalBucket() {
    const unsigned short default_port = free_port(), paris_port = free_port(),
                         lb_port = free_port();
    auto def = start_nginx("bucket-default", "    root " + m_bucket + ";", default_port);
    auto paris = start_nginx("bucket-eu-west-3", "    root " + m_bucket2 + ";", paris_port);
    const QString map = m_dir.path() + "/buckets.json";
    QVERIFY(write_file(map, QString(R"({"default": "http://127.0.0.1:%1",
      "buckets": [{"name": "eu-west-3", "url": "http://127.0.0.1:%2", "regions": ["eu-west-3"]}]})")
                                .arg(default_port)
                                .arg(paris_port)
                                .toUtf8()));
    auto proxy = start_proxy({"--buckets", map});
    auto lb =
        start_nginx("lb",
                    QString("    location / {\n      proxy_pass http://127.0.0.1:%1;\n"
                            "      proxy_set_header X-Forwarded-For \"35.180.1.1, 127.0.0.1\";\n"
                            "      proxy_redirect off;\n    }")
                        .arg(m_proxy_port),
                    lb_port);
    const Pull p = pull(lb_port, m_dir.path() + "/out4");
    QVERIFY2(p.ok, qPrintable(p.output));
    QVERIFY2(metrics_reach(QString("ociproxy_blob_redirects_total{backend=\"s3\",bucket="
                                   "\"eu-west-3\",cloud=\"AWS\",region=\"eu-west-3\"} %1")
                               .arg(m_blobs.size())),
             qPrintable(metrics(m_admin_port)));
    QVERIFY(served_every_blob("bucket-eu-west-3"));
    QFile other(m_dir.path() + "/bucket-default/access.log");
    QVERIFY(other.open(QIODevice::ReadOnly));
    QVERIFY(!other.readAll().contains("/containers/images/"));
    // The access log saw the client behind the load balancer, truncated by
    // default; it is complete once the proxy has stopped.
    lb.reset();
    proxy.reset();
    QFile access(m_dir.path() + "/access.log");
    QVERIFY(access.open(QIODevice::ReadOnly));
    QVERIFY(access.readAll().contains(
        R"("client_ip":"35.180.1.0","cloud":"AWS","region":"eu-west-3")"));
}

// The real binary's signals: SIGHUP re-reads the bucket map (a bad one is
// refused and the running map kept), SIGTERM ends it with status 0.
void TestRegistryPull::signalsReloadAndStop() {
    const QString map = m_dir.path() + "/signal-buckets.json";
    const auto write_map = [&](const QString& url) {
        return write_file(map, QString(R"({"default": "%1", "buckets": [{"name": "eu-west-3",
          "url": "http://127.0.0.1:1/paris", "regions": ["eu-west-3"]}]})")
                                   .arg(url)
                                   .toUtf8());
    };
    QVERIFY(write_map("http://127.0.0.1:1/first"));
    auto proxy = start_proxy({"--buckets", map, "--blob-timeout", "200ms"});
    const auto location = [&] {
        HttpProbe probe(m_proxy_port);
        probe.send_raw("GET /v2/x/manifests/y HTTP/1.1\r\nHost: x\r\n\r\n");
        return probe.read_reply().status;
    };
    QCOMPARE(location(), 307);
    QVERIFY(write_map("https://d1be1w964nk82h.cloudfront.net1"));
    QFile log(m_dir.path() + "/proxy.log");
    QVERIFY(log.open(QIODevice::ReadOnly));
    const auto logged = [&log](const char* text) {
        log.seek(0);
        return log.readAll().contains(text);
    };
    ::kill(pid_t(proxy->pid()), SIGHUP);
    // The reload runs off the I/O threads: wait for its verdict.
    QTRY_VERIFY_WITH_TIMEOUT(logged("reload failed, keeping the running configuration"), 10000);
    QCOMPARE(location(), 307); // still serving
    QVERIFY(write_map("http://127.0.0.1:1/third"));
    ::kill(pid_t(proxy->pid()), SIGHUP);
    QTRY_VERIFY_WITH_TIMEOUT(logged("reloaded:"), 10000);
    ::kill(pid_t(proxy->pid()), SIGTERM);
    QCOMPARE(proxy->wait_exit(6000), 0);
    // Its last word: how many requests it answered, for the counts that
    // came after the last scrape.
    log.seek(0);
    const QByteArray all = log.readAll();
    QVERIFY2(all.contains("stopped: 2 requests answered\n"), all.right(400).constData());
}

QTEST_GUILESS_MAIN(TestRegistryPull)
#include "tst_registry_pull.moc"
