#include "core/ranges/range_loader.h"
#include "core/table/address_batch.h"
#include "core/table/prefix_table.h"

#include <QTest>
#include <vector>

using namespace ociproxy;

// The batch the streaming readers fill: addresses come back as they were
// added, whatever the mix of families, and each gets the entry a single
// lookup gives (IPv4-mapped addresses as IPv4).
class TestAddressBatch : public QObject {
    Q_OBJECT
private slots:
    void keepsEachAddressAndItsAnswer_data();
    void keepsEachAddressAndItsAnswer();
};

void TestAddressBatch::keepsEachAddressAndItsAnswer_data() {
    QTest::addColumn<QStringList>("addresses");
    QTest::newRow("IPv4 only") << QStringList{"10.1.2.3", "192.0.2.9", "10.255.0.1"};
    QTest::newRow("IPv6 only") << QStringList{"2001:db8::1", "2001:db8:1::5", "::1"};
    QTest::newRow("mixed") << QStringList{"10.1.2.3",  "2001:db8::1",   "::ffff:10.9.9.9",
                                          "192.0.2.9", "2001:db8:1::5", "::ffff:198.51.100.1"};
    QStringList full;
    for (int i = 0; i < int(AddressBatch::kSize); ++i)
        full << (i % 3 == 0   ? QStringLiteral("10.0.%1.1").arg(i)
                 : i % 3 == 1 ? QStringLiteral("2001:db8:%1::1").arg(i, 0, 16)
                              : QStringLiteral("::ffff:10.0.%1.2").arg(i));
    QTest::newRow("full, thirds") << full;
}

void TestAddressBatch::keepsEachAddressAndItsAnswer() {
    QFETCH(QStringList, addresses);
    auto set = parse_ranges("cidr,cloud,region\n10.0.0.0/8,AWS,us-east-1\n"
                            "10.9.0.0/16,AWS,eu-west-3\n2001:db8::/32,AWS,us-west-2\n"
                            "2001:db8:1::/48,GCP,europe-west1\n",
                            "test.csv");
    QVERIFY2(set.ok(), set.ok() ? "" : set.error().what().c_str());
    const std::vector<RangeSet> sets{*set};
    const PrefixTable table = PrefixTable::build(sets);
    AddressBatch batch;
    std::vector<IpAddress> added;
    for (const QString& text : addresses) {
        auto a = IpAddress::parse(text.toStdString());
        QVERIFY(a.ok());
        batch.add(*a);
        added.push_back(*a);
    }
    QCOMPARE(batch.size(), std::size_t(addresses.size()));
    QCOMPARE(batch.full(), batch.size() == AddressBatch::kSize);
    int found = 0;
    for (const MatchMode mode : {MatchMode::Longest, MatchMode::First}) {
        table.lookup_batch(batch, mode);
        std::vector<std::uint32_t> in_order;
        for (std::size_t i = 0; i < added.size(); ++i) {
            QVERIFY2(batch.address(i) == added[i], qPrintable(addresses[int(i)]));
            QCOMPARE(batch.entry(i), table.lookup(added[i], mode));
            found += batch.entry(i) != kNoEntry;
            in_order.push_back(batch.entry(i));
        }
        // By family: the same entries, each once, IPv4 (and mapped) first,
        // the calls numbered from 0.
        std::vector<std::uint32_t> by_family, expected;
        for (const bool four : {true, false})
            for (std::size_t i = 0; i < added.size(); ++i)
                if ((added[i].is_v4() || added[i].is_v4_mapped()) == four)
                    expected.push_back(in_order[i]);
        batch.for_each_entry_by_family([&](std::uint32_t entry, std::size_t k) {
            QCOMPARE(k, by_family.size());
            by_family.push_back(entry);
        });
        QCOMPARE(by_family, expected);
    }
    QVERIFY(found > 0);
    batch.clear();
    QCOMPARE(batch.size(), std::size_t(0));
}

QTEST_APPLESS_MAIN(TestAddressBatch)
#include "tst_address_batch.moc"
