#include "core/table/prefix_table.h"
#include "resources/demo_data.h"
#include "tests/test_support.h"

#include <QTest>
#include <algorithm>
#include <random>
#include <span>

using namespace ociproxy;
using ociproxy::test::qs;

namespace {

std::vector<RangeSet> real_sets() {
    std::vector<RangeSet> sets;
    for (const char* f : {"aws-ip-ranges-2026-07-29.json", "gcp-cloud-2026-07-29.json"}) {
        auto s = load_range_file(test::shared_file(f));
        if (s.ok()) sets.push_back(std::move(s).value());
    }
    return sets;
}

QString region_of(const PrefixTable& t, std::uint32_t e) {
    return e == kNoEntry
               ? QString()
               : qs(t.cloud_name(t.entry(e).cloud) + " " + t.region_name(t.entry(e).region));
}

RangeSet csv(const std::string& text) {
    return std::move(parse_ranges(text, "t.csv")).value();
}

// The table's batch answers for any number of addresses, as the streaming
// readers get them: AddressBatch by AddressBatch, the last one partial.
std::vector<std::uint32_t> batch_lookup(const PrefixTable& t, std::span<const IpAddress> in,
                                        MatchMode mode) {
    std::vector<std::uint32_t> out;
    AddressBatch batch;
    for (std::size_t base = 0; base < in.size(); base += AddressBatch::kSize) {
        batch.clear();
        for (std::size_t i = base; i < std::min(in.size(), base + AddressBatch::kSize); ++i)
            batch.add(in[i]);
        t.lookup_batch(batch, mode);
        for (std::size_t i = 0; i < batch.size(); ++i)
            out.push_back(batch.entry(i));
    }
    return out;
}

} // namespace

class TestPrefixTable : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void realAddresses_data();
    void realAddresses();
    void agreesWithBruteForceScan();
    void batchAgreesWithSingleLookups();
    void oneModeTableAnswersThatModeOnly();
    void modesDisagreeOnCloudOrRegion_data();
    void modesDisagreeOnCloudOrRegion();
    void overlapReportMatchesIndependentCount();
    void explainListsEveryContainingPrefix();
    void duplicatePrefixesMergeProvenance();
    void nestedEdgesAndWholeSpace();
    void emptyTable();
    void consumingBuildIsTheSameTable();
    void slotWidthFollowsTableSize_data();
    void slotWidthFollowsTableSize();

private:
    std::vector<RangeSet> m_sets;
    PrefixTable m_real;
};

void TestPrefixTable::initTestCase() {
    if (!test::have_shared_data()) return;
    m_sets = real_sets();
    QCOMPARE(m_sets.size(), std::size_t(2));
    m_real = PrefixTable::build(m_sets);
}

void TestPrefixTable::realAddresses_data() {
    QTest::addColumn<QString>("ip");
    QTest::addColumn<QString>("longest");
    QTest::addColumn<QString>("first");
    QTest::newRow("eu-west-3") << "35.180.1.1"
                               << "AWS eu-west-3"
                               << "AWS eu-west-3";
    QTest::newRow("us-west-2") << "52.94.76.1"
                               << "AWS us-west-2"
                               << "AWS us-west-2";
    QTest::newRow("us-east-1 /32") << "52.93.127.172"
                                   << "AWS us-east-1"
                                   << "AWS us-east-1";
    QTest::newRow("v6 us-west-2") << "2600:1f01:4874::47"
                                  << "AWS us-west-2"
                                  << "AWS us-west-2";
    QTest::newRow("v6 /128") << "2400:6500:0:9::2"
                             << "AWS ap-southeast-3"
                             << "AWS ap-southeast-3";
    QTest::newRow("gcp") << "35.220.26.1"
                         << "GCP europe-north1"
                         << "GCP europe-north1";
    QTest::newRow("modes disagree") << "99.77.161.18"
                                    << "AWS ap-southeast-1"
                                    << "AWS GLOBAL";
    QTest::newRow("mapped v4") << "::ffff:35.180.1.1"
                               << "AWS eu-west-3"
                               << "AWS eu-west-3";
    QTest::newRow("nowhere") << "192.0.2.1"
                             << ""
                             << "";
    QTest::newRow("v6 nowhere") << "2001:db8::1"
                                << ""
                                << "";
}

