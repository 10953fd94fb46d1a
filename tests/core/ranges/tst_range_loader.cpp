#include "core/file_io.h"
#include "core/ranges/range_loader.h"
#include "resources/demo_data.h"
#include "tests/test_support.h"

#include <QTemporaryDir>
#include <QTest>

using namespace ociproxy;
using ociproxy::test::qs;

class TestRangeLoader : public QObject {
    Q_OBJECT
private slots:
    void detectsFormatFromContent_data();
    void detectsFormatFromContent();
    void readsEveryDemoFormat();
    void keepsProvenanceFields();
    void csvDetails();
    void badInputIsANamedError_data();
    void badInputIsANamedError();
    void truncatedJsonNamesLineAndOffset();
    void missingFileNamesThePath();
    void realSnapshotsLoadWithPublishedCounts();
};

void TestRangeLoader::detectsFormatFromContent_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("format");
    QTest::newRow("aws") << "aws-ip-ranges.json" << int(RangeFormat::Aws);
    QTest::newRow("gcp") << "gcp-cloud.json" << int(RangeFormat::Gcp);
    QTest::newRow("azure") << "azure-service-tags.json" << int(RangeFormat::Azure);
    QTest::newRow("csv") << "other-clouds.csv" << int(RangeFormat::Csv);
}

void TestRangeLoader::detectsFormatFromContent() {
    QFETCH(QString, file);
    QFETCH(int, format);
    const auto text = demo::file(file.toStdString());
    QVERIFY(!text.empty());
    auto f = detect_range_format(text, "x");
    QVERIFY(f.ok());
    QCOMPARE(int(*f), format);
}

void TestRangeLoader::readsEveryDemoFormat() {
    auto sets = demo::range_sets();
    QVERIFY2(sets.ok(), sets.ok() ? "" : sets.error().what().c_str());
    QCOMPARE(sets->size(), std::size_t(4));
    const auto& aws = (*sets)[0];
    QCOMPARE(aws.entries.size(), std::size_t(19));
    QCOMPARE(aws.count(Family::V6), std::size_t(3));
    QCOMPARE(qs(aws.entries[0].prefix.to_string()), QStringLiteral("35.180.0.0/16"));
    QCOMPARE(qs(aws.entries[0].region), QStringLiteral("eu-west-3"));
    QCOMPARE(qs(aws.entries[0].cloud), QStringLiteral("AWS"));
    const auto& gcp = (*sets)[1];
    QCOMPARE(gcp.entries.size(), std::size_t(4));
    QCOMPARE(qs(gcp.entries[3].prefix.to_string()), QStringLiteral("2600:1900:4000::/44"));
    QCOMPARE(qs(gcp.entries[3].region), QStringLiteral("us-central1"));
    const auto& azure = (*sets)[2];
    // Only AzureCloud.<region> tags: Storage.WestEurope is a subset and skipped.
    QCOMPARE(azure.entries.size(), std::size_t(5));
    QCOMPARE(qs(azure.entries[0].cloud), QStringLiteral("Azure"));
    QCOMPARE(qs(azure.entries[0].region), QStringLiteral("westeurope"));
    const auto& csv = (*sets)[3];
    QCOMPARE(csv.entries.size(), std::size_t(3));
    QCOMPARE(qs(csv.entries[2].cloud), QStringLiteral("DigitalOcean"));
    QCOMPARE(qs(csv.entries[2].service), QStringLiteral("droplets"));
}

void TestRangeLoader::keepsProvenanceFields() {
    auto aws = parse_ranges(demo::file("aws-ip-ranges.json"), "a.json");
    QCOMPARE(qs(aws->published), QStringLiteral("2026-01-01-00-00-00"));
    QCOMPARE(qs(aws->sync_token), QStringLiteral("1700000000"));
    QCOMPARE(qs(aws->source), QStringLiteral("a.json"));
    QCOMPARE(qs(aws->entries[1].service), QStringLiteral("EC2"));
    auto gcp = parse_ranges(demo::file("gcp-cloud.json"), "g.json");
    QCOMPARE(qs(gcp->published), QStringLiteral("2026-01-01T00:00:00.000000"));
    auto azure = parse_ranges(demo::file("azure-service-tags.json"), "z.json");
    QCOMPARE(qs(azure->published), QStringLiteral("changeNumber 300"));
}

