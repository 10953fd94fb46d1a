#include "core/net/ip_prefix.h"

#include <QTest>

using namespace ociproxy;

class TestIpPrefix : public QObject {
    Q_OBJECT
private slots:
    void parses_data();
    void parses();
    void rejects_data();
    void rejects();
    void containment();
};

void TestIpPrefix::parses_data() {
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("canonical");
    QTest::newRow("v4") << "35.180.0.0/16"
                        << "35.180.0.0/16";
    QTest::newRow("v4 host bits masked") << "35.180.1.1/16"
                                         << "35.180.0.0/16";
    QTest::newRow("v4 /32") << "52.93.127.172/32"
                            << "52.93.127.172/32";
    QTest::newRow("v4 /0") << "1.2.3.4/0"
                           << "0.0.0.0/0";
    QTest::newRow("v6") << "2600:1f01:4874::/47"
                        << "2600:1f01:4874::/47";
    QTest::newRow("v6 host bits masked") << "2600:1f01:4875::1/47"
                                         << "2600:1f01:4874::/47";
    QTest::newRow("v6 /128") << "2400:6500:0:9::2/128"
                             << "2400:6500:0:9::2/128";
    QTest::newRow("v6 /0") << "::1/0"
                           << "::/0";
}

void TestIpPrefix::parses() {
    QFETCH(QString, input);
    QFETCH(QString, canonical);
    auto p = IpPrefix::parse(input.toStdString());
    QVERIFY2(p.ok(), p.ok() ? "" : p.error().message.c_str());
    QCOMPARE(QString::fromStdString(p->to_string()), canonical);
}

void TestIpPrefix::rejects_data() {
    QTest::addColumn<QString>("input");
    QTest::newRow("no length") << "35.180.0.0";
    QTest::newRow("v4 33") << "35.180.0.0/33";
    QTest::newRow("v6 129") << "2600::/129";
    QTest::newRow("empty length") << "35.180.0.0/";
    QTest::newRow("negative") << "35.180.0.0/-1";
    QTest::newRow("leading zero length") << "35.180.0.0/016";
    QTest::newRow("garbage length") << "35.180.0.0/1x";
    QTest::newRow("bad address") << "35.180.0/16";
    QTest::newRow("zone") << "fe80::%1/64";
    QTest::newRow("two slashes") << "1.2.3.0/24/1";
}

void TestIpPrefix::rejects() {
    QFETCH(QString, input);
    QVERIFY(!IpPrefix::parse(input.toStdString()).ok());
}

void TestIpPrefix::containment() {
    const auto outer = *IpPrefix::parse("15.193.0.0/19");
    const auto inner = *IpPrefix::parse("15.193.1.0/24");
    QVERIFY(outer.contains(inner));
    QVERIFY(!inner.contains(outer));
    QVERIFY(outer.contains(*IpAddress::parse("15.193.31.255")));
    QVERIFY(!outer.contains(*IpAddress::parse("15.193.32.0")));
    QVERIFY(!outer.contains(*IpAddress::parse("::ffff:15.193.1.1"))); // families never mix
    const auto all6 = *IpPrefix::parse("::/0");
    QVERIFY(all6.last() == ~u128(0));
}

QTEST_APPLESS_MAIN(TestIpPrefix)
#include "tst_ip_prefix.moc"