void TestPrefixTable::realAddresses() {
    REQUIRE_SHARED_DATA();
    QFETCH(QString, ip);
    QFETCH(QString, longest);
    QFETCH(QString, first);
    const auto a = *IpAddress::parse(ip.toStdString());
    QCOMPARE(region_of(m_real, m_real.lookup(a, MatchMode::Longest)), longest);
    QCOMPARE(region_of(m_real, m_real.lookup(a, MatchMode::First)), first);
}

// The table against the definition: scan every prefix, keep the longest and
// the shortest that contain the address.
void TestPrefixTable::agreesWithBruteForceScan() {
    REQUIRE_SHARED_DATA();
    std::mt19937_64 rng(20261128);
    const auto& entries = m_real.entries();
    int checked = 0, disagreements = 0;
    for (int i = 0; i < 100000; ++i) {
        IpAddress a;
        const bool v6 = i % 10 >= 7;
        if (i % 2 == 0) {
            // Inside a random known prefix of the chosen family.
            const TableEntry* e;
            do
                e = &entries[rng() % entries.size()];
            while ((e->prefix.family() == Family::V6) != v6);
            const u128 span = e->prefix.last() - e->prefix.first();
            const u128 r = (u128(rng()) << 64) | rng();
            const u128 bits = e->prefix.first() + (span == ~u128(0) ? r : r % (span + 1));
            a = v6 ? IpAddress::v6(bits) : IpAddress::v4(std::uint32_t(bits));
        } else {
            a = v6 ? IpAddress::v6((u128(0x2000 + rng() % 0x1000) << 112) | (u128(rng()) << 48))
                   : IpAddress::v4(std::uint32_t(rng()));
        }
        std::uint32_t want_longest = kNoEntry, want_first = kNoEntry;
        for (std::uint32_t k = 0; k < entries.size(); ++k) {
            const auto& p = entries[k].prefix;
            if (!p.contains(a)) continue;
            if (want_longest == kNoEntry || p.length() > entries[want_longest].prefix.length())
                want_longest = k;
            if (want_first == kNoEntry || p.length() < entries[want_first].prefix.length())
                want_first = k;
        }
        const auto got_longest = m_real.lookup(a, MatchMode::Longest);
        const auto got_first = m_real.lookup(a, MatchMode::First);
        if (got_longest != want_longest || got_first != want_first) {
            if (++disagreements < 5) qWarning("mismatch for %s", a.to_string().c_str());
        }
        ++checked;
    }
    QCOMPARE(disagreements, 0);
    QCOMPARE(checked, 100000);
}

// lookup_batch() is what the streaming readers use: the same answers as
// lookup() for every family mix, IPv4-mapped addresses and partial chunks.
void TestPrefixTable::batchAgreesWithSingleLookups() {
    REQUIRE_SHARED_DATA();
    std::mt19937_64 rng(20261130);
    const auto& entries = m_real.entries();
    std::vector<IpAddress> in;
    for (int i = 0; i < 20011; ++i) { // not a multiple of the batch (AddressBatch::kSize)
        const TableEntry& e = entries[rng() % entries.size()];
        const u128 span = e.prefix.last() - e.prefix.first();
        const u128 r = (u128(rng()) << 64) | rng();
        const u128 bits = e.prefix.first() + (span == ~u128(0) ? r : r % (span + 1));
        switch (i % 5) {
        case 0:
            in.push_back(IpAddress::v4(std::uint32_t(rng())));
            break;
        case 1:
            in.push_back(IpAddress::v6((u128(0x2000 + rng() % 0x1000) << 112) | rng()));
            break;
        case 2: // inside a known IPv4 prefix, written IPv4-mapped
            if (e.prefix.family() == Family::V4) {
                in.push_back(IpAddress::v6((u128(0xffff) << 32) | std::uint32_t(bits)));
                break;
            }
            [[fallthrough]];
        default:
            in.push_back(e.prefix.family() == Family::V6 ? IpAddress::v6(bits)
                                                         : IpAddress::v4(std::uint32_t(bits)));
        }
    }
    for (const MatchMode mode : {MatchMode::Longest, MatchMode::First}) {
        const std::vector<std::uint32_t> got = batch_lookup(m_real, in, mode);
        QCOMPARE(got.size(), in.size());
        int found = 0;
        for (std::size_t i = 0; i < in.size(); ++i) {
            QCOMPARE(got[i], m_real.lookup(in[i], mode));
            found += got[i] != kNoEntry;
        }
        QVERIFY(found > int(in.size()) / 2); // the sample is mostly inside known prefixes
    }
    QVERIFY(batch_lookup(m_real, {}, MatchMode::Longest).empty());
}

