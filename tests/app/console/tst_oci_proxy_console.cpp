// Runs the real oci-proxy-console binary offscreen, the way the README and
// the review scripts do: --help, --screenshot, --exit-when-ready, bad files.

#include "resources/demo_data.h"

#include <QImage>
#include <QProcess>
#include <QScopeGuard>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct Run {
    int code = -1;
    QString out, err;
};

Run console(const QStringList& args, const QString& home, bool display = true) {
    QProcess p;
    auto env = QProcessEnvironment::systemEnvironment();
    // Without a display: the X11 platform with nowhere to connect, as over
    // ssh or in a container.
    env.insert("QT_QPA_PLATFORM", display ? "offscreen" : "xcb");
    if (!display) env.remove("DISPLAY");
    // A fresh home: no remembered workspace, no settings from other runs.
    env.insert("HOME", home);
    env.insert("XDG_CONFIG_HOME", home + "/config");
    env.insert("XDG_DATA_HOME", home + "/data");
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(OCIPROXY_CONSOLE_BIN), args);
    if (!p.waitForStarted(10000)) return {};
    p.waitForFinished(60000);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
            QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

} // namespace

class TestOciProxyConsole : public QObject {
    Q_OBJECT
private slots:
    void help();
    void screenshotsOfEveryView();
    void screenshotsOfAGivenWorkspace();
    void badWorkspaceExits3NamingIt();
    void exitWhenReadyReportsTheTime();
    void screenshotOfTheLiveViewWithData();

private:
    QTemporaryDir m_home;
};

void TestOciProxyConsole::help() {
    const Run r = console({"--help"}, m_home.path());
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.contains("--screenshot <DIR>") && r.out.contains("WORKSPACE") &&
                 r.out.contains("--exit-when-ready"),
             qPrintable(r.out));
    QCOMPARE(console({"a.json", "b.json"}, m_home.path()).code, 2);

    // Help and the version need no display.
    const Run noDisplay = console({"--help"}, m_home.path(), false);
    QCOMPARE(noDisplay.code, 0);
    QVERIFY2(noDisplay.out.contains("--screenshot <DIR>"), qPrintable(noDisplay.err));
    const Run version = console({"--version"}, m_home.path(), false);
    QCOMPARE(version.code, 0);
    QVERIFY2(version.out.startsWith("oci-proxy-console "), qPrintable(version.out));
    // The GUI itself does need one, and says so rather than crash silently.
    QVERIFY(console({"--demo"}, m_home.path(), false).code != 0);
}

void TestOciProxyConsole::screenshotsOfEveryView() {
    QTemporaryDir out;
    const Run r = console({"--demo", "--screenshot", out.path()}, m_home.path());
    QVERIFY2(r.code == 0, qPrintable(r.err));
    for (const char* view : {"ranges", "buckets", "lookup", "live", "planner"}) {
        const QImage img(out.filePath(QString::fromLatin1(view) + ".png"));
        QVERIFY2(!img.isNull(), view);
        QVERIFY(img.width() >= 800 && img.height() >= 500);
        // Not a blank grab: more than a handful of distinct colours.
        QSet<QRgb> colours;
        for (int y = 0; y < img.height(); y += 7)
            for (int x = 0; x < img.width(); x += 7)
                colours.insert(img.pixel(x, y));
        QVERIFY2(colours.size() > 8, view);
    }
}

void TestOciProxyConsole::screenshotsOfAGivenWorkspace() {
    QTemporaryDir dir;
    QFile ws(dir.filePath("w.json"));
    QVERIFY(ws.open(QIODevice::WriteOnly));
    ws.write(R"({"oci_proxy_workspace": 1, "ranges": ["demo:gcp-cloud.json", "extra.csv"]})");
    ws.close();
    QFile csv(dir.filePath("extra.csv"));
    QVERIFY(csv.open(QIODevice::WriteOnly));
    csv.write("198.51.100.0/24,AWS,eu-west-3\n");
    csv.close();
    const Run r = console({ws.fileName(), "--screenshot", dir.filePath("shots")}, m_home.path());
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY(QFile::exists(dir.filePath("shots/ranges.png")));
}

void TestOciProxyConsole::badWorkspaceExits3NamingIt() {
    QTemporaryDir dir;
    QFile ws(dir.filePath("broken.json"));
    QVERIFY(ws.open(QIODevice::WriteOnly));
    ws.write(R"({"oci_proxy_workspace": 1, "settings": {"match": "shortest"}})");
    ws.close();
    const Run r = console({ws.fileName(), "--screenshot", dir.filePath("shots")}, m_home.path());
    QCOMPARE(r.code, 3);
    QVERIFY2(r.err.contains("broken.json: settings.match"), qPrintable(r.err));
    QVERIFY(!QFile::exists(dir.filePath("shots/ranges.png")));
}

void TestOciProxyConsole::exitWhenReadyReportsTheTime() {
    const Run r = console({"--demo", "--exit-when-ready"}, m_home.path());
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY2(r.out.startsWith("ready in "), qPrintable(r.out));
}

void TestOciProxyConsole::screenshotOfTheLiveViewWithData() {
    QTcpServer a, b;
    QVERIFY(a.listen(QHostAddress::LocalHost, 0) && b.listen(QHostAddress::LocalHost, 0));
    const quint16 port = a.serverPort(), admin = b.serverPort();
    a.close();
    b.close();
    QProcess proxy;
    proxy.start(QStringLiteral(OCIPROXY_PROXY_BIN),
                {"--demo", "--listen", QStringLiteral("127.0.0.1:%1").arg(port), "--admin-listen",
                 QStringLiteral("127.0.0.1:%1").arg(admin)});
    QVERIFY(proxy.waitForStarted(10000));
    const auto stop = qScopeGuard([&proxy] {
        proxy.terminate();
        proxy.waitForFinished(10000);
    });
    QTemporaryDir out;
    const Run r =
        console({"--demo", "--metrics", QStringLiteral("http://127.0.0.1:%1/metrics").arg(admin),
                 "--interval", "1", "--screenshot", out.path()},
                m_home.path());
    QVERIFY2(r.code == 0, qPrintable(r.err));
    // The given source, and the demo workspace's own demo proxy.
    QVERIFY2(r.out.contains("live: 2 source(s)"), qPrintable(r.out));
    const int points = r.out.section("source(s), ", 1).section(' ', 0, 0).toInt();
    QVERIFY2(points >= 3, qPrintable(r.out));
    QVERIFY(!QImage(out.filePath("live.png")).isNull());
    QCOMPARE(console({"--metrics", "ftp://x"}, m_home.path()).code, 2);
    QCOMPARE(console({"--interval", "0"}, m_home.path()).code, 2);
}

QTEST_GUILESS_MAIN(TestOciProxyConsole)
#include "tst_oci_proxy_console.moc"
