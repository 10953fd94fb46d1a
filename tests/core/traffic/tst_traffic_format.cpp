#include "core/traffic/traffic_format.h"

#include <QTest>

using namespace ociproxy;

Q_DECLARE_METATYPE(TrafficFormat)

class TestTrafficFormat : public QObject {
    Q_OBJECT
private slots:
    void detects_data();
    void detects();
    void readsLines_data();
    void readsLines();
    void badLinesSayWhy_data();
    void badLinesSayWhy();
    void layoutFromTheStartOfAFile_data();
    void layoutFromTheStartOfAFile();
};

void TestTrafficFormat::detects_data() {
    QTest::addColumn<QString>("first");
    QTest::addColumn<int>("format"); // -1: not a traffic file
    QTest::newRow("ip") << "35.180.1.1" << int(TrafficFormat::IpList);
    QTest::newRow("ip count") << "35.180.1.1 12" << int(TrafficFormat::IpList);
    QTest::newRow("peer") << "[2600:1f14::1]:443 3" << int(TrafficFormat::IpList);
    QTest::newRow("csv ip") << "ip,count" << int(TrafficFormat::Csv);
    QTest::newRow("csv xff") << "method,path,xff,bytes" << int(TrafficFormat::Csv);
    QTest::newRow("csv without ip") << "path,count" << -1;
    QTest::newRow("cloud logging")
        << R"({"httpRequest":{"remoteIp":"1.2.3.4","requestUrl":"https://registry.k8s.io/v2/"}})"
        << int(TrafficFormat::CloudLogging);
    QTest::newRow("access log")
        << R"({"time":"t","method":"GET","path":"/v2/","client_ip":"1.2.3.0"})"
        << int(TrafficFormat::AccessLog);
    QTest::newRow("other json") << R"({"a":1})" << -1;
    QTest::newRow("combined")
        << R"(35.180.1.1 - - [28/Nov/2026:08:00:00 +0000] "GET /v2/ HTTP/1.1" 200 2 "-" "curl")"
        << int(TrafficFormat::Combined);
    QTest::newRow("prose") << "hello world" << -1;
}

void TestTrafficFormat::detects() {
    QFETCH(QString, first);
    QFETCH(int, format);
    const auto l = detect_traffic_format(first.toStdString(), "t.txt");
    if (format < 0) {
        QVERIFY(!l);
        QVERIFY2(l.error().what().starts_with("t.txt:1: "), l.error().what().c_str());
        return;
    }
    QVERIFY2(l, l ? "" : l.error().what().c_str());
    QCOMPARE(int(l->format), format);
}

void TestTrafficFormat::readsLines_data() {
    QTest::addColumn<QString>("header");
    QTest::addColumn<QString>("line");
    QTest::addColumn<QString>("peer");
    QTest::addColumn<QString>("xff");
    QTest::addColumn<QString>("method");
    QTest::addColumn<QString>("target");
    QTest::addColumn<qulonglong>("count");
    QTest::addColumn<qlonglong>("bytes"); // -1: none
    QTest::newRow("ip") << "1.1.1.1"
                        << "35.180.1.1"
                        << "35.180.1.1"
                        << ""
                        << "GET"
                        << "" << 1ull << -1ll;
    QTest::newRow("ip count") << "1.1.1.1"
                              << " 35.180.1.1\t7 "
                              << "35.180.1.1"
                              << ""
                              << "GET"
                              << "" << 7ull << -1ll;
    QTest::newRow("csv quoted xff")
        << "xff,path,method,count,bytes"
        << R"("35.180.1.1, 130.211.0.1",/v2/pause/manifests/3.9,HEAD,4,1000)"
        << ""
        << "35.180.1.1, 130.211.0.1"
        << "HEAD"
        << "/v2/pause/manifests/3.9" << 4ull << 1000ll;
    QTest::newRow("csv ip only") << "count,ip"
                                 << "2,35.180.1.1"
                                 << "35.180.1.1"
                                 << ""
                                 << "GET"
                                 << "" << 2ull << -1ll;
    QTest::newRow("cloud logging")
        << R"({"httpRequest":{}})"
        << R"({"httpRequest":{"remoteIp":"34.80.12.7","requestUrl":"https://registry.k8s.io/v2/pause/blobs/sha256:ab?x=1","requestMethod":"HEAD"}})"
        << "34.80.12.7"
        << ""
        << "HEAD"
        << "/v2/pause/blobs/sha256:ab?x=1" << 1ull << -1ll;
    QTest::newRow("access log truncated ip")
        << R"({"client_ip":""})"
        << R"({"time":"t","method":"GET","path":"/v2/a/blobs/sha256:1","client_ip":"35.180.1.0/24","bytes":123})"
        << "35.180.1.0"
        << ""
        << "GET"
        << "/v2/a/blobs/sha256:1" << 1ull << 123ll;
    QTest::newRow("combined")
        << R"(1.1.1.1 - - [x] "GET / HTTP/1.1" 200 1 "-" "-")"
        << R"(35.180.1.1 - - [28/Nov/2026:08:00:00 +0000] "GET /v2/a/blobs/sha256:1 HTTP/1.1" 200 4096 "-" "containerd")"
        << "35.180.1.1"
        << ""
        << "GET"
        << "/v2/a/blobs/sha256:1" << 1ull << 4096ll;
    QTest::newRow("combined no bytes") << R"(1.1.1.1 - - [x] "GET / HTTP/1.1" 200 1 "-" "-")"
                                       << R"(35.180.1.1 - - [x] "HEAD /v2/ HTTP/1.1" 307 - "-" "-")"
                                       << "35.180.1.1"
                                       << ""
                                       << "HEAD"
                                       << "/v2/" << 1ull << -1ll;
}

