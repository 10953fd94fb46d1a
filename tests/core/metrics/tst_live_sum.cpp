#include "core/metrics/live_sum.h"

#include <QTest>

using namespace ociproxy;

namespace {

LiveTick tick(double t, double blobs, double found, double hits, double p99, double usd_h) {
    LiveTick k;
    k.t = t;
    k.chart(LiveChart::Requests)["blob 307"] = blobs;
    k.chart(LiveChart::Checks)["found"] = found;
    k.chart(LiveChart::Checks)["cache_hit"] = hits;
    k.chart(LiveChart::Latency)["p99"] = p99;
    k.chart(LiveChart::Cost)[std::string(kCostRateSeries)] = usd_h;
    add_derived_series(k);
    return k;
}

double at(const LiveStore& s, LiveChart c, const std::string& name, std::size_t i) {
    return s.series(c).at(name).at(i);
}

} // namespace

class TestLiveSum : public QObject {
    Q_OBJECT
private slots:
    void ratesAddLatencyIsTheWorst();
    void aSourceMissingATickIsNotZero();
};

void TestLiveSum::ratesAddLatencyIsTheWorst() {
    LiveStore a, b;
    // Polled on one timer, answered a few hundred ms apart: same ticks.
    a.append(tick(100.0, 10, 1, 9, 40, 3600));
    a.append(tick(105.0, 12, 2, 10, 50, 3600));
    b.append(tick(100.3, 5, 4, 1, 90, 1800));
    b.append(tick(105.2, 6, 3, 3, 20, 1800));
    const LiveStore sum = sum_live_stores({&a, &b}, 5);
    QCOMPARE(sum.size(), std::size_t(2));
    QCOMPARE(at(sum, LiveChart::Requests, "blob 307", 0), 15.0);
    QCOMPARE(at(sum, LiveChart::Requests, "blob 307", 1), 18.0);
    QCOMPARE(at(sum, LiveChart::Latency, "p99 (max)", 0), 90.0);
    QCOMPARE(at(sum, LiveChart::Latency, "p99 (max)", 1), 50.0);
    // Hit ratio of the sums (10 of 15 checks), not the sum of the ratios.
    QCOMPARE(at(sum, LiveChart::Checks, std::string(kHitRatioSeries), 0), 100.0 * 10 / 15);
    // The total integrates the summed rate: 5400 $/h over 5 s.
    QCOMPARE(at(sum, LiveChart::Cost, std::string(kCostRateSeries), 0), 5400.0);
    QCOMPARE(at(sum, LiveChart::Cost, std::string(kCostTotalSeries), 1), 5400.0 * 5 / 3600);
}

void TestLiveSum::aSourceMissingATickIsNotZero() {
    LiveStore a, b;
    a.append(tick(100, 10, 1, 1, 1, 0));
    a.append_gap(105);
    b.append(tick(100, 5, 1, 1, 1, 0));
    b.append_gap(105);
    const LiveStore sum = sum_live_stores({&a, &b}, 5);
    QCOMPARE(sum.size(), std::size_t(2));
    QVERIFY(std::isnan(at(sum, LiveChart::Requests, "blob 307", 1)));
    // One source down at a tick: the sum is the other's, still a number.
    LiveStore c;
    c.append(tick(105, 7, 1, 1, 1, 0));
    const LiveStore partial = sum_live_stores({&a, &c}, 5);
    QCOMPARE(at(partial, LiveChart::Requests, "blob 307", 1), 7.0);
}

QTEST_APPLESS_MAIN(TestLiveSum)
#include "tst_live_sum.moc"
