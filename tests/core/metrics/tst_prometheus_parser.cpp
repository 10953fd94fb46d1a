#include "core/metrics/prometheus_parser.h"

#include <QTest>
#include <cmath>

using namespace ociproxy;

class TestPrometheusParser : public QObject {
    Q_OBJECT
private slots:
    void samples_data();
    void samples();
    void badLinesAreSkippedWithTheirNumbers_data();
    void badLinesAreSkippedWithTheirNumbers();
    void helpTypeAndFamilies();
};

void TestPrometheusParser::samples_data() {
    QTest::addColumn<QString>("line");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("labels"); // k=v;k=v
    QTest::addColumn<double>("value");
    QTest::addColumn<qint64>("timestamp"); // -1: none
    QTest::newRow("bare") << "up 1"
                          << "up"
                          << "" << 1.0 << qint64(-1);
    QTest::newRow("labels") << R"(ociproxy_requests_total{kind="blob",backend="s3",code="307"} 12)"
                            << "ociproxy_requests_total"
                            << "kind=blob;backend=s3;code=307" << 12.0 << qint64(-1);
    QTest::newRow("escapes") << R"(x{path="a\\b\"c\nd"} 2)"
                             << "x"
                             << "path=a\\b\"c\nd" << 2.0 << qint64(-1);
    QTest::newRow("trailing comma") << R"(x{a="1",} 3)"
                                    << "x"
                                    << "a=1" << 3.0 << qint64(-1);
    QTest::newRow("empty labels") << "x{} 4"
                                  << "x"
                                  << "" << 4.0 << qint64(-1);
    QTest::newRow("spaces") << R"(  x { a = "1" , b="2" }   5  )"
                            << "x"
                            << "a=1;b=2" << 5.0 << qint64(-1);
    QTest::newRow("float") << "x 1.5e-3"
                           << "x"
                           << "" << 0.0015 << qint64(-1);
    QTest::newRow("negative") << "x -2"
                              << "x"
                              << "" << -2.0 << qint64(-1);
    QTest::newRow("+Inf") << "x +Inf"
                          << "x"
                          << "" << HUGE_VAL << qint64(-1);
    QTest::newRow("-Inf") << "x -Inf"
                          << "x"
                          << "" << -HUGE_VAL << qint64(-1);
    QTest::newRow("timestamp") << "x 7 1700000000000"
                               << "x"
                               << "" << 7.0 << qint64(1700000000000);
    QTest::newRow("colon name") << "job:rate5m 8"
                                << "job:rate5m"
                                << "" << 8.0 << qint64(-1);
    QTest::newRow("bucket") << R"(h_bucket{le="0.25"} 9)"
                            << "h_bucket"
                            << "le=0.25" << 9.0 << qint64(-1);
    QTest::newRow("crlf") << "x 10\r"
                          << "x"
                          << "" << 10.0 << qint64(-1);
}

void TestPrometheusParser::samples() {
    QFETCH(QString, line);
    QFETCH(QString, name);
    QFETCH(QString, labels);
    QFETCH(double, value);
    QFETCH(qint64, timestamp);
    const Scrape s = parse_prometheus_text(line.toStdString());
    QVERIFY2(s.issues.empty(), s.issues.empty() ? "" : s.issues[0].message.c_str());
    QCOMPARE(s.samples.size(), std::size_t(1));
    const auto& m = s.samples[0];
    QCOMPARE(QString::fromStdString(m.name), name);
    QStringList kv;
    for (const auto& [k, v] : m.labels)
        kv << QString::fromStdString(k + "=" + v);
    QCOMPARE(kv.join(';'), labels);
    QCOMPARE(m.value, value);
    QCOMPARE(m.timestamp_ms ? qint64(*m.timestamp_ms) : qint64(-1), timestamp);
}

void TestPrometheusParser::badLinesAreSkippedWithTheirNumbers_data() {
    QTest::addColumn<QString>("bad");
    QTest::addColumn<QString>("message");
    QTest::newRow("no value") << "x"
                              << "invalid value";
    QTest::newRow("bad value") << "x one"
                               << "invalid value";
    QTest::newRow("hex value") << "x 0x10"
                               << "invalid value";
    QTest::newRow("lowercase inf") << "x inf"
                                   << "invalid value";
    QTest::newRow("bad name") << "1x 2"
                              << "expected a metric name";
    QTest::newRow("unterminated label") << R"(x{a="1} 2)"
                                        << "unterminated";
    QTest::newRow("bad escape") << R"(x{a="\t"} 2)"
                                << "invalid escape";
    QTest::newRow("no quotes") << "x{a=1} 2"
                               << "expected '\"'";
    QTest::newRow("missing comma") << R"(x{a="1" b="2"} 3)"
                                   << "expected ',' or '}'";
    QTest::newRow("label with colon") << R"(x{a:b="1"} 2)"
                                      << "expected '='";
    QTest::newRow("bad timestamp") << "x 1 soon"
                                   << "invalid timestamp";
    QTest::newRow("trailing text") << "x 1 2 3"
                                   << "unexpected text";
    QTest::newRow("unknown type") << "# TYPE x meter"
                                  << "unknown metric type";
    QTest::newRow("type without name") << "# TYPE"
                                       << "expected a metric name";
}

void TestPrometheusParser::badLinesAreSkippedWithTheirNumbers() {
    QFETCH(QString, bad);
    QFETCH(QString, message);
    const std::string text = "# HELP a A.\n# TYPE a counter\na 1\n" + bad.toStdString() + "\nb 2\n";
    const Scrape s = parse_prometheus_text(text);
    QCOMPARE(s.issues.size(), std::size_t(1));
    QCOMPARE(s.issues[0].line, std::size_t(4));
    QVERIFY2(QString::fromStdString(s.issues[0].message).contains(message),
             s.issues[0].message.c_str());
    QCOMPARE(s.samples.size(), std::size_t(2)); // the lines around it still count
    QCOMPARE(QString::fromStdString(s.samples[1].name), QStringLiteral("b"));
}

void TestPrometheusParser::helpTypeAndFamilies() {
    const Scrape s = parse_prometheus_text(
        "# HELP h Latency with \\\\ and\\nnewline.\n# TYPE h histogram\n"
        "# a plain comment\n# HELPER not help\n"
        "h_bucket{le=\"1\"} 1\nh_bucket{le=\"+Inf\"} 2\nh_sum 1.5\nh_count 2\n"
        "# TYPE s summary\ns{quantile=\"0.5\"} NaN\ns_sum 0\ns_count 0\nloose 1\n");
    QVERIFY(s.issues.empty());
    QCOMPARE(QString::fromStdString(s.families.at("h").help),
             QStringLiteral("Latency with \\ and\nnewline."));
    QVERIFY(s.families.at("h").type == MetricType::Histogram);
    QVERIFY(s.families.at("s").type == MetricType::Summary);
    QCOMPARE(s.samples.size(), std::size_t(8));
    for (const auto& m : s.samples) {
        const MetricFamily* f = s.family_of(m);
        if (m.name == "loose")
            QVERIFY(!f);
        else
            QVERIFY2(f, m.name.c_str());
    }
    QVERIFY(std::isnan(s.samples[4].value));
}

QTEST_APPLESS_MAIN(TestPrometheusParser)
#include "tst_prometheus_parser.moc"
