// The oci-proxy binary's start-up contract: --help, and a clear one-line
// reason with a distinct exit status for every way a start can fail.

#include "tests/server/http_probe.h"
#include "tests/test_support.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

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
    void noSystemCaStoreIsAStartError();
    void signalsDuringStartUp();
    void closedAccessLogPipeKeepsServing();

private:
    QTemporaryDir m_dir;
};

void TestOciProxy::helpExitsZero() {
    const Run r = proxy({"--help"});
    QCOMPARE(r.code, 0);
    QVERIFY(r.out.startsWith("Usage: oci-proxy"));
    // Each group heading once, followed by its flags.
    for (const char* heading : {"\nListening:\n", "\nBlob checks", "\nLogging:\n"})
        QCOMPARE(r.out.count(QString::fromLatin1(heading)), 1);
    QVERIFY(r.out.contains("Listening:\n  --listen ADDR:PORT"));
    QVERIFY(r.out.contains("  --admin-listen ADDR:PORT  /metrics"));
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

// Without trust anchors every HTTPS bucket check would fail silently.
void TestOciProxy::noSystemCaStoreIsAStartError() {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("SSL_CERT_FILE", "/nonexistent/ca.pem");
    env.insert("SSL_CERT_DIR", "/nonexistent");
    const QStringList base = {"--demo", "--listen", "127.0.0.1:0", "--admin-listen", "127.0.0.1:0"};
    const Run r = proxy(base, env);
    QCOMPARE(r.code, 3);
    QVERIFY2(r.err.contains("cannot load the system CA certificates") &&
                 r.err.contains("--ca-file"),
             qPrintable(r.err));
    // --help needs no store.
    QCOMPARE(proxy({"--help"}, env).code, 0);
}

namespace {

// Starts the binary on a range file large enough that loading it takes a
// while, so that a signal sent right after the start lands during start-up.
struct SlowStart {
    QProcess p;
    explicit SlowStart(const QString& ranges, const QStringList& extra = {}) {
        p.start(QStringLiteral(OCIPROXY_PROXY_BIN),
                QStringList{"--ranges", ranges, "--listen", "127.0.0.1:0", "--admin-listen",
                            "127.0.0.1:0"} +
                    extra);
        p.waitForStarted(10000);
    }
    ~SlowStart() {
        if (p.state() != QProcess::NotRunning) {
            p.kill();
            p.waitForFinished();
        }
    }
    QString err;
    bool wait_for(const QString& text, int ms) {
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < ms) {
            p.waitForReadyRead(50);
            err += QString::fromUtf8(p.readAllStandardError());
            if (err.contains(text)) return true;
            if (p.state() == QProcess::NotRunning) return err.contains(text);
        }
        return false;
    }
    int port() const {
        const auto at = err.indexOf("listening on port ");
        return at < 0 ? 0 : err.mid(at + 18).section(',', 0, 0).toInt();
    }
};

QString big_ranges(const QTemporaryDir& dir) {
    const QString path = dir.filePath("big.csv");
    if (QFile::exists(path)) return path;
    QFile f(path);
    f.open(QIODevice::WriteOnly);
    QByteArray text = "cidr,cloud,region\n";
    for (int i = 0; i < 400000; ++i)
        text += QByteArray::number(10 + (i >> 16)) + "." + QByteArray::number((i >> 8) & 255) +
                "." + QByteArray::number(i & 255) + ".0/24,aws,us-east-1\n";
    f.write(text);
    return path;
}

} // namespace

void TestOciProxy::signalsDuringStartUp() {
    const QString ranges = big_ranges(m_dir);
    {
        // SIGHUP while the ranges load: not fatal, the server comes up.
        SlowStart s(ranges);
        QTest::qWait(60); // past the dynamic loader, into main()
        ::kill(pid_t(s.p.processId()), SIGHUP);
        QVERIFY2(s.wait_for("listening on port", 30000), qPrintable(s.err));
        QVERIFY(s.p.state() == QProcess::Running);
        HttpProbe client(quint16(s.port()));
        QCOMPARE(client.request("GET", "/v2/").status, 200);
        // A SIGHUP that came after start-up would have been a reload.
        if (s.err.contains("reload"))
            qWarning("the SIGHUP arrived after start-up: only the running case was seen");
    }
    {
        // SIGTERM while the ranges load: a clean exit, status 0.
        SlowStart s(ranges);
        QTest::qWait(60);
        ::kill(pid_t(s.p.processId()), SIGTERM);
        QVERIFY(s.p.waitForFinished(30000));
        QCOMPARE(s.p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(s.p.exitCode(), 0);
    }
}

// A closed access-log pipe: one error line, logging stops, serving goes on
// (SIGPIPE used to kill the process).
void TestOciProxy::closedAccessLogPipeKeepsServing() {
    // A named pipe whose only reader goes away once the server is up.
    const QByteArray fifo = m_dir.filePath("access.fifo").toLocal8Bit();
    QCOMPARE(::mkfifo(fifo.constData(), 0600), 0);
    const int reader = ::open(fifo.constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    QVERIFY(reader >= 0);
    SlowStart s(big_ranges(m_dir), {"--access-log", QString::fromLocal8Bit(fifo)});
    QVERIFY2(s.wait_for("listening on port", 30000), qPrintable(s.err));
    ::close(reader);
    HttpProbe client(quint16(s.port()));
    for (int i = 0; i < 20; ++i)
        QCOMPARE(client.request("GET", "/v2/").status, 200);
    QVERIFY2(s.wait_for("access log:", 10000), qPrintable(s.err)); // flushed each second
    QVERIFY(s.p.state() == QProcess::Running);
    QCOMPARE(client.request("GET", "/v2/").status, 200);
    QCOMPARE(s.err.count("access log:"), 1);
}

QTEST_GUILESS_MAIN(TestOciProxy)
#include "tst_oci_proxy.moc"
