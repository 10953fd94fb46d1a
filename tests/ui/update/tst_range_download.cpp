#include "core/digest/sha256.h"
#include "resources/demo_data.h"
#include "tests/ui/ui_test_support.h"
#include "tests/ui/update/feed_server.h"
#include "ui/update/range_download.h"

#include <QCoroTask>
#include <QDir>
#include <QFile>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTemporaryDir>

using namespace ociproxy;
using namespace ociproxy::ui;
using ociproxy::test::FeedServer;

namespace {

QByteArray demo_bytes(const char* name) {
    const auto v = demo::file(name);
    return QByteArray(v.data(), qsizetype(v.size()));
}

RangeFeed aws_feed(const QUrl& url) {
    return {"AWS", url, "aws-ip-ranges.json", RangeFormat::Aws};
}

// Every file in the cache folder with its bytes: "the cache is kept" means
// this is unchanged.
std::map<QString, QByteArray> cache_contents() {
    std::map<QString, QByteArray> out;
    for (const QFileInfo& fi : QDir(range_cache_dir()).entryInfoList(QDir::Files)) {
        QFile f(fi.filePath());
        if (f.open(QIODevice::ReadOnly)) out[fi.fileName()] = f.readAll();
    }
    return out;
}

// Where store_in_cache puts `body`: named by its content.
QString cache_path_for(const QByteArray& body) {
    const std::string hash =
        sha256_hex(std::string_view(body.constData(), std::size_t(body.size()))).substr(0, 12);
    return range_cache_dir() + "/aws-ip-ranges-" + QString::fromStdString(hash) + ".json";
}

} // namespace

class TestRangeDownload : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void downloadsValidatesAndCaches();
    void failuresSayWhyAndKeepTheCache_data();
    void failuresSayWhyAndKeepTheCache();
    void refusedConnection();
    void tlsErrorsAreShownNotIgnored();
    void cancelStopsTheTransfer();
    void officialUrlsCanBeOverridden();

private:
    QNetworkAccessManager m_net;
    FeedServer m_server;
};

void TestRangeDownload::initTestCase() {
    test::isolate_console_settings();
    QDir(range_cache_dir()).removeRecursively();
    m_server.set("/aws.json", {200, demo_bytes("aws-ip-ranges.json"), 0});
}

void TestRangeDownload::downloadsValidatesAndCaches() {
    RangeDownload d(&m_net);
    QSignalSpy progress(&d, &RangeDownload::progress);
    auto body = *test::finish(d.fetch(aws_feed(m_server.url("/aws.json"))));
    QVERIFY2(body, body ? "" : body.error().what().c_str());
    QCOMPARE(*body, demo_bytes("aws-ip-ranges.json"));
    auto path = store_in_cache(aws_feed({}), *body);
    QVERIFY(path);
    QCOMPARE(*path, cache_path_for(*body));
    const auto files = cache_contents();
    QCOMPARE(files.size(), std::size_t(1));
    QCOMPARE(files.begin()->second, demo_bytes("aws-ip-ranges.json"));
    QVERIFY(!progress.isEmpty());
    // The same bytes again: the same file. Other bytes: a file of their own,
    // and the first stays (a workspace or an undo step may still name it).
    QCOMPARE(*store_in_cache(aws_feed({}), *body), *path);
    QByteArray other = *body;
    other.replace("\"eu-west-3\"", "\"eu-west-1\"");
    const auto second = store_in_cache(aws_feed({}), other);
    QVERIFY(second);
    QVERIFY(*second != *path);
    QCOMPARE(cache_contents().size(), std::size_t(2));
    QVERIFY(QFile::remove(*second)); // the cases below start from the first file alone
}