// The server compiles its own match mode only: the same answers in that
// mode, nothing in the other (never a wrong region), no provenance.
void TestPrefixTable::oneModeTableAnswersThatModeOnly() {
    REQUIRE_SHARED_DATA();
    std::mt19937_64 rng(7);
    for (const MatchMode mode : {MatchMode::Longest, MatchMode::First}) {
        const MatchMode other = mode == MatchMode::Longest ? MatchMode::First : MatchMode::Longest;
        const PrefixTable one = PrefixTable::build(m_sets, mode);
        QVERIFY(one.has_mode(mode));
        QVERIFY(!one.has_mode(other));
        QCOMPARE(one.size(), m_real.size());
        // The same entries, without the provenance only explanations use.
        for (std::uint32_t i = 0; i < one.size(); ++i) {
            QCOMPARE(one.entry(i).prefix, m_real.entry(i).prefix);
            QCOMPARE(one.entry(i).region, m_real.entry(i).region);
            QCOMPARE(one.entry(i).parent, m_real.entry(i).parent);
            QVERIFY(one.provenance(i).empty());
            QVERIFY(!m_real.provenance(i).empty());
        }
        std::vector<IpAddress> in;
        for (std::size_t i = 0; i < 5000; ++i) {
            const auto& p = m_real.entry(std::uint32_t(rng() % m_real.size())).prefix;
            in.push_back(p.family() == Family::V4 ? IpAddress::v4(std::uint32_t(p.first()))
                                                  : IpAddress::v6(p.first()));
        }
        const std::vector<std::uint32_t> batch = batch_lookup(one, in, other);
        for (std::size_t i = 0; i < in.size(); ++i) {
            QCOMPARE(one.lookup(in[i], mode), m_real.lookup(in[i], mode));
            QVERIFY(one.lookup(in[i], mode) != kNoEntry);
            QCOMPARE(one.lookup(in[i], other), kNoEntry);
            QCOMPARE(batch[i], kNoEntry);
        }
    }
}

void TestPrefixTable::modesDisagreeOnCloudOrRegion_data() {
    QTest::addColumn<QString>("csv");
    QTest::addColumn<QString>("ip");
    QTest::addColumn<bool>("disagree");
    QTest::newRow("one prefix") << "10.0.0.0/8,AWS,us-east-1\n"
                                << "10.1.1.1" << false;
    QTest::newRow("nested, same region") << "10.0.0.0/8,AWS,us-east-1\n10.1.0.0/16,AWS,us-east-1\n"
                                         << "10.1.1.1" << false;
    QTest::newRow("nested, other region") << "10.0.0.0/8,AWS,GLOBAL\n10.1.0.0/16,AWS,us-east-1\n"
                                          << "10.1.1.1" << true;
    QTest::newRow("nested, other cloud") << "10.0.0.0/8,AWS,us-east-1\n10.1.0.0/16,GCP,us-east-1\n"
                                         << "10.1.1.1" << true;
    QTest::newRow("outside the inner one") << "10.0.0.0/8,AWS,GLOBAL\n10.1.0.0/16,AWS,us-east-1\n"
                                           << "10.2.1.1" << false;
    QTest::newRow("in no prefix") << "10.0.0.0/8,AWS,GLOBAL\n"
                                  << "11.0.0.1" << false;
}