void TestRangeLoader::csvDetails() {
    // No header, comments, CRLF, quotes, cloud name folding, a BOM.
    const std::string text = "\xEF\xBB\xBF# comment\r\n10.0.0.0/8, gcp "
                             ",\"us-east1\"\r\n\r\n2001:db8::/32,Amazon,eu-west-3,S3\n";
    auto set = parse_ranges(text, "c.csv");
    QVERIFY2(set.ok(), set.ok() ? "" : set.error().what().c_str());
    QCOMPARE(set->entries.size(), std::size_t(2));
    QCOMPARE(qs(set->entries[0].cloud), QStringLiteral("GCP"));
    QCOMPARE(qs(set->entries[0].region), QStringLiteral("us-east1"));
    QCOMPARE(qs(set->entries[1].cloud), QStringLiteral("AWS"));
    QCOMPARE(qs(set->entries[1].service), QStringLiteral("S3"));
}

void TestRangeLoader::badInputIsANamedError_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("location");
    QTest::addColumn<QString>("message");
    QTest::newRow("empty") << QByteArray() << "f"
                           << "empty file";
    QTest::newRow("whitespace only") << QByteArray(" \n\t\n") << "f"
                                     << "empty file";
    QTest::newRow("invalid json") << QByteArray("{\"prefixes\": [}") << "f:1:"
                                  << "invalid JSON";
    QTest::newRow("json array") << QByteArray("[1,2]") << "f"
                                << "JSON, but not a known range format";
    QTest::newRow("unknown object") << QByteArray("{\"hello\": 1}") << "f"
                                    << "JSON, but not a known range format";
    QTest::newRow("binary (ELF)") << QByteArray("\x7f"
                                                "ELF\x02\x01\x01\0\0\0\0",
                                                12)
                                  << "f"
                                  << "binary data, not a range file";
    QTest::newRow("binary (gzip)") << QByteArray("\x1f\x8b\x08\x00\x12\x34", 6) << "f"
                                   << "binary data, not a range file";
    QTest::newRow("trailing garbage") << QByteArray("{\"values\": []} x") << "f:1:"
                                      << "invalid JSON";
    QTest::newRow("aws prefixes not array")
        << QByteArray("{\"createDate\":\"x\",\"prefixes\": 5}") << "f: prefixes"
        << "expected an array";
    QTest::newRow("aws prefix wrong type")
        << QByteArray(
               "{\"prefixes\":[{\"ip_prefix\":\"1.2.3.0/24\",\"region\":\"r\",\"service\":\"s\"},"
               "{\"ip_prefix\":7,\"region\":\"r\",\"service\":\"s\"}]}")
        << "f: prefixes[1].ip_prefix"
        << "expected a string";
    QTest::newRow("aws bad prefix")
        << QByteArray(
               "{\"prefixes\":[{\"ip_prefix\":\"1.2.3.0/33\",\"region\":\"r\",\"service\":\"s\"}]}")
        << "f: prefixes[0].ip_prefix"
        << "length must be 0..32";
    QTest::newRow("aws missing region")
        << QByteArray("{\"prefixes\":[{\"ip_prefix\":\"1.2.3.0/24\",\"service\":\"s\"}]}")
        << "f: prefixes[0].region"
        << "missing";
    QTest::newRow("aws v6 entry not object")
        << QByteArray("{\"prefixes\":[],\"ipv6_prefixes\":[\"x\"]}") << "f: ipv6_prefixes[0]"
        << "expected an object";
    QTest::newRow("gcp bad prefix")
        << QByteArray("{\"creationTime\":\"t\",\"prefixes\":[{\"ipv4Prefix\":\"34.1.208.0/"
                      "20\",\"scope\":\"a\"},"
                      "{\"ipv6Prefix\":\"2600:zz::/44\",\"scope\":\"b\"}]}")
        << "f: prefixes[1].ipv6Prefix"
        << "not an IP address";
    QTest::newRow("gcp scope missing")
        << QByteArray("{\"creationTime\":\"t\",\"prefixes\":[{\"ipv4Prefix\":\"34.1.208.0/20\"}]}")
        << "f: prefixes[0].scope"
        << "missing";
    QTest::newRow("azure bad list")
        << QByteArray("{\"values\":[{\"name\":\"AzureCloud.x\",\"properties\":{\"addressPrefixes\":"
                      "[\"1.2.3.4/40\"]}}]}")
        << "f: values[0].properties.addressPrefixes[0]"
        << "length";
    QTest::newRow("azure values wrong type") << QByteArray("{\"values\":{}}") << "f: values"
                                             << "expected an array";
    QTest::newRow("csv too few fields")
        << QByteArray("cidr,cloud,region\n10.0.0.0/8,AWS\n") << "f:2"
        << "got 2 fields";
    QTest::newRow("csv bad prefix")
        << QByteArray("# c\n\n10.0.0.0/8,AWS,r\n10.0.0.300/8,AWS,r\n") << "f:4"
        << "not an IP address";
    QTest::newRow("csv header only") << QByteArray("cidr,cloud,region\n") << "f"
                                     << "no prefixes";
    QTest::newRow("binary") << QByteArray("\x01\x02\x03\xff\xfe", 5) << "f"
                            << "binary data, not a range file";
    QByteArray long_line(1 << 20, 'x');
    QTest::newRow("very long line") << long_line << "f:1"
                                    << "fields";
    QByteArray deep(100000, '[');
    QTest::newRow("deep nesting") << deep << "f:1:"
                                  << "invalid JSON";
}

