#include "core/metrics/live_queries.h"

#include <QTest>

using namespace ociproxy;

class TestLiveQueries : public QObject {
    Q_OBJECT
private slots:
    void selectorGoesInEveryQuery();
    void badSelectors_data();
    void badSelectors();
};

void TestLiveQueries::selectorGoesInEveryQuery() {
    const auto all = live_queries(R"(job="oci-proxy", env=~"prod|stage")", "20s");
    QCOMPARE(all.size(), std::size_t(6));
    for (const auto& q : all) {
        QVERIFY2(q.expr.find(R"({job="oci-proxy", env=~"prod|stage"}[20s])") != std::string::npos,
                 q.expr.c_str());
    }
    QCOMPARE(
        all[0].expr,
        std::string(
            R"(sum by (kind, code) (rate(ociproxy_requests_total{job="oci-proxy", env=~"prod|stage"}[20s])))"));
    // Without a selector: no empty braces.
    for (const auto& q : live_queries("", "15s"))
        QVERIFY2(q.expr.find('{') == std::string::npos, q.expr.c_str());
    QVERIFY(check_label_selector(""));
    QVERIFY(check_label_selector(R"(job="a}b")"));
}

void TestLiveQueries::badSelectors_data() {
    QTest::addColumn<QString>("selector");
    QTest::addColumn<QString>("message");
    QTest::newRow("braces") << R"({job="x"})"
                            << "without { }";
    QTest::newRow("breaks out") << R"(job="x"}) or vector(1) or (up{)"
                                << "without { }";
    QTest::newRow("unterminated") << R"(job="x)"
                                  << "unterminated";
    QTest::newRow("no matcher") << "oci-proxy"
                                << "label matchers";
    QTest::newRow("two lines") << "job=\"a\"\nx=\"b\""
                               << "one line";
}

void TestLiveQueries::badSelectors() {
    QFETCH(QString, selector);
    QFETCH(QString, message);
    const Status st = check_label_selector(selector.toStdString());
    QVERIFY(!st);
    QVERIFY2(QString::fromStdString(st.error().what()).contains(message),
             st.error().what().c_str());
}

QTEST_APPLESS_MAIN(TestLiveQueries)
#include "tst_live_queries.moc"
