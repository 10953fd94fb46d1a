#include "core/metrics/live_store.h"

#include <QTest>

using namespace ociproxy;

namespace {

LiveTick tick(double t, std::initializer_list<std::pair<const char*, double>> requests,
              double cost_rate = std::nan("")) {
    LiveTick k;
    k.t = t;
    for (const auto& [name, v] : requests)
        k.chart(LiveChart::Requests)[name] = v;
    if (!std::isnan(cost_rate)) k.chart(LiveChart::Cost)["USD/hour"] = cost_rate;
    return k;
}

} // namespace

class TestLiveStore : public QObject {
    Q_OBJECT
private slots:
    void columnsStayAligned();
    void runningCostTotalSkipsGaps();
    void trimAndStats();
    void csvHasEmptyCellsForGaps();
    void downsampleKeepsExtremesAndGaps_data();
    void downsampleKeepsExtremesAndGaps();
};

void TestLiveStore::columnsStayAligned() {
    LiveStore s;
    s.append(tick(1, {{"blob 307", 5}}));
    s.append_gap(2);
    s.append(tick(3, {{"blob 307", 7}, {"manifest 307", 1}}));
    const auto& cols = s.series(LiveChart::Requests);
    QCOMPARE(s.size(), std::size_t(3));
    QCOMPARE(cols.at("blob 307").size(), std::size_t(3));
    QVERIFY(std::isnan(cols.at("blob 307")[1]));
    QVERIFY(std::isnan(cols.at("manifest 307")[0])); // appeared later: back-filled with gaps
    QCOMPARE(cols.at("manifest 307")[2], 1.0);
}

void TestLiveStore::runningCostTotalSkipsGaps() {
    LiveStore s;
    s.append(tick(0, {}, 36));   // 36 USD/hour = 0.01 USD/s
    s.append(tick(100, {}, 36)); // +1 USD
    s.append_gap(200);           // nothing across the gap
    s.append(tick(300, {}, 72));
    s.append(tick(400, {}, 72)); // +2 USD
    const auto& total = s.series(LiveChart::Cost).at("running total USD");
    QCOMPARE(total[0], 0.0);
    QCOMPARE(total[1], 1.0);
    QVERIFY(std::isnan(total[2]));
    QCOMPARE(total[3], 1.0);
    QCOMPARE(total[4], 3.0);
}

void TestLiveStore::trimAndStats() {
    LiveStore s;
    for (int i = 0; i < 10; ++i)
        s.append(tick(i, {{"x", double(i % 4)}}));
    s.trim_before(5);
    QCOMPARE(s.size(), std::size_t(5));
    QCOMPARE(s.times().front(), 5.0);
    const auto st = s.stats(LiveChart::Requests, "x");
    QCOMPARE(st.last, 1.0);
    QCOMPARE(st.min, 0.0);
    QCOMPARE(st.max, 3.0);
    QVERIFY(std::isnan(s.stats(LiveChart::Requests, "nope").last));
}

void TestLiveStore::csvHasEmptyCellsForGaps() {
    LiveStore s;
    s.append(tick(1.5, {{"a", 2}}));
    s.append_gap(2.5);
    QCOMPARE(QString::fromStdString(s.to_csv(LiveChart::Requests)),
             QString("time,\"a\"\n1.5,2\n2.5,\n"));
}

void TestLiveStore::downsampleKeepsExtremesAndGaps_data() {
    QTest::addColumn<QVector<double>>("values");
    QTest::addColumn<int>("buckets");
    QTest::addColumn<QVector<double>>("expected"); // values of the points, NaN marks a gap
    const double nan = std::nan("");
    QTest::newRow("one bucket: min then max")
        << QVector<double>{3, 1, 4, 1, 5} << 1 << QVector<double>{1, 5};
    QTest::newRow("max first") << QVector<double>{9, 2, 2, 2} << 1 << QVector<double>{9, 2};
    QTest::newRow("flat buckets") << QVector<double>{1, 1, 2, 2} << 2 << QVector<double>{1, 2};
    QTest::newRow("gap between buckets")
        << QVector<double>{1, 1, nan, nan, 3, 3} << 3 << QVector<double>{1, nan, 3};
    QTest::newRow("all gap") << QVector<double>{nan, nan} << 2 << QVector<double>{};
}

void TestLiveStore::downsampleKeepsExtremesAndGaps() {
    QFETCH(QVector<double>, values);
    QFETCH(int, buckets);
    QFETCH(QVector<double>, expected);
    std::vector<double> t, v(values.begin(), values.end());
    for (int i = 0; i < values.size(); ++i)
        t.push_back(i);
    const auto out = downsample(t, v, 0, double(values.size()) - 0.5, std::size_t(buckets));
    QCOMPARE(out.size(), std::size_t(expected.size()));
    for (std::size_t i = 0; i < out.size(); ++i) {
        if (std::isnan(expected[int(i)]))
            QVERIFY(std::isnan(out[i].value));
        else
            QCOMPARE(out[i].value, expected[int(i)]);
    }
    for (std::size_t i = 1; i < out.size(); ++i)
        QVERIFY(out[i].t >= out[i - 1].t);
}

QTEST_GUILESS_MAIN(TestLiveStore)
#include "tst_live_store.moc"
