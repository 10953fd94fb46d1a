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
    void addParsedIsParseThenAdd_data();
    void addParsedIsParseThenAdd();
};

void TestAddressBatch::keepsEachAddressAndItsAnswer_data() {
    QTest::addColumn<QStringList>("addresses");
    QTest::newRow("IPv4 only") << QStringList{"10.1.2.3", "192.0.2.9", "10.255.0.1"};
    QTest::newRow("IPv6 only") << QStringList{"2001:db8::1", "2001:db8:1::5", "::1"};
    QTest::newRow("mixed") << QStringList{"10.1.2.3",  "2001:db8::1",   "::ffff:10.9.9.9",
                                          "192.0.2.9", "2001:db8:1::5", "::ffff:198.51.100.1"};
    QStringList full;
    for (int i = 0; i < int(AddressBatch::kSize); ++i)
        full << (i % 3 == 0   ? QStringLiteral("10.%1.%2.1").arg(i / 256).arg(i % 256)
                 : i % 3 == 1 ? QStringLiteral("2001:db8:%1::1").arg(i, 0, 16)
                              : QStringLiteral("::ffff:10.%1.%2.2").arg(i / 256).arg(i % 256));
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

void TestAddressBatch::addParsedIsParseThenAdd_data() {
    QTest::addColumn<QStringList>("texts");
    // Both scanned forms (dotted quad, full IPv6, IPv4-mapped written in
    // full), what only the full parser reads (compressed IPv6, mapped with a
    // dotted quad), and what neither takes.
    QTest::newRow("scanned") << QStringList{"10.1.2.3", "2001:0db8:0000:0000:0000:0000:0000:0001",
                                            "0000:0000:0000:0000:0000:ffff:0a09:0909",
                                            "255.255.255.255", "0.0.0.0"};
    QTest::newRow("full parser") << QStringList{"2001:db8::1",   "::ffff:10.9.9.9", "::", "::1",
                                                "2001:db8:1::5", "::ffff:0a00:0001"};
    QTest::newRow("refused") << QStringList{
        "",         " 10.1.2.3",  "10.1.2.3 ",
        "01.2.3.4", "1.2.3",      "2001:db8::1::2",
        "x",        "10.1.2.256", "2001:0db8:0000:0000:0000:0000:0000:00001"};
    QStringList mixed;
    for (int i = 0; i < int(AddressBatch::kSize); ++i)
        mixed << (i % 4 == 0   ? QStringLiteral("10.%1.%2.1").arg(i / 256).arg(i % 256)
                  : i % 4 == 1 ? QStringLiteral("2001:0db8:%1:0000:0000:0000:0000:0001")
                                     .arg(i, 4, 16, QLatin1Char('0'))
                  : i % 4 == 2 ? QStringLiteral("::ffff:10.%1.%2.2").arg(i / 256).arg(i % 256)
                               : QStringLiteral("bad %1").arg(i));
    QTest::newRow("full batch, mixed") << mixed;
}

// The batch's own parse (the streaming readers') takes exactly what
// IpAddress::try_parse takes, and gives the same addresses and answers as
// parsing first and add()ing.
void TestAddressBatch::addParsedIsParseThenAdd() {
    QFETCH(QStringList, texts);
    auto set = parse_ranges("cidr,cloud,region\n10.0.0.0/8,AWS,us-east-1\n"
                            "10.9.0.0/16,AWS,eu-west-3\n2001:db8::/32,AWS,us-west-2\n",
                            "test.csv");
    QVERIFY(set.ok());
    const std::vector<RangeSet> sets{*set};
    const PrefixTable table = PrefixTable::build(sets);
    AddressBatch parsed, added;
    for (const QString& t : texts) {
        const std::string text = t.toStdString();
        IpAddress a;
        const bool ok = IpAddress::try_parse(text, a);
        QCOMPARE(parsed.add_parsed(text), ok);
        if (ok) added.add(a);
        QCOMPARE(parsed.size(), added.size());
    }
    table.lookup_batch(parsed, MatchMode::Longest);
    table.lookup_batch(added, MatchMode::Longest);
    for (std::size_t i = 0; i < added.size(); ++i) {
        QVERIFY2(parsed.address(i) == added.address(i), qPrintable(texts.join(' ')));
        QCOMPARE(parsed.entry(i), added.entry(i));
    }
}

QTEST_APPLESS_MAIN(TestAddressBatch)
#include "tst_address_batch.moc"
