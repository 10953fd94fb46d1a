// The streaming reader of the AWS and Google lists must build exactly what
// the document reader builds, and give up (so the document reader names the
// problem) on anything else.

#include "core/ranges/prefix_feed_stream.h"
#include "core/ranges/range_readers.h"
#include "resources/demo_data.h"
#include "tests/test_support.h"

#include <QFile>
#include <QTest>

using namespace ociproxy;
using namespace ociproxy::test;

namespace {

void compare_sets(const RangeSet& streamed, const RangeSet& document) {
    QCOMPARE(int(streamed.format), int(document.format));
    QCOMPARE(qs(streamed.published), qs(document.published));
    QCOMPARE(qs(streamed.sync_token), qs(document.sync_token));
    QCOMPARE(streamed.entries.size(), document.entries.size());
    for (std::size_t i = 0; i < streamed.entries.size(); ++i) {
        const auto& a = streamed.entries[i];
        const auto& b = document.entries[i];
        if (!(a.prefix == b.prefix) || a.cloud != b.cloud || a.region != b.region ||
            a.service != b.service)
            QFAIL(qPrintable(QString("entry %1: %2 %3 %4 %5 vs %6 %7 %8 %9")
                                 .arg(i)
                                 .arg(qs(a.prefix.to_string()), qs(a.cloud), qs(a.region),
                                      qs(a.service), qs(b.prefix.to_string()), qs(b.cloud),
                                      qs(b.region), qs(b.service))));
    }
}

QByteArray demo_bytes(const char* name) {
    const auto text = demo::file(name);
    return QByteArray(text.data(), qsizetype(text.size()));
}

} // namespace

class TestPrefixFeedStream : public QObject {
    Q_OBJECT
private slots:
    void sameAsTheDocument_data();
    void sameAsTheDocument();
    void realSnapshots_data();
    void realSnapshots();
    void givesUpOnTheUnusual_data();
    void givesUpOnTheUnusual();
    void damagedCopiesAgreeWithTheDocument();
};

void TestPrefixFeedStream::sameAsTheDocument_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("demo aws") << demo_bytes("aws-ip-ranges.json");
    QTest::newRow("demo aws next") << demo_bytes("aws-ip-ranges-next.json");
    QTest::newRow("demo gcp") << demo_bytes("gcp-cloud.json");
    QTest::newRow("aws, stamps last, v6 first")
        << QByteArray(R"({"ipv6_prefixes":[{"ipv6_prefix":"2600:1f00::/24","region":"us-east-1",
          "service":"EC2","network_border_group":"us-east-1"}],
          "prefixes":[{"ip_prefix":"3.5.140.0/22","region":"ap-northeast-2","service":"AMAZON"}],
          "syncToken":"1","createDate":"2026-01-01-00-00-00"})");
    QTest::newRow("aws without stamps")
        << QByteArray(R"({"prefixes":[{"ip_prefix":"3.5.140.0/22","region":"r","service":"s"}]})");
    QTest::newRow("aws, unknown members skipped")
        << QByteArray(R"({"createDate":"d","extra":{"a":[1,2,{"b":null}]},"n":5,
          "prefixes":[{"ip_prefix":"3.5.140.0/22","region":"r","service":"s","x":"y"}]})");
    QTest::newRow("aws, escaped strings")
        << QByteArray(R"({"createDate":"d","prefixes":[{"ip_prefix":"3.5.140.0\/22",)"
                      R"("region":"eu-west-\u0033","service":"S\"Q"}]})");
    QTest::newRow("aws, empty lists") << QByteArray(R"({"createDate":"d","prefixes":[]})");
    QTest::newRow("gcp, no service, both keys")
        << QByteArray(R"({"creationTime":"t","prefixes":[{"ipv6Prefix":"2600:1900::/35",)"
                      R"("ipv4Prefix":"34.1.208.0/20","scope":"africa-south1"},)"
                      R"({"ipv6Prefix":"2600:1900:4000::/44","scope":"us-central1",)"
                      R"("service":"Google Cloud"}]})");
}

void TestPrefixFeedStream::sameAsTheDocument() {
    QFETCH(QByteArray, text);
    const std::string_view body(text.constData(), std::size_t(text.size()));
    const auto streamed = detail::read_prefix_feed_streaming(body);
    QVERIFY2(streamed, "the streaming reader gave up");
    const auto document = detail::parse_ranges_document(body, "f");
    QVERIFY2(document.ok(), document.ok() ? "" : document.error().what().c_str());
    compare_sets(*streamed, *document);
}

void TestPrefixFeedStream::realSnapshots_data() {
    QTest::addColumn<QString>("file");
    for (const char* f : {"aws-ip-ranges-2025-07-14.json", "aws-ip-ranges-2026-07-29.json",
                          "gcp-cloud-2025-07-14.json", "gcp-cloud-2026-07-29.json"})
        QTest::newRow(f) << QString::fromLatin1(f);
}

void TestPrefixFeedStream::realSnapshots() {
    if (!have_shared_data()) QSKIP("real range snapshots not found (../shared/data)");
    QFETCH(QString, file);
    QFile f(shared_data_dir() + "/" + file);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray text = f.readAll();
    const std::string_view body(text.constData(), std::size_t(text.size()));
    const auto streamed = detail::read_prefix_feed_streaming(body);
    QVERIFY2(streamed, "the streaming reader gave up on a real snapshot");
    const auto document = detail::parse_ranges_document(body, "f");
    QVERIFY(document.ok());
    QVERIFY(streamed->entries.size() > 500);
    compare_sets(*streamed, *document);
}

