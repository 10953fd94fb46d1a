#include "core/request/client_ip.h"

#include <QTest>

using namespace ociproxy;

class TestClientIp : public QObject {
    Q_OBJECT
private slots:
    void peers_data();
    void peers();
    void forwardedFor_data();
    void forwardedFor();
};

void TestClientIp::peers_data() {
    QTest::addColumn<QString>("peer");
    QTest::addColumn<QString>("ip"); // empty = error
    QTest::newRow("ip") << "35.180.1.1"
                        << "35.180.1.1";
    QTest::newRow("ip:port") << "35.180.1.1:443"
                             << "35.180.1.1";
    QTest::newRow("[v6]:port") << "[2600:1f01:4874::47]:443"
                               << "2600:1f01:4874::47";
    QTest::newRow("[v6]") << "[::1]"
                          << "::1";
    QTest::newRow("bare v6") << "2600:1f01:4874::47"
                             << "2600:1f01:4874::47";
    QTest::newRow("mapped") << "[::ffff:35.180.1.1]:80"
                            << "::ffff:35.180.1.1";
    QTest::newRow("empty") << ""
                           << "";
    QTest::newRow("garbage") << "nonsense"
                             << "";
    QTest::newRow("bad port") << "1.2.3.4:99999"
                              << "";
    QTest::newRow("empty port") << "1.2.3.4:"
                                << "";
    QTest::newRow("v4 in brackets") << "[1.2.3.4]:80"
                                    << "";
    QTest::newRow("unterminated") << "[::1:80"
                                  << "";
    QTest::newRow("zone") << "[fe80::1%eth0]:80"
                          << "";
}

void TestClientIp::peers() {
    QFETCH(QString, peer);
    QFETCH(QString, ip);
    auto a = parse_peer_address(peer.toStdString());
    QCOMPARE(a.ok(), !ip.isEmpty());
    if (a.ok())
        QCOMPARE(QString::fromStdString(a->to_string()), ip);
    else
        QVERIFY(QString::fromStdString(a.error().message).contains("peer address"));
}

void TestClientIp::forwardedFor_data() {
    QTest::addColumn<QString>("xff");
    QTest::addColumn<QString>("peer");
    QTest::addColumn<QString>("client"); // empty = 400
    QTest::addColumn<bool>("fromHeader");
    const QString peer = "169.254.1.1:4000";
    QTest::newRow("absent → peer") << "" << peer << "169.254.1.1" << false;
    QTest::newRow("blank → peer") << "  \t " << peer << "169.254.1.1" << false;
    QTest::newRow("one entry") << "35.180.1.1" << peer << "" << true;
    QTest::newRow("client, lb") << "35.180.1.1,34.120.0.1" << peer << "35.180.1.1" << true;
    QTest::newRow("spaces") << "  35.180.1.1 ,   34.120.0.1  " << peer << "35.180.1.1" << true;
    QTest::newRow("space only separator")
        << "35.180.1.1 34.120.0.1" << peer << "35.180.1.1" << true;
    QTest::newRow("outer tabs trimmed")
        << "\t35.180.1.1, 34.120.0.1\t" << peer << "35.180.1.1" << true;
    QTest::newRow("inner tab") << "35.180.1.1\t, 34.120.0.1" << peer << "" << true;
    QTest::newRow("empty entries") << ",,35.180.1.1,, ,34.120.0.1," << peer << "35.180.1.1" << true;
    QTest::newRow("ipv6") << "2600:1f01:4874::47, 34.120.0.1" << peer << "2600:1f01:4874::47"
                          << true;
    QTest::newRow("garbage") << "foo, bar" << peer << "" << true;
    QTest::newRow("spoofed prefix")
        << "6.6.6.6, 35.180.1.1, 34.120.0.1" << peer << "35.180.1.1" << true;
    // Cloud Run appends client and load balancer, so the second from the end
    // is the load balancer's own client: archeio's rule, kept.
    QTest::newRow("cloud run client, lb, client")
        << "35.180.1.1, 34.120.0.1, 35.180.1.1" << peer << "34.120.0.1" << true;
    QTest::newRow("bad peer, no header") << ""
                                         << "bad"
                                         << "" << false;
    QTest::newRow("bad peer ignored with header") << "35.180.1.1, 34.120.0.1"
                                                  << "bad"
                                                  << "35.180.1.1" << true;
}

void TestClientIp::forwardedFor() {
    QFETCH(QString, xff);
    QFETCH(QString, peer);
    QFETCH(QString, client);
    QFETCH(bool, fromHeader);
    auto c = client_ip(xff.toStdString(), peer.toStdString());
    QCOMPARE(c.ok(), !client.isEmpty());
    if (!c.ok()) return;
    QCOMPARE(QString::fromStdString(c->address.to_string()), client);
    QCOMPARE(c->source == ClientIpSource::ForwardedFor, fromHeader);
}

QTEST_APPLESS_MAIN(TestClientIp)
#include "tst_client_ip.moc"
