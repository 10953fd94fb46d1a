#include "core/table/ipv4_map.h"

#include <QTest>
#include <algorithm>
#include <random>
#include <vector>

using namespace ociproxy;

namespace {

constexpr std::uint32_t kNone = Ipv4Map::kNone;

// The definition: the value of the last interval starting at or below k.
std::uint32_t reference(const QList<quint32>& starts, const QList<quint32>& values,
                        std::uint32_t k) {
    const auto it = std::upper_bound(starts.begin(), starts.end(), k);
    return values[int(it - starts.begin()) - 1];
}

// The addresses where a mistake would show: each start, its neighbours, the
// ends of its /24 and /16, and random addresses near and far from them.
std::vector<std::uint32_t> probes(const QList<quint32>& starts) {
    std::vector<std::uint32_t> out{0, 1, 0xfffffffeu, 0xffffffffu};
    std::mt19937 rng(20261203);
    for (const std::uint32_t s : starts) {
        for (const std::uint32_t k :
             std::initializer_list<std::uint32_t>{s, s - 1, s + 1, s | 0xff, s | 0xffff, s & ~0xffu,
                                                  s & ~0xffffu, s + std::uint32_t(rng() & 0xff)})
            out.push_back(k);
    }
    for (int i = 0; i < 20000; ++i)
        out.push_back(std::uint32_t(rng()));
    return out;
}

// n starts spread inside [base, base + span), sorted, without repeats.
QList<quint32> spread(std::uint32_t base, std::uint32_t span, int n) {
    QList<quint32> out;
    for (int i = 1; i <= n; ++i)
        out << base + std::uint32_t(std::uint64_t(span) * std::uint64_t(i) / std::uint64_t(n + 1));
    return out;
}

struct Case {
    QList<quint32> starts, values;
};

// Intervals starting at 0 and at each of `inner`; every fifth has no value,
// and no two neighbours have the same (they would merge).
Case with_starts(const QList<quint32>& inner, std::uint32_t first_value = 0) {
    Case c;
    c.starts << 0 << inner;
    std::sort(c.starts.begin(), c.starts.end());
    c.starts.erase(std::unique(c.starts.begin(), c.starts.end()), c.starts.end());
    for (int i = 0; i < c.starts.size(); ++i)
        c.values << (i % 5 == 4 ? kNone : first_value + std::uint32_t(i % 1000));
    return c;
}

} // namespace

// The IPv4 map against a binary search over its intervals, for the shapes
// its encoding tells apart: a slot of one interval (a value), of up to 16 (a
// scan record), of more (a node), at either level, and the record's pads at
// the top of the address space and of a /16.
class TestIpv4Map : public QObject {
    Q_OBJECT
private slots:
    void answersAsTheIntervals_data();
    void answersAsTheIntervals();
    void randomTablesAnswerAsTheIntervals();
};

void TestIpv4Map::answersAsTheIntervals_data() {
    QTest::addColumn<QList<quint32>>("starts");
    QTest::addColumn<QList<quint32>>("values");
    QTest::addColumn<int>("nodes");
    QTest::addColumn<int>("scans");
    QTest::addColumn<bool>("narrow");
    const auto row = [](const char* name, const Case& c, int nodes, int scans, bool narrow) {
        QTest::newRow(name) << c.starts << c.values << nodes << scans << narrow;
    };
    row("one interval", with_starts({}), 0, 0, true);
    row("/16 aligned starts only", with_starts({0x0a000000, 0x0a010000, 0xc0a80000}), 0, 0, true);
    // 15 starts inside a /16: 16 intervals, the most a record holds.
    row("/16 of 16 intervals: a record", with_starts(spread(0x0a000000, 0x10000, 15)), 0, 1, true);
    // One more: a node, whose /24s hold one start each (records).
    row("/16 of 17 intervals: a node", with_starts(spread(0x0a000000, 0x10000, 16)), 1, 16, true);
    {
        // A node /16 with one /24 cut 15 times (a record) and one cut 16 times (a node).
        QList<quint32> inner = spread(0x0a000000, 0x10000, 16);
        inner << spread(0x0a000500, 0x100, 15) << spread(0x0a000900, 0x100, 16);
        row("/24s of 16 and 17 intervals", with_starts(inner), 2, 17, true);
    }
    // A start at the last address of a /16 and of the whole space: the
    // record's pads (0xffff) sit at the same low bits.
    row("last address of a /16", with_starts({0x0a00ff00, 0x0a00ffff, 0x0a01ffff}), 0, 2, true);
    row("last address of all", with_starts({0xffff0000, 0xfffffff0, 0xffffffff}), 0, 1, true);
    row("last address in a node's /24",
        with_starts(QList<quint32>(spread(0x0a000000, 0x10000, 20)) << 0x0a00fffe << 0x0a00ffff), 1,
        21, true);
    // Values past the 16-bit slot's range: 32-bit slots, same shapes.
    row("wide values", with_starts(spread(0x0a000000, 0x10000, 40), 0x7ff0), 1, 40, false);
    {
        // More records than 15-bit references name: 32-bit slots too.
        QList<quint32> inner;
        for (std::uint32_t hi = 0; hi < 0x8000; ++hi)
            inner << (hi << 16 | 0x8000);
        row("more records than 16-bit slots name", with_starts(inner), 0, 0x8000, false);
    }
}