void TestPrefixFeedStream::givesUpOnTheUnusual_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("azure") << QByteArray(R"({"values":[]})");
    QTest::newRow("root array") << QByteArray(R"([{"ip_prefix":"1.2.3.0/24"}])");
    QTest::newRow("prefixes not an array") << QByteArray(R"({"createDate":"d","prefixes":5})");
    QTest::newRow("prefixes an object") << QByteArray(R"({"createDate":"d","prefixes":{}})");
    QTest::newRow("no prefixes") << QByteArray(R"({"createDate":"d"})");
    QTest::newRow("number as prefix")
        << QByteArray(R"({"prefixes":[{"ip_prefix":7,"region":"r","service":"s"}]})");
    QTest::newRow("bad prefix") << QByteArray(
        R"({"prefixes":[{"ip_prefix":"1.2.3.0/33","region":"r","service":"s"}]})");
    QTest::newRow("missing region")
        << QByteArray(R"({"prefixes":[{"ip_prefix":"1.2.3.0/24","service":"s"}]})");
    QTest::newRow("entry not an object") << QByteArray(R"({"prefixes":[],"ipv6_prefixes":["x"]})");
    QTest::newRow("nested value in an entry")
        << QByteArray(R"({"prefixes":[{"ip_prefix":"1.2.3.0/24","region":"r","service":"s",)"
                      R"("tags":["a"]}]})");
    QTest::newRow("duplicate field") << QByteArray(
        R"({"prefixes":[{"ip_prefix":"1.2.3.0/24","region":"r","region":"q","service":"s"}]})");
    QTest::newRow("duplicate list") << QByteArray(
        R"({"prefixes":[],"prefixes":[{"ip_prefix":"1.2.3.0/24","region":"r","service":"s"}]})");
    QTest::newRow("both feeds' keys")
        << QByteArray(R"({"prefixes":[{"ip_prefix":"1.2.3.0/24","ipv4Prefix":"1.2.3.0/24",)"
                      R"("region":"r","scope":"s","service":"s"}]})");
    QTest::newRow("aws entry in a gcp file")
        << QByteArray(R"({"creationTime":"t","prefixes":[{"ip_prefix":"1.2.3.0/24",)"
                      R"("region":"r","service":"s"}]})");
    QTest::newRow("gcp without scope")
        << QByteArray(R"({"creationTime":"t","prefixes":[{"ipv4Prefix":"34.1.208.0/20"}]})");
    QTest::newRow("createDate a number") << QByteArray(R"({"createDate":5,"prefixes":[]})");
    QTest::newRow("duplicate syncToken")
        << QByteArray(R"({"syncToken":"1","syncToken":"2","createDate":"d","prefixes":[]})");
    QTest::newRow("truncated") << QByteArray(R"({"createDate":"d","prefixes":[{"ip_prefix":"1.2)");
    QTest::newRow("trailing garbage") << QByteArray(R"({"createDate":"d","prefixes":[]} x)");
    QTest::newRow("deep nesting") << QByteArray(100000, '[');
    QTest::newRow("no stamps, no entries") << QByteArray(R"({"prefixes":[]})");
}

void TestPrefixFeedStream::givesUpOnTheUnusual() {
    QFETCH(QByteArray, text);
    const auto streamed = detail::read_prefix_feed_streaming(
        std::string_view(text.constData(), std::size_t(text.size())));
    QVERIFY(!streamed);
}

// The demo lists with one byte deleted or replaced, at evenly spread places:
// whatever the streaming reader accepts, the document reader accepts too
// and reads the same; whatever the document reader refuses, the streaming
// reader gives up on.
void TestPrefixFeedStream::damagedCopiesAgreeWithTheDocument() {
    int accepted = 0, refused = 0;
    for (const char* name : {"aws-ip-ranges.json", "gcp-cloud.json"}) {
        const QByteArray original = demo_bytes(name);
        for (int i = 0; i < 300; ++i) {
            const qsizetype at = qsizetype(i) * original.size() / 300;
            for (const char* change : {"", "x", "\"", "5", "{", "]"}) {
                QByteArray text = original;
                if (*change)
                    text[at] = *change;
                else
                    text.remove(at, 1);
                const std::string_view body(text.constData(), std::size_t(text.size()));
                const auto streamed = detail::read_prefix_feed_streaming(body);
                const auto document = detail::parse_ranges_document(body, "f");
                if (!streamed) {
                    ++refused;
                    continue;
                }
                ++accepted;
                if (!document.ok())
                    QFAIL(qPrintable(QString("%1 at %2 ('%3'): streamed, but the document "
                                             "reader says %4")
                                         .arg(name)
                                         .arg(at)
                                         .arg(change, qs(document.error().what()))));
                compare_sets(*streamed, *document);
            }
        }
    }
    // Both outcomes were exercised.
    QVERIFY(accepted > 100);
    QVERIFY(refused > 100);
}

QTEST_GUILESS_MAIN(TestPrefixFeedStream)
#include "tst_prefix_feed_stream.moc"
