#include "core/net/base_url.h"

#include <QTest>

using namespace ociproxy;

class TestBaseUrl : public QObject {
    Q_OBJECT
private slots:
    void checks_data();
    void checks();
};

void TestBaseUrl::checks_data() {
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("valid");
    QTest::newRow("cloudfront") << "https://d1be1w964nk82h.cloudfront.net" << true;
    QTest::newRow("s3")
        << "https://prod-registry-k8s-io-eu-west-3.s3.dualstack.eu-west-3.amazonaws.com" << true;
    QTest::newRow("with path") << "https://www.linuxfoundation.org/privacy-policy/" << true;
    QTest::newRow("loopback port") << "http://127.0.0.1:8081" << true;
    QTest::newRow("v6 literal") << "http://[::1]:8081/bucket" << true;
    QTest::newRow("localhost") << "http://localhost:9000" << true;
    QTest::newRow("idn tld") << "https://example.xn--p1ai" << true;
    QTest::newRow("production typo net1") << "https://d1be1w964nk82h.cloudfront.net1" << false;
    QTest::newRow("no scheme") << "d1be1w964nk82h.cloudfront.net" << false;
    QTest::newRow("ftp") << "ftp://example.com" << false;
    QTest::newRow("empty host") << "https:///x" << false;
    QTest::newRow("userinfo") << "https://user@example.com" << false;
    QTest::newRow("port 0") << "https://example.com:0" << false;
    QTest::newRow("port big") << "https://example.com:65536" << false;
    QTest::newRow("port text") << "https://example.com:http" << false;
    QTest::newRow("query") << "https://example.com/x?y=1" << false;
    QTest::newRow("space") << "https://example.com/a b" << false;
    QTest::newRow("underscore host") << "https://ex_ample.com" << false;
    QTest::newRow("dash label") << "https://-example.com" << false;
    QTest::newRow("empty label") << "https://example..com" << false;
    QTest::newRow("single label") << "https://intranet" << false;
    QTest::newRow("bad v6") << "http://[::g]:80" << false;
}

void TestBaseUrl::checks() {
    QFETCH(QString, url);
    QFETCH(bool, valid);
    const auto s = check_base_url(url.toStdString());
    QVERIFY2(s.ok() == valid, s.ok() ? "accepted" : s.error().message.c_str());
    if (!valid) QVERIFY(QString::fromStdString(s.error().message).contains(url.left(20)));
}

QTEST_APPLESS_MAIN(TestBaseUrl)
#include "tst_base_url.moc"
