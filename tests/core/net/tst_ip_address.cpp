#include "core/net/ip_address.h"

#include <QTest>

using namespace ociproxy;

class TestIpAddress : public QObject {
    Q_OBJECT
private slots:
    void parsesAndCanonicalises_data();
    void parsesAndCanonicalises();
    void rejects_data();
    void rejects();
    void unmapsIpv4MappedIpv6();
};

void TestIpAddress::parsesAndCanonicalises_data() {
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("canonical");
    QTest::addColumn<bool>("v4");
    QTest::newRow("v4") << "35.180.1.1"
                        << "35.180.1.1" << true;
    QTest::newRow("v4 zero") << "0.0.0.0"
                             << "0.0.0.0" << true;
    QTest::newRow("v4 max") << "255.255.255.255"
                            << "255.255.255.255" << true;
    QTest::newRow("v6 full") << "2001:0db8:0000:0000:0000:ff00:0042:8329"
                             << "2001:db8::ff00:42:8329" << false;
    QTest::newRow("v6 upper") << "2600:1F01:4874::47"
                              << "2600:1f01:4874::47" << false;
    QTest::newRow("v6 loopback") << "::1"
                                 << "::1" << false;
    QTest::newRow("v6 any") << "::"
                            << "::" << false;
    QTest::newRow("v6 trailing gap") << "2001:db8::"
                                     << "2001:db8::" << false;
    // RFC 5952 4.2.2: a single zero group is not shortened.
    QTest::newRow("v6 one zero") << "2001:db8:0:1:1:1:1:1"
                                 << "2001:db8:0:1:1:1:1:1" << false;
    // RFC 5952 4.2.3: the first of equal runs.
    QTest::newRow("v6 tie") << "2001:db8:0:0:1:0:0:1"
                            << "2001:db8::1:0:0:1" << false;
    QTest::newRow("v6 longest run") << "2001:0:0:1:0:0:0:1"
                                    << "2001:0:0:1::1" << false;
    QTest::newRow("v6 mapped") << "::ffff:35.180.1.1"
                               << "::ffff:35.180.1.1" << false;
    QTest::newRow("v6 mapped hex") << "::ffff:23b4:101"
                                   << "::ffff:35.180.1.1" << false;
    QTest::newRow("v6 embedded v4") << "64:ff9b::192.0.2.33"
                                    << "64:ff9b::c000:221" << false;
    QTest::newRow("v6 aws") << "2400:6500:0:9::2"
                            << "2400:6500:0:9::2" << false;
}

void TestIpAddress::parsesAndCanonicalises() {
    QFETCH(QString, input);
    QFETCH(QString, canonical);
    QFETCH(bool, v4);
    auto a = IpAddress::parse(input.toStdString());
    QVERIFY2(a.ok(), a.ok() ? "" : a.error().message.c_str());
    QCOMPARE(QString::fromStdString(a->to_string()), canonical);
    QCOMPARE(a->is_v4(), v4);
    auto again = IpAddress::parse(a->to_string());
    QVERIFY(again.ok());
    QVERIFY(*again == *a);
    IpAddress fast;
    QVERIFY(IpAddress::try_parse(input.toStdString(), fast));
    QVERIFY(fast == *a);
}

void TestIpAddress::rejects_data() {
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("why");
    QTest::newRow("empty") << ""
                           << "empty";
    QTest::newRow("garbage") << "hello"
                             << "decimal octet";
    QTest::newRow("three octets") << "1.2.3"
                                  << "four";
    QTest::newRow("five octets") << "1.2.3.4.5"
                                 << "trailing";
    QTest::newRow("octet 256") << "1.2.3.256"
                               << "out of range";
    QTest::newRow("leading zero") << "01.2.3.4"
                                  << "leading zero";
    QTest::newRow("space") << " 1.2.3.4"
                           << "decimal octet";
    QTest::newRow("trailing space") << "1.2.3.4 "
                                    << "trailing";
    QTest::newRow("sign") << "+1.2.3.4"
                          << "decimal octet";
    QTest::newRow("zone") << "fe80::1%eth0"
                          << "zone";
    QTest::newRow("brackets") << "[::1]"
                              << "";
    QTest::newRow("two gaps") << "1::2::3"
                              << "more than one";
    QTest::newRow("nine groups") << "1:2:3:4:5:6:7:8:9"
                                 << "too many";
    QTest::newRow("seven groups") << "1:2:3:4:5:6:7"
                                  << "8 groups";
    QTest::newRow("gap with 8") << "1:2:3:4::5:6:7:8"
                                << "at least one";
    QTest::newRow("long group") << "12345::"
                                << "longer than 4";
    QTest::newRow("leading colon") << ":1::"
                                   << "leading";
    QTest::newRow("trailing colon") << "1::2:"
                                    << "trailing";
    QTest::newRow("v4 mid") << "1.2.3.4::"
                            << "";
    QTest::newRow("v4 too late") << "1:2:3:4:5:6:7:1.2.3.4"
                                 << "wrong place";
    QTest::newRow("port") << "1.2.3.4:80"
                          << "";
    QTest::newRow("nul") << QString::fromLatin1("1.2.3.4\0", 8) << "trailing";
    QTest::newRow("very long") << QString(100000, QLatin1Char('1')) << "";
}

void TestIpAddress::rejects() {
    QFETCH(QString, input);
    QFETCH(QString, why);
    auto a = IpAddress::parse(input.toStdString());
    QVERIFY(!a.ok());
    IpAddress fast;
    QVERIFY(!IpAddress::try_parse(input.toStdString(), fast));
    QVERIFY2(QString::fromStdString(a.error().message).contains(why), a.error().message.c_str());
    QVERIFY(a.error().message.size() < 200); // long inputs are clipped in messages
}

void TestIpAddress::unmapsIpv4MappedIpv6() {
    auto mapped = IpAddress::parse("::ffff:35.180.1.1");
    QVERIFY(mapped->is_v4_mapped());
    QCOMPARE(QString::fromStdString(mapped->unmapped().to_string()), QStringLiteral("35.180.1.1"));
    QVERIFY(mapped->unmapped().is_v4());
    auto plain = IpAddress::parse("2600::1");
    QVERIFY(!plain->is_v4_mapped());
    QVERIFY(plain->unmapped() == *plain);
    auto compat = IpAddress::parse("::35.180.1.1"); // deprecated IPv4-compatible: not mapped
    QVERIFY(!compat->is_v4_mapped());
}

QTEST_APPLESS_MAIN(TestIpAddress)
#include "tst_ip_address.moc"