// One definition for every front end: the console's Lookup and `oci-route
// explain` used to disagree about "disagree".
void TestPrefixTable::modesDisagreeOnCloudOrRegion() {
    QFETCH(QString, csv);
    QFETCH(QString, ip);
    QFETCH(bool, disagree);
    auto set = parse_ranges(csv.toStdString(), "t.csv");
    QVERIFY(set);
    const PrefixTable t = PrefixTable::build(std::span(&*set, 1));
    const Explanation ex = t.explain(*IpAddress::parse(ip.toStdString()));
    QCOMPARE(ex.modes_disagree, disagree);
    QCOMPARE(t.modes_disagree(ex.longest, ex.first), disagree);
}

void TestPrefixTable::overlapReportMatchesIndependentCount() {
    REQUIRE_SHARED_DATA();
    // Independent count over the AWS file alone, by pairwise containment:
    // prefixes with a shorter containing prefix of another region.
    const PrefixTable aws = PrefixTable::build(std::span(m_sets).first(1));
    const auto& e = aws.entries();
    std::size_t v4_nested_elsewhere = 0;
    for (std::size_t i = 0; i < e.size(); ++i) {
        if (e[i].prefix.family() != Family::V4) continue;
        for (std::size_t j = 0; j < e.size(); ++j) {
            if (i != j && e[j].prefix.length() < e[i].prefix.length() &&
                e[j].prefix.contains(e[i].prefix) && e[j].region != e[i].region) {
                ++v4_nested_elsewhere;
                break;
            }
        }
    }
    QCOMPARE(v4_nested_elsewhere, std::size_t(150)); // the figure in ../shared/data/README.md
    std::size_t reported_v4 = 0;
    for (const auto& o : aws.overlaps()) {
        QVERIFY(aws.entry(o.outer).prefix.contains(aws.entry(o.inner).prefix));
        QVERIFY(aws.entry(o.outer).region != aws.entry(o.inner).region);
        if (aws.entry(o.inner).prefix.family() == Family::V4) ++reported_v4;
    }
    QCOMPARE(reported_v4, v4_nested_elsewhere);
}

void TestPrefixTable::explainListsEveryContainingPrefix() {
    auto sets = demo::range_sets();
    const PrefixTable t = PrefixTable::build(*sets);
    const auto ex = t.explain(*IpAddress::parse("99.77.161.18"));
    QCOMPARE(ex.containing.size(), std::size_t(2));
    QCOMPARE(qs(t.entry(ex.containing[0]).prefix.to_string()), QStringLiteral("99.77.161.0/24"));
    QCOMPARE(qs(t.entry(ex.containing[1]).prefix.to_string()), QStringLiteral("99.77.128.0/18"));
    QCOMPARE(ex.longest, ex.containing[0]);
    QCOMPARE(ex.first, ex.containing[1]);
    const auto& prov = t.provenance(ex.longest);
    QCOMPARE(prov.size(), std::size_t(1));
    QCOMPARE(qs(t.sources()[prov[0].source].name), QStringLiteral("demo:aws-ip-ranges.json"));
    QCOMPARE(qs(t.service_name(prov[0].service)), QStringLiteral("EC2"));
    const auto none = t.explain(*IpAddress::parse("192.0.2.1"));
    QVERIFY(none.containing.empty());
    QCOMPARE(none.longest, kNoEntry);
}