void TestTrafficFormat::readsLines() {
    QFETCH(QString, header);
    QFETCH(QString, line);
    QFETCH(QString, peer);
    QFETCH(QString, xff);
    QFETCH(QString, method);
    QFETCH(QString, target);
    QFETCH(qulonglong, count);
    QFETCH(qlonglong, bytes);
    const auto layout = detect_traffic_format(header.toStdString(), "t");
    QVERIFY2(layout, layout ? "" : layout.error().what().c_str());
    TrafficRecord r;
    std::string why;
    const std::string text = line.toStdString();
    QCOMPARE(int(parse_traffic_line(*layout, text, r, why)), int(LineKind::Record));
    QCOMPARE(QString::fromStdString(std::string(r.peer)), peer);
    QCOMPARE(QString::fromStdString(std::string(r.forwarded_for)), xff);
    QCOMPARE(QString::fromStdString(std::string(r.method)), method);
    QCOMPARE(QString::fromStdString(std::string(r.target)), target);
    QCOMPARE(qulonglong(r.count), count);
    QCOMPARE(r.bytes ? qlonglong(*r.bytes) : -1ll, bytes);
}

void TestTrafficFormat::badLinesSayWhy_data() {
    QTest::addColumn<QString>("header");
    QTest::addColumn<QString>("line");
    QTest::addColumn<QString>("why");
    QTest::newRow("ip bad count") << "1.1.1.1"
                                  << "35.180.1.1 many"
                                  << "ip [count]";
    QTest::newRow("csv bad count") << "ip,count"
                                   << "35.180.1.1,x"
                                   << "count is not a whole number";
    QTest::newRow("csv bad bytes") << "ip,bytes"
                                   << "35.180.1.1,-5"
                                   << "bytes is not a whole number";
    QTest::newRow("csv empty ip") << "ip,count"
                                  << ",3"
                                  << "no ip or xff";
    QTest::newRow("json garbage") << R"({"httpRequest":1})"
                                  << "{not json"
                                  << "not a JSON object";
    QTest::newRow("json no url") << R"({"httpRequest":1})"
                                 << R"({"httpRequest":{"remoteIp":"1.1.1.1"}})"
                                 << "remoteIp and requestUrl";
    QTest::newRow("access no path") << R"({"client_ip":1})"
                                    << R"({"client_ip":"1.1.1.1"})"
                                    << "client_ip and path";
    QTest::newRow("combined cut") << R"(1 - - [x] "GET / H" 1 1)"
                                  << "1.1.1.1 - - [x] GET"
                                  << "combined";
}

void TestTrafficFormat::badLinesSayWhy() {
    QFETCH(QString, header);
    QFETCH(QString, line);
    QFETCH(QString, why);
    const auto layout = detect_traffic_format(header.toStdString(), "t");
    QVERIFY(layout);
    TrafficRecord r;
    std::string reason;
    QCOMPARE(int(parse_traffic_line(*layout, line.toStdString(), r, reason)), int(LineKind::Bad));
    QVERIFY2(QString::fromStdString(reason).contains(why), reason.c_str());
    QCOMPARE(int(parse_traffic_line(*layout, "  # a comment", r, reason)), int(LineKind::Skip));
    QCOMPARE(int(parse_traffic_line(*layout, "\r", r, reason)), int(LineKind::Skip));
}

QTEST_GUILESS_MAIN(TestTrafficFormat)
void TestTrafficFormat::layoutFromTheStartOfAFile_data() {
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<int>("format"); // -1: not traffic
    QTest::newRow("comments first")
        << QByteArray("# exported\n\n35.180.1.1 3\n") << int(TrafficFormat::IpList);
    QTest::newRow("gcloud array, cut after its first entry")
        << QByteArray("[\n  {\n    \"httpRequest\": {\n      \"remoteIp\": \"35.180.1.1\",\n"
                      "      \"requestUrl\": \"https://r/v2/p/blobs/sha256:ab\"\n    }\n  },\n"
                      "  {\n    \"httpRe")
        << int(TrafficFormat::CloudLogging);
    QTest::newRow("access log array")
        << QByteArray("[{\"client_ip\": \"1.2.3.4\", \"path\": \"/\"}]")
        << int(TrafficFormat::AccessLog);
    QTest::newRow("AWS ranges") << QByteArray("{\"syncToken\": \"1\", \"prefixes\": []}") << -1;
    QTest::newRow("range CSV") << QByteArray("cidr,cloud,region\n10.0.0.0/8,AWS,x\n") << -1;
    QTest::newRow("empty array") << QByteArray("[]") << -1;
}

// The console decides whether a dropped file is traffic from its first
// bytes, as the simulator will read it: an export's first entry, not "[".
void TestTrafficFormat::layoutFromTheStartOfAFile() {
    QFETCH(QByteArray, head);
    QFETCH(int, format);
    const auto l =
        detect_traffic_layout(std::string_view(head.constData(), std::size_t(head.size())), "t");
    QCOMPARE(l.ok(), format >= 0);
    if (format >= 0) QCOMPARE(int(l->format), format);
}

#include "tst_traffic_format.moc"