void TestRangeLoader::badInputIsANamedError() {
    QFETCH(QByteArray, text);
    QFETCH(QString, location);
    QFETCH(QString, message);
    auto set = parse_ranges(std::string_view(text.constData(), std::size_t(text.size())), "f");
    QVERIFY(!set.ok());
    const QString what = qs(set.error().what());
    QVERIFY2(qs(set.error().location).startsWith(location), qPrintable(what));
    QVERIFY2(qs(set.error().message).contains(message), qPrintable(what));
    QVERIFY2(what.size() < 400, qPrintable(what.left(400)));
}

void TestRangeLoader::truncatedJsonNamesLineAndOffset() {
    const auto full = demo::file("aws-ip-ranges.json");
    const std::string_view truncated = full.substr(0, full.size() / 2);
    auto set = parse_ranges(truncated, "aws.json");
    QVERIFY(!set.ok());
    QVERIFY2(qs(set.error().message).contains("byte offset"), set.error().what().c_str());
    QVERIFY2(qs(set.error().location).startsWith("aws.json:"), set.error().what().c_str());
}

void TestRangeLoader::missingFileNamesThePath() {
    auto set = load_range_file("/nonexistent/ranges.json");
    QVERIFY(!set.ok());
    QCOMPARE(qs(set.error().location), QStringLiteral("/nonexistent/ranges.json"));
    QTemporaryDir dir;
    auto d = load_range_file(dir.path().toStdString());
    QVERIFY(!d.ok());
    QVERIFY(qs(d.error().message).contains("directory"));
}

void TestRangeLoader::realSnapshotsLoadWithPublishedCounts() {
    REQUIRE_SHARED_DATA();
    // Counts as documented in ../shared/data/README.md.
    auto aws = load_range_file(test::shared_file("aws-ip-ranges-2026-07-29.json"));
    QVERIFY2(aws.ok(), aws.ok() ? "" : aws.error().what().c_str());
    QCOMPARE(aws->format, RangeFormat::Aws);
    QCOMPARE(aws->count(Family::V4), std::size_t(10544));
    QCOMPARE(aws->count(Family::V6), std::size_t(5880));
    QCOMPARE(qs(aws->published), QStringLiteral("2026-07-29-08-27-05"));
    auto old = load_range_file(test::shared_file("aws-ip-ranges-2025-07-14.json"));
    QVERIFY(old.ok());
    QCOMPARE(old->count(Family::V4), std::size_t(8944));
    QCOMPARE(old->count(Family::V6), std::size_t(4348));
    auto gcp = load_range_file(test::shared_file("gcp-cloud-2026-07-29.json"));
    QVERIFY(gcp.ok());
    QCOMPARE(gcp->format, RangeFormat::Gcp);
    QCOMPARE(gcp->entries.size(), std::size_t(1047));
}

QTEST_APPLESS_MAIN(TestRangeLoader)
#include "tst_range_loader.moc"