void TestPrefixTable::duplicatePrefixesMergeProvenance() {
    const std::vector<RangeSet> sets = {
        csv("10.0.0.0/8,AWS,us-east-1,EC2\n10.0.0.0/8,AWS,us-east-1,S3\n"),
        csv("10.0.0.0/8,AWS,us-east-1,EC2\n10.1.0.0/16,AWS,us-west-2\n")};
    const PrefixTable t = PrefixTable::build(sets);
    QCOMPARE(t.size(), std::size_t(2));
    const auto e = t.lookup(*IpAddress::parse("10.2.0.1"), MatchMode::Longest);
    QCOMPARE(t.provenance(e).size(),
             std::size_t(3)); // (set 0, EC2), (set 0, S3), (set 1, EC2)
    QCOMPARE(t.count(t.cloud_id("AWS"), Family::V4), std::size_t(2));
    QCOMPARE(t.overlaps().size(), std::size_t(1));
}

void TestPrefixTable::nestedEdgesAndWholeSpace() {
    const std::vector<RangeSet> sets = {
        csv("0.0.0.0/0,X,world\n10.0.0.0/8,X,ten\n10.255.0.0/16,X,top\n10.0.0.0/32,X,first\n"
            "255.255.255.255/32,X,last\n::/0,X,world6\nffff::/16,X,top6\n"
            // The last slot of all a scan: its last interval ends the key space.
            "ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe/128,X,edge6\n")};
    const PrefixTable t = PrefixTable::build(sets);
    auto at = [&](const char* ip, MatchMode m) {
        return region_of(t, t.lookup(*IpAddress::parse(ip), m));
    };
    QCOMPARE(at("10.0.0.0", MatchMode::Longest), QStringLiteral("X first"));
    QCOMPARE(at("10.0.0.1", MatchMode::Longest), QStringLiteral("X ten"));
    QCOMPARE(at("10.255.255.255", MatchMode::Longest), QStringLiteral("X top"));
    QCOMPARE(at("11.0.0.0", MatchMode::Longest), QStringLiteral("X world"));
    QCOMPARE(at("9.255.255.255", MatchMode::Longest), QStringLiteral("X world"));
    QCOMPARE(at("255.255.255.255", MatchMode::Longest), QStringLiteral("X last"));
    QCOMPARE(at("255.255.255.254", MatchMode::Longest), QStringLiteral("X world"));
    QCOMPARE(at("10.255.1.1", MatchMode::First), QStringLiteral("X world"));
    QCOMPARE(at("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", MatchMode::Longest),
             QStringLiteral("X top6"));
    QCOMPARE(at("ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe", MatchMode::Longest),
             QStringLiteral("X edge6"));
    QCOMPARE(at("ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffd", MatchMode::Longest),
             QStringLiteral("X top6"));
    QCOMPARE(at("fffe::1", MatchMode::Longest), QStringLiteral("X world6"));
    QCOMPARE(at("ffff::1", MatchMode::First), QStringLiteral("X world6"));
}

void TestPrefixTable::emptyTable() {
    const PrefixTable t = PrefixTable::build({});
    QCOMPARE(t.lookup(*IpAddress::parse("1.2.3.4"), MatchMode::Longest), kNoEntry);
    QCOMPARE(t.lookup(*IpAddress::parse("::1"), MatchMode::First), kNoEntry);
    QVERIFY(t.overlaps().empty());
}

