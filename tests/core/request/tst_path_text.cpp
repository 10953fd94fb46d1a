#include "core/request/path_text.h"

#include <QTest>

using namespace ociproxy;

class TestPathText : public QObject {
    Q_OBJECT
private slots:
    void decodes_data();
    void decodes();
    void cleansLikeGo_data();
    void cleansLikeGo();
    void joinsLikeGo();
    void findsDotSegments_data();
    void findsDotSegments();
    void escapesForLocation();
};

void TestPathText::decodes_data() {
    QTest::addColumn<QString>("raw");
    QTest::addColumn<QString>("decoded"); // empty + !ok = error
    QTest::addColumn<bool>("ok");
    QTest::newRow("plain") << "/v2/pause/manifests/latest"
                           << "/v2/pause/manifests/latest" << true;
    QTest::newRow("slash") << "/v2/pause%2Fmanifests/latest"
                           << "/v2/pause/manifests/latest" << true;
    QTest::newRow("lower hex") << "/v2/pa%75se"
                               << "/v2/pause" << true;
    QTest::newRow("dots") << "/v2/%2e%2e/x"
                          << "/v2/../x" << true;
    QTest::newRow("plus stays") << "/v2/a+b"
                                << "/v2/a+b" << true;
    QTest::newRow("percent itself") << "/v2/%25"
                                    << "/v2/%" << true;
    QTest::newRow("bad hex") << "/v2/%zz"
                             << "" << false;
    QTest::newRow("short at end") << "/v2/%2"
                                  << "" << false;
    QTest::newRow("lone percent") << "/v2/%"
                                  << "" << false;
}

void TestPathText::decodes() {
    QFETCH(QString, raw);
    QFETCH(QString, decoded);
    QFETCH(bool, ok);
    auto d = percent_decode_path(raw.toStdString());
    QCOMPARE(d.ok(), ok);
    if (ok)
        QCOMPARE(QString::fromStdString(*d), decoded);
    else
        QVERIFY(QString::fromStdString(d.error().message).contains("malformed percent-escape"));
}

void TestPathText::cleansLikeGo_data() {
    // Cases from Go's path.Clean documentation and tests.
    QTest::addColumn<QString>("in");
    QTest::addColumn<QString>("out");
    QTest::newRow("empty") << ""
                           << ".";
    QTest::newRow("root") << "/"
                          << "/";
    QTest::newRow("double") << "//a//b"
                            << "/a/b";
    QTest::newRow("trailing") << "/a/b/"
                              << "/a/b";
    QTest::newRow("dot") << "/a/./b"
                         << "/a/b";
    QTest::newRow("dotdot") << "/a/b/../c"
                            << "/a/c";
    QTest::newRow("dotdot at root") << "/../../x"
                                    << "/x";
    QTest::newRow("relative dotdot") << "../a"
                                     << "../a";
    QTest::newRow("relative collapse") << "a/../.."
                                       << "..";
    QTest::newRow("dot only") << "."
                              << ".";
    QTest::newRow("abc") << "abc/def/../../.."
                         << "..";
}

void TestPathText::cleansLikeGo() {
    QFETCH(QString, in);
    QFETCH(QString, out);
    QCOMPARE(QString::fromStdString(go_path_clean(in.toStdString())), out);
}

void TestPathText::joinsLikeGo() {
    QCOMPARE(QString::fromStdString(
                 go_path_join({"/v2/", "k8s-artifacts-prod/images", "/pause/manifests/x"})),
             QStringLiteral("/v2/k8s-artifacts-prod/images/pause/manifests/x"));
    QCOMPARE(QString::fromStdString(go_path_join({"/v2/", "", "/pause//tags/list/"})),
             QStringLiteral("/v2/pause/tags/list"));
    QCOMPARE(QString::fromStdString(go_path_join({"", ""})), QString());
    QCOMPARE(QString::fromStdString(go_path_join({"a", "b"})), QStringLiteral("a/b"));
}

void TestPathText::findsDotSegments_data() {
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("dot");
    QTest::newRow("none") << "/v2/pause/manifests/latest" << false;
    QTest::newRow("dotdot") << "/v2/../x" << true;
    QTest::newRow("dot") << "/v2/./x" << true;
    QTest::newRow("trailing dotdot") << "/v2/x/.." << true;
    QTest::newRow("trailing dot") << "/v2/x/." << true;
    QTest::newRow("dots inside name") << "/v2/a..b/c.d" << false;
    QTest::newRow("three dots") << "/v2/.../x" << false;
    QTest::newRow("hidden") << "/v2/.x" << false;
}

void TestPathText::findsDotSegments() {
    QFETCH(QString, path);
    QFETCH(bool, dot);
    QCOMPARE(has_dot_segment(path.toStdString()), dot);
}

void TestPathText::escapesForLocation() {
    std::string out;
    append_escaped_path(out, std::string("/v2/a b?c#d%e\r\n\xc3\xa9/x:y@z-._~!$&'()*+,;="));
    QCOMPARE(QString::fromStdString(out),
             QStringLiteral("/v2/a%20b%3Fc%23d%25e%0D%0A%C3%A9/x:y@z-._~!$&'()*+,;="));
}

QTEST_APPLESS_MAIN(TestPathText)
#include "tst_path_text.moc"
