#include "core/metrics/series_math.h"

#include <QTest>
#include <cmath>
#include <limits>

using namespace ociproxy;

namespace {
const double kInf = std::numeric_limits<double>::infinity();
}

class TestSeriesMath : public QObject {
    Q_OBJECT
private slots:
    void countersSurviveResets();
    void quantiles_data();
    void quantiles();
    void deltasAndBucketsFromAScrape();
};

void TestSeriesMath::countersSurviveResets() {
    const std::vector<SeriesPoint> steady = {{0, 10}, {10, 30}, {20, 50}};
    QCOMPARE(counter_increase(steady), 40.0);
    QCOMPARE(counter_rate(steady), 2.0);
    // The proxy restarted between t=10 and t=20: 30 → 5 means 5 new.
    const std::vector<SeriesPoint> restarted = {{0, 10}, {10, 30}, {20, 5}, {30, 25}};
    QCOMPARE(counter_increase(restarted), 20.0 + 5 + 20);
    QCOMPARE(counter_rate(restarted), 45.0 / 30);
    QCOMPARE(counter_rate(std::vector<SeriesPoint>{{0, 1}}), 0.0);
}

void TestSeriesMath::quantiles_data() {
    // Buckets: 10 in (0,0.1], 30 in (0.1,0.5], 50 in (0.5,1], 10 above 1 → cumulative 10, 40, 90,
    // 100.
    QTest::addColumn<double>("q");
    QTest::addColumn<double>("expected");
    QTest::newRow("p05") << 0.05 << 0.05;            // rank 5 of 10 in the first bucket
    QTest::newRow("p25") << 0.25 << 0.1 + 0.4 * 0.5; // rank 25: 15 of 30 into (0.1,0.5]
    QTest::newRow("p50") << 0.50 << 0.5 + 0.5 * 0.2; // rank 50: 10 of 50 into (0.5,1]
    QTest::newRow("p90") << 0.90 << 1.0;             // exactly the top of (0.5,1]
    QTest::newRow("p99") << 0.99 << 1.0;             // in +Inf: the last finite bound
    QTest::newRow("q<0") << -0.1 << -kInf;
    QTest::newRow("q>1") << 1.1 << kInf;
}

void TestSeriesMath::quantiles() {
    QFETCH(double, q);
    QFETCH(double, expected);
    const std::vector<HistogramBucket> b = {{0.1, 10}, {0.5, 40}, {1, 90}, {kInf, 100}};
    QVERIFY(std::abs(histogram_quantile(q, b) - expected) < 1e-12 ||
            histogram_quantile(q, b) == expected);
}

void TestSeriesMath::deltasAndBucketsFromAScrape() {
    const Scrape before = parse_prometheus_text(
        "h_bucket{le=\"0.5\",code=\"200\"} 3\nh_bucket{le=\"+Inf\",code=\"200\"} 4\n"
        "h_bucket{le=\"0.5\",code=\"307\"} 1\nh_bucket{le=\"+Inf\",code=\"307\"} 1\n");
    const Scrape after = parse_prometheus_text(
        "h_bucket{le=\"0.5\",code=\"200\"} 10\nh_bucket{le=\"+Inf\",code=\"200\"} 12\n"
        "h_bucket{le=\"0.5\",code=\"307\"} 1\nh_bucket{le=\"+Inf\",code=\"307\"} 2\n");
    const auto b = histogram_buckets(before, "h");
    QCOMPARE(b.size(), std::size_t(2));
    QCOMPARE(b[0].count, 4.0);
    QCOMPARE(b[1].count, 5.0);
    const auto d = histogram_delta(b, histogram_buckets(after, "h"));
    QCOMPARE(d[0].count, 7.0); // 11 - 4
    QCOMPARE(d[1].count, 9.0); // 14 - 5
    // A restart (counts went down): the new scrape is all new observations.
    const auto reset = histogram_delta(histogram_buckets(after, "h"), b);
    QCOMPARE(reset[1].count, 5.0);
    QVERIFY(std::isnan(histogram_quantile(0.5, std::vector<HistogramBucket>{{1, 0}, {kInf, 0}})));
}

QTEST_APPLESS_MAIN(TestSeriesMath)
#include "tst_series_math.moc"
