#include "core/report/axis_scale.h"

#include <QTest>

using namespace ociproxy;

class TestAxisScale : public QObject {
    Q_OBJECT
private slots:
    void nice_data();
    void nice();
    void time_data();
    void time();
};

void TestAxisScale::nice_data() {
    QTest::addColumn<double>("value");
    QTest::addColumn<int>("quantity");
    QTest::addColumn<QString>("unit");
    QTest::addColumn<double>("max");
    QTest::addColumn<double>("step");
    QTest::addColumn<int>("ticks");
    QTest::addColumn<QString>("format");
    const int bytes = int(AxisQuantity::Bytes), usd = int(AxisQuantity::Usd),
              count = int(AxisQuantity::Count);
    const double GiB = 1024.0 * 1024 * 1024;
    // 3.71 TiB: ticks at 0, 1, 2, 3, 4 TiB.
    QTest::newRow("TiB") << 3.71 * 1024 * GiB << bytes << "TiB" << 4.0 << 1.0 << 5 << "%.0f";
    // 46.88 GiB: steps of 20, to 60.
    QTest::newRow("GiB") << 46.88 * GiB << bytes << "GiB" << 60.0 << 20.0 << 4 << "%.0f";
    // 900 KiB stays KiB (below 1024), steps of 250.
    QTest::newRow("KiB") << 900.0 * 1024 << bytes << "KiB" << 1000.0 << 250.0 << 5 << "%.0f";
    QTest::newRow("exactly 1 MiB") << 1024.0 * 1024 << bytes << "MiB" << 1.0 << 0.25 << 5 << "%.2f";
    // Money: $0.36 → steps of 0.1 to 0.4; never 3.6e-01.
    QTest::newRow("cents") << 0.36 << usd << "$" << 0.4 << 0.1 << 5 << "$%.1f";
    QTest::newRow("dollars") << 1234.5 << usd << "$" << 1500.0 << 500.0 << 4 << "$%.0f";
    QTest::newRow("tiny cost") << 0.00093 << usd << "$" << 0.001 << 0.00025 << 5 << "$%.5f";
    QTest::newRow("requests") << 7.0 << count << "requests" << 8.0 << 2.0 << 5 << "%.0f";
    QTest::newRow("few requests") << 3.0 << count << "requests" << 3.0 << 1.0 << 4 << "%.0f";
    QTest::newRow("nothing") << 0.0 << bytes << "B" << 1.0 << 0.25 << 5 << "%.2f";
    QTest::newRow("not a number") << qQNaN() << usd << "$" << 1.0 << 0.25 << 5 << "$%.2f";
}

void TestAxisScale::nice() {
    QFETCH(double, value);
    QFETCH(int, quantity);
    QFETCH(QString, unit);
    QFETCH(double, max);
    QFETCH(double, step);
    QFETCH(int, ticks);
    QFETCH(QString, format);
    const AxisScale a = nice_axis(value, AxisQuantity(quantity));
    QCOMPARE(QString::fromStdString(a.unit), unit);
    QCOMPARE(a.max, max);
    QCOMPARE(a.step, step);
    QCOMPARE(a.ticks, ticks);
    QCOMPARE(QString::fromStdString(a.label_format()), format);
    if (value > 0) QVERIFY(a.max * a.divisor >= value); // the largest value fits
}

void TestAxisScale::time_data() {
    QTest::addColumn<double>("t0");
    QTest::addColumn<double>("t1");
    QTest::addColumn<double>("offset");
    QTest::addColumn<double>("step");
    QTest::addColumn<double>("start");
    QTest::addColumn<QString>("format");
    // From 14:13:20 UTC: five minutes have ticks every minute from 14:13.
    const double t = 1'790'000'000; // 2026-09-21 14:13:20 UTC
    QTest::newRow("5 min") << t << t + 300 << 0.0 << 60.0 << t - 20 << "HH:mm";
    QTest::newRow("1 hour") << t << t + 3600 << 0.0 << 900.0 << t - 13 * 60 - 20 + 0.0 << "HH:mm";
    // In UTC+05:30, "round" hours are local ones: 19:43:20 local → 18:00.
    QTest::newRow("6 h local") << t << t + 6 * 3600 << 19800.0 << 7200.0
                               << t - (1 * 3600 + 43 * 60 + 20) << "HH:mm";
    QTest::newRow("24 h") << t << t + 86400 << 0.0 << 21600.0 << t - (2 * 3600 + 13 * 60 + 20)
                          << "ddd HH:mm";
}

void TestAxisScale::time() {
    QFETCH(double, t0);
    QFETCH(double, t1);
    QFETCH(double, offset);
    QFETCH(double, step);
    QFETCH(double, start);
    QFETCH(QString, format);
    const TimeAxis a = nice_time_axis(t0, t1, 5, offset);
    QCOMPARE(a.step, step);
    QCOMPARE(a.start, start);
    QVERIFY(a.start <= t0 && a.end >= t1);
    QVERIFY(a.end - t1 < step);
    QCOMPARE(a.ticks, int(std::lround((a.end - a.start) / step)) + 1);
    QCOMPARE(QString::fromStdString(a.format), format);
    // Every tick is on a round local time.
    QCOMPARE(std::fmod(a.start + offset, step), 0.0);
}

QTEST_GUILESS_MAIN(TestAxisScale)
#include "tst_axis_scale.moc"
