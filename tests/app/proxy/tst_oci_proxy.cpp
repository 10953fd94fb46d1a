// The oci-proxy binary's start-up contract: --help, and a clear one-line
// reason with a distinct exit status for every way a start can fail.

#include "tests/server/http_probe.h"
#include "tests/test_support.h"

#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using ociproxy::test::HttpProbe;

namespace {

struct Run {
    int code = -1;
    QString out, err;
};

Run proxy(const QStringList& args,
          const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment()) {
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(OCIPROXY_PROXY_BIN), args);
    p.waitForStarted(10000);
    if (!p.waitForFinished(10000)) {
        p.kill();
        p.waitForFinished();
        return {};
    }
    return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

} // namespace

class TestOciProxy : public QObject {
    Q_OBJECT
private slots:
    void helpExitsZero();
    void startFailures_data();
    void startFailures();
    void portInUseIsAStartError();
    void portFromEnvironment();

private:
    QTemporaryDir m_dir;
};

void TestOciProxy::helpExitsZero() {
    const Run r = proxy({"--help"});
    QCOMPARE(r.code, 0);
    QVERIFY(r.out.startsWith("Usage: oci-proxy"));
}

void TestOciProxy::startFailures_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("reason");
    const QString bad = m_dir.filePath("bad-ranges.json");
    QFile f(bad);
    f.open(QIODevice::WriteOnly);
    f.write(R"({"prefixes":[{"ip_prefix":"35.180.0.0/99","region":"eu-west-3","service":"EC2"}]})");
    f.close();
    const QString map = m_dir.filePath("bad-buckets.json");
    QFile m(map);
    m.open(QIODevice::WriteOnly);
    m.write(R"({"default":"https://d1be1w964nk82h.cloudfront.net1","buckets":[]})");
    m.close();
    QTest::newRow("no ranges") << QStringList{} << 2
                               << "--ranges: no --ranges given: refusing to start";
    QTest::newRow("unknown flag") << QStringList{"--demo", "--frob"} << 2
                                  << "unknown option '--frob'";
    QTest::newRow("bad duration") << QStringList{"--demo", "--blob-timeout", "5"} << 2
                                  << "--blob-timeout";
    QTest::newRow("bad listen") << QStringList{"--demo", "--listen", "nowhere"} << 2 << "--listen";
    QTest::newRow("missing ranges file") << QStringList{"--ranges", "/nonexistent/ip-ranges.json"}
                                         << 3 << "/nonexistent/ip-ranges.json";
    QTest::newRow("bad ranges file")
        << QStringList{"--ranges", bad} << 3 << bad + ": prefixes[0].ip_prefix";
    QTest::newRow("bad bucket map")
        << QStringList{"--demo", "--buckets", map} << 3 << map + ": default";
    QTest::newRow("bad upstream") << QStringList{"--demo", "--upstream", "ftp://x"} << 3
                                  << "upstream";
    QTest::newRow("bad ca file")
        << QStringList{"--demo",      "--listen",  "127.0.0.1:0",        "--admin-listen",
                       "127.0.0.1:0", "--ca-file", "/nonexistent/ca.pem"}
        << 3 << "--ca-file";
}

void TestOciProxy::startFailures() {
    QFETCH(QStringList, args);
    QFETCH(int, code);
    QFETCH(QString, reason);
    const Run r = proxy(args);
    QCOMPARE(r.code, code);
    QVERIFY2(r.err.contains(reason), qPrintable(r.err));
    QVERIFY(r.err.startsWith("oci-proxy: "));
}

void TestOciProxy::portInUseIsAStartError() {
    QTcpServer taken;
    QVERIFY(taken.listen(QHostAddress::LocalHost, 0));
    const Run r = proxy({"--demo", "--listen", QString("127.0.0.1:%1").arg(taken.serverPort()),
                         "--admin-listen", "127.0.0.1:0"});
    QCOMPARE(r.code, 3);
    QVERIFY2(r.err.contains("cannot listen on 127.0.0.1:"), qPrintable(r.err));
}

void TestOciProxy::portFromEnvironment() {
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 port = probe.serverPort();
    probe.close();
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("PORT", QString::number(port));
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(OCIPROXY_PROXY_BIN), {"--demo", "--admin-listen", "127.0.0.1:0"});
    QVERIFY(p.waitForStarted());
    bool up = false;
    for (int i = 0; i < 100 && !up; ++i) {
        QTcpSocket s;
        s.connectToHost(QHostAddress::LocalHost, port);
        up = s.waitForConnected(100);
        if (!up) QTest::qWait(50);
    }
    QVERIFY(up);
    HttpProbe client(port);
    QCOMPARE(client.request("GET", "/v2/").status, 200);
    p.terminate();
    QVERIFY(p.waitForFinished(6000));
    QCOMPARE(p.exitCode(), 0);
}

QTEST_GUILESS_MAIN(TestOciProxy)
#include "tst_oci_proxy.moc"