void TestIpv4Map::answersAsTheIntervals() {
    QFETCH(QList<quint32>, starts);
    QFETCH(QList<quint32>, values);
    QFETCH(int, nodes);
    QFETCH(int, scans);
    QFETCH(bool, narrow);
    Ipv4Map map;
    map.build(std::vector<std::uint32_t>(starts.begin(), starts.end()),
              std::vector<std::uint32_t>(values.begin(), values.end()));
    QCOMPARE(int(map.interval_count()), int(starts.size()));
    QCOMPARE(int(map.node_count()), nodes);
    QCOMPARE(int(map.scan_count()), scans);
    // Counted ahead exactly: allocated once, nothing to spare.
    QCOMPARE(map.node_capacity(), map.node_count());
    QCOMPARE(map.scan_capacity(), map.scan_count());
    QCOMPARE(map.narrow(), narrow);

    const std::vector<std::uint32_t> keys = probes(starts);
    std::vector<std::uint32_t> batch(keys.size());
    // Whole batches and a partial last one.
    for (std::size_t at = 0; at < keys.size(); at += kLookupBatch)
        map.find_batch(keys.data() + at, std::min(kLookupBatch, keys.size() - at),
                       batch.data() + at);
    int wrong = 0;
    for (std::size_t i = 0; i < keys.size(); ++i) {
        const std::uint32_t want = reference(starts, values, keys[i]);
        if (map.find(keys[i]) != want || batch[i] != want) {
            if (++wrong <= 3)
                qWarning("key %08x: want %x, find %x, find_batch %x", keys[i], want,
                         map.find(keys[i]), batch[i]);
        }
    }
    QCOMPARE(wrong, 0);
}

// Tables of every density at once (a /16 or /24 cut 1 to 40 times, runs of
// equal values that merge), rebuilt into one map object as a reload does.
void TestIpv4Map::randomTablesAnswerAsTheIntervals() {
    std::mt19937 rng(4242);
    Ipv4Map map;
    for (int round = 0; round < 6; ++round) {
        QList<quint32> inner;
        for (int slot = 0; slot < 300; ++slot) {
            const std::uint32_t base =
                std::uint32_t(rng()) & (slot % 2 ? 0xffffff00u : 0xffff0000u);
            const std::uint32_t span = slot % 2 ? 0x100 : 0x10000;
            const int cuts = 1 + int(rng() % 40);
            for (int i = 0; i < cuts; ++i)
                inner << base + std::uint32_t(rng() % span);
        }
        Case c = with_starts(inner);
        for (int i = 0; i < c.values.size(); ++i) // some neighbours equal: merged
            if (rng() % 4 == 0 && i > 0) c.values[i] = c.values[i - 1];
        map.build(std::vector<std::uint32_t>(c.starts.begin(), c.starts.end()),
                  std::vector<std::uint32_t>(c.values.begin(), c.values.end()));
        QCOMPARE(map.node_capacity(), map.node_count());
        QCOMPARE(map.scan_capacity(), map.scan_count());
        QVERIFY(map.node_count() > 0 && map.scan_count() > 0);
        const std::vector<std::uint32_t> keys = probes(c.starts);
        std::vector<std::uint32_t> batch(keys.size());
        for (std::size_t at = 0; at < keys.size(); at += kLookupBatch)
            map.find_batch(keys.data() + at, std::min(kLookupBatch, keys.size() - at),
                           batch.data() + at);
        for (std::size_t i = 0; i < keys.size(); ++i) {
            const std::uint32_t want = reference(c.starts, c.values, keys[i]);
            if (map.find(keys[i]) != want || batch[i] != want)
                QFAIL(qPrintable(QStringLiteral("round %1, key %2: want %3, find %4, batch %5")
                                     .arg(round)
                                     .arg(keys[i], 8, 16, QLatin1Char('0'))
                                     .arg(want, 0, 16)
                                     .arg(map.find(keys[i]), 0, 16)
                                     .arg(batch[i], 0, 16)));
        }
    }
}

QTEST_APPLESS_MAIN(TestIpv4Map)
#include "tst_ipv4_map.moc"
