#include "core/metrics/prometheus_text.h"

#include <QTest>
#include <cmath>
#include <limits>

using namespace ociproxy;

class TestPrometheusText : public QObject {
    Q_OBJECT
private slots:
    void values_data();
    void values();
    void samplesEscapeLabels();
};

void TestPrometheusText::values_data() {
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("text");
    QTest::newRow("integer") << 42.0 << "42";
    QTest::newRow("zero") << 0.0 << "0";
    QTest::newRow("fraction") << 0.25 << "0.25";
    QTest::newRow("nan") << std::nan("") << "NaN";
    QTest::newRow("+inf") << std::numeric_limits<double>::infinity() << "+Inf";
    QTest::newRow("-inf") << -std::numeric_limits<double>::infinity() << "-Inf";
    QTest::newRow("big") << 1e20 << "1e+20";
}

void TestPrometheusText::values() {
    QFETCH(double, value);
    QFETCH(QString, text);
    std::string out;
    append_value(out, value);
    QCOMPARE(QString::fromStdString(out), text);
}

void TestPrometheusText::samplesEscapeLabels() {
    std::string out;
    append_metric_header(out, "x_total", "Help with \\ and\nnewline.", "counter");
    append_sample(out, "x_total", {{"a", "plain"}, {"b", "q\"uo\\te\nnl"}}, 3);
    append_sample(out, "y", {}, 1.5);
    QCOMPARE(QString::fromStdString(out),
             QStringLiteral("# HELP x_total Help with \\\\ and\\nnewline.\n# TYPE x_total counter\n"
                            "x_total{a=\"plain\",b=\"q\\\"uo\\\\te\\nnl\"} 3\ny 1.5\n"));
}

QTEST_APPLESS_MAIN(TestPrometheusText)
#include "tst_prometheus_text.moc"