// The server's build takes the sets and frees them as it goes; the table
// must be the same, and its maps allocated once, at their counted size.
void TestPrefixTable::consumingBuildIsTheSameTable() {
    if (!test::have_shared_data()) QSKIP("real range snapshots not found (../shared/data)");
    std::vector<RangeSet> copy = m_sets;
    const PrefixTable taken = PrefixTable::build_consuming(std::move(copy));
    for (const auto& set : copy)
        QVERIFY(set.entries.empty());
    QCOMPARE(taken.size(), m_real.size());
    QCOMPARE(taken.sources().size(), m_real.sources().size());
    QCOMPARE(taken.sources()[0].ipv4, m_real.sources()[0].ipv4);
    const auto a = taken.shape(), b = m_real.shape();
    QCOMPARE(a.v4_nodes, b.v4_nodes);
    QCOMPARE(a.v6_nodes, b.v6_nodes);
    QCOMPARE(a.v4_scans, b.v4_scans);
    QVERIFY(a.v4_nodes > 100 && a.v4_scans > 1000);
    QCOMPARE(a.v4_allocated, a.v4_nodes);
    QCOMPARE(a.v4_scans_allocated, a.v4_scans);
    QCOMPARE(a.v6_allocated, a.v6_nodes);
    QVERIFY(a.v4_narrow && b.v4_narrow); // the real lists fit 16-bit IPv4 slots
    // The scan records keep the IPv4 map within the 1 MiB L2 of today's cores
    // with room to spare (the lists of 2026-07-29: ~290 KiB, ~1 MiB before).
    QVERIFY2(a.v4_bytes < 512 * 1024, qPrintable(QString::number(a.v4_bytes)));
    // Every prefix of the input answers the same, in both modes.
    for (const auto& set : m_sets)
        for (std::size_t i = 0; i < set.entries.size(); i += 7) {
            const IpAddress addr = set.entries[i].prefix.network();
            for (const MatchMode mode : {MatchMode::Longest, MatchMode::First})
                QCOMPARE(taken.lookup(addr, mode), m_real.lookup(addr, mode));
        }
}

// The IPv4 map keeps 16-bit slots while every entry index fits below
// 0x7fff, and 32-bit ones beyond: both answer every address alike.
void TestPrefixTable::slotWidthFollowsTableSize_data() {
    QTest::addColumn<int>("prefixes");
    QTest::addColumn<bool>("narrow");
    QTest::newRow("a few") << 3 << true;
    QTest::newRow("last that fits") << 0x7fff << true;
    QTest::newRow("one more") << 0x8000 << false;
    QTest::newRow("many more") << 60000 << false;
}

void TestPrefixTable::slotWidthFollowsTableSize() {
    QFETCH(int, prefixes);
    QFETCH(bool, narrow);
    // One /8 and disjoint /24s inside it (all but 10.0.0.0/24), in seven
    // regions: entries, nodes and both match modes in play.
    std::string csv = "cidr,cloud,region\n10.0.0.0/8,aws,outer\n";
    for (int i = 1; i < prefixes; ++i)
        csv += "10." + std::to_string((i >> 8) & 255) + "." + std::to_string(i & 255) +
               ".0/24,aws,r" + std::to_string(i % 7) + "\n";
    const auto set = parse_ranges(csv, "slots.csv");
    QVERIFY2(set, set ? "" : set.error().what().c_str());
    const PrefixTable t = PrefixTable::build(std::span(&*set, 1));
    QCOMPARE(t.size(), std::size_t(prefixes));
    QCOMPARE(t.shape().v4_narrow, narrow);
    std::mt19937_64 rng{std::uint64_t(prefixes)};
    const std::uint32_t outer = t.lookup(*IpAddress::parse("10.255.255.255"), MatchMode::First);
    QVERIFY(outer != kNoEntry);
    QCOMPARE(t.entry(outer).prefix.length(), 8);
    for (int k = 0; k < 20000; ++k) {
        const IpAddress a = IpAddress::v4(0x0a000000u | std::uint32_t(rng() & 0xffffff));
        const std::uint32_t got = t.lookup(a, MatchMode::Longest);
        QVERIFY(got != kNoEntry);
        QVERIFY(t.entry(got).prefix.contains(a));
        // The /24 holding it when one was listed, else the /8.
        const int index = int((a.v4_bits() >> 8) & 0xffff);
        QCOMPARE(t.entry(got).prefix.length(), index >= 1 && index < prefixes ? 24 : 8);
        QCOMPARE(t.lookup(a, MatchMode::First), outer);
        QCOMPARE(batch_lookup(t, std::span(&a, 1), MatchMode::Longest).front(), got);
    }
    QCOMPARE(t.lookup(*IpAddress::parse("11.0.0.1"), MatchMode::Longest), kNoEntry);
}

QTEST_APPLESS_MAIN(TestPrefixTable)
#include "tst_prefix_table.moc"