void TestRangeDownload::failuresSayWhyAndKeepTheCache_data() {
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("message");
    QTest::newRow("404") << 404 << QByteArray("gone") << "answered HTTP 404";
    QTest::newRow("500") << 500 << QByteArray("oops") << "answered HTTP 500";
    QTest::newRow("truncated json")
        << 200 << demo_bytes("aws-ip-ranges.json").left(300) << "incomplete JSON (byte offset 300)";
    QTest::newRow("html portal page")
        << 200 << QByteArray("<html>sign in to the wifi</html>") << "expected aws ranges";
    QTest::newRow("google list for aws")
        << 200 << demo_bytes("gcp-cloud.json") << "expected aws ranges, got gcp";
    QTest::newRow("empty list")
        << 200
        << QByteArray(R"({"syncToken":"1","createDate":"x","prefixes":[],"ipv6_prefixes":[]})")
        << "no prefixes";
}

void TestRangeDownload::failuresSayWhyAndKeepTheCache() {
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QString, message);
    const auto before = cache_contents();
    QVERIFY(!before.empty());
    const QString path = "/bad-" + QString::fromLatin1(QTest::currentDataTag()).replace(' ', '-');
    m_server.set(path, {status, body, 0});
    RangeDownload d(&m_net);
    auto r = *test::finish(d.fetch(aws_feed(m_server.url(path))));
    QVERIFY(!r);
    const QString what = QString::fromStdString(r.error().what());
    QVERIFY2(what.contains(message, Qt::CaseInsensitive), qPrintable(what));
    QVERIFY2(what.contains("127.0.0.1"), qPrintable(what));
    QVERIFY(cache_contents() == before);
}

void TestRangeDownload::refusedConnection() {
    quint16 port = 0;
    {
        QTcpServer gone;
        QVERIFY(gone.listen(QHostAddress::LocalHost, 0));
        port = gone.serverPort();
    }
    RangeDownload d(&m_net);
    auto r = *test::finish(
        d.fetch(aws_feed(QUrl(QStringLiteral("http://127.0.0.1:%1/aws.json").arg(port)))));
    QVERIFY(!r);
    QVERIFY2(r.error().what().find("refused") != std::string::npos, r.error().what().c_str());
}

void TestRangeDownload::tlsErrorsAreShownNotIgnored() {
    QTemporaryDir dir;
    const auto made = test::make_test_certificate(dir.path());
    QVERIFY(made.ok());
    FeedServer tls(&made.cert, &made.key);
    tls.set("/aws.json", {200, demo_bytes("aws-ip-ranges.json"), 0});
    RangeDownload d(&m_net);
    auto r = *test::finish(d.fetch(aws_feed(tls.url("/aws.json"))));
    QVERIFY(!r);
    const QString what = QString::fromStdString(r.error().what());
    QVERIFY2(what.startsWith("TLS error from https://127.0.0.1"), qPrintable(what));
    QVERIFY2(what.contains("self signed", Qt::CaseInsensitive) ||
                 what.contains("self-signed", Qt::CaseInsensitive),
             qPrintable(what));
}

void TestRangeDownload::cancelStopsTheTransfer() {
    m_server.set("/slow.json", {200, demo_bytes("aws-ip-ranges.json").repeated(4), 200});
    const auto before = cache_contents();
    RangeDownload d(&m_net);
    connect(&d, &RangeDownload::progress, &d, [&d](qint64 got, qint64) {
        if (got > 0) d.cancel();
    });
    QElapsedTimer t;
    t.start();
    auto r = *test::finish(d.fetch(aws_feed(m_server.url("/slow.json"))));
    QVERIFY(!r);
    QCOMPARE(QString::fromStdString(r.error().message), QString("download cancelled"));
    QVERIFY2(t.elapsed() < 5000, "cancel should not wait for the trickle to end");
    QVERIFY(cache_contents() == before);
}

void TestRangeDownload::officialUrlsCanBeOverridden() {
    QSettings().remove("update");
    auto feeds = official_feeds();
    QCOMPARE(feeds.size(), 2);
    QCOMPARE(feeds[0].url, QUrl("https://ip-ranges.amazonaws.com/ip-ranges.json"));
    QCOMPARE(feeds[1].url, QUrl("https://www.gstatic.com/ipranges/cloud.json"));
    QSettings().setValue("update/aws_url", m_server.url("/aws.json"));
    QCOMPARE(official_feeds()[0].url, m_server.url("/aws.json"));
    QSettings().remove("update");
}

QTEST_MAIN(TestRangeDownload)
#include "tst_range_download.moc"
