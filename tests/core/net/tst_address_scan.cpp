#include "core/net/address_scan.h"
#include "core/net/ip_address.h"

#include <QTest>
#include <random>
#include <string>

using namespace ociproxy;

// The scans must accept exactly what IpAddress::parse accepts of their form,
// with the same value: checked on edge cases and on a few hundred thousand
// near-addresses made by mutating real ones (a seeded generator, so that a
// failure repeats).
class TestAddressScan : public QObject {
    Q_OBJECT
private slots:
    void availableWhereTheCpuHasSsse3();
    void dottedQuad_data();
    void dottedQuad();
    void fullIpv6_data();
    void fullIpv6();
    void agreesWithParseOnMutations();
};

namespace {

// Where it is false the scans take nothing and try_parse is the full parser.
const bool kScans = address_scans_available();

// What the full parser says of `text` in the scans' terms: 0 not accepted,
// 1 an IPv4 address, 2 an IPv6 address (with its value).
int parsed(const std::string& text, u128& value) {
    const auto a = IpAddress::parse(text);
    if (!a) return 0;
    value = a->bits();
    return a->is_v4() ? 1 : 2;
}

} // namespace

// Read at static initialisation above, as a caller there would: where the
// CPU has SSSE3 the scans must already run then, or every test below skips.
void TestAddressScan::availableWhereTheCpuHasSsse3() {
#if defined(__x86_64__) || defined(__i386__)
    QCOMPARE(kScans, __builtin_cpu_supports("ssse3") != 0);
#else
    QVERIFY(!kScans);
#endif
}

void TestAddressScan::dottedQuad_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("shortest") << QByteArray("1.2.3.4") << true;
    QTest::newRow("longest") << QByteArray("255.255.255.255") << true;
    QTest::newRow("zeros") << QByteArray("0.0.0.0") << true;
    QTest::newRow("mixed lengths") << QByteArray("10.100.1.200") << true;
    QTest::newRow("256") << QByteArray("1.2.3.256") << false;
    QTest::newRow("999") << QByteArray("999.2.3.4") << false;
    QTest::newRow("leading zero") << QByteArray("1.02.3.4") << false;
    QTest::newRow("leading zero last") << QByteArray("1.2.3.04") << false;
    QTest::newRow("four digits") << QByteArray("1.2.3.1000") << false;
    QTest::newRow("empty field") << QByteArray("1..2.3.4") << false;
    QTest::newRow("leading dot") << QByteArray(".1.2.3.4") << false;
    QTest::newRow("trailing dot") << QByteArray("1.2.3.4.") << false;
    QTest::newRow("three fields") << QByteArray("1.2.3") << false;
    QTest::newRow("five fields") << QByteArray("1.2.3.4.5") << false;
    QTest::newRow("port") << QByteArray("1.2.3.4:80") << false;
    QTest::newRow("space") << QByteArray("1.2.3.4 ") << false;
    QTest::newRow("nul inside") << QByteArray("1.2\0.3.4", 8) << false;
    QTest::newRow("nul after") << QByteArray("1.2.3.4\0", 8) << false;
    QTest::newRow("hex digit") << QByteArray("1.2.3.a") << false;
    QTest::newRow("high byte") << QByteArray("1.2.3.\xb4") << false;
    QTest::newRow("sixteen") << QByteArray("100.100.100.1000") << false;
}

void TestAddressScan::dottedQuad() {
    if (!kScans) QSKIP("the scans need SSSE3 on x86");
    QFETCH(QByteArray, text);
    QFETCH(bool, accepted);
    const std::string s = text.toStdString();
    std::uint32_t v = 0;
    QCOMPARE(scan_dotted_quad(s, v), accepted);
    u128 want = 0;
    QCOMPARE(parsed(s, want) == 1, accepted);
    if (accepted) QCOMPARE(v, std::uint32_t(want));
}

void TestAddressScan::fullIpv6_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("full") << QByteArray("2600:1f18:4a3f:c00:1234:5678:9abc:def0") << true;
    QTest::newRow("longest") << QByteArray("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff") << true;
    QTest::newRow("sixteen") << QByteArray("0:0:0:0:0:0:0:10") << true;
    QTest::newRow("upper") << QByteArray("2600:1F18:4A3F:C00:1:2:3:AbCd") << true;
    QTest::newRow("five digits") << QByteArray("2600:1f18:4a3f:c00:12345:5678:9abc:def0") << false;
    QTest::newRow("nine groups") << QByteArray("1:2:3:4:5:6:7:8:9") << false;
    QTest::newRow("seven groups") << QByteArray("1:2:3:4:5:6:7") << false;
    QTest::newRow("leading colon") << QByteArray(":1:2:3:4:5:6:7") << false;
    QTest::newRow("trailing colon") << QByteArray("1:2:3:4:5:6:7:") << false;
    // Not this scan's form; the full parser takes them.
    QTest::newRow("fifteen") << QByteArray("0:0:0:0:0:0:0:0") << false;
    QTest::newRow("gap") << QByteArray("2600:1f18::1") << false;
    QTest::newRow("gap of one") << QByteArray("1:2:3:4:5:6::8") << false;
    QTest::newRow("dotted tail") << QByteArray("1:2:3:4:5:6:1.2.3.4") << false;
    QTest::newRow("g") << QByteArray("2600:1f18:4a3f:c00:1234:5678:9abc:defg") << false;
    QTest::newRow("zone") << QByteArray("fe80:0:0:0:0:0:0:1%eth0") << false;
    QTest::newRow("at sign") << QByteArray("2600:1f18:4a3f:c00:1234:5678:9abc:@ef0") << false;
    QTest::newRow("backquote") << QByteArray("2600:1f18:4a3f:c00:1234:5678:9abc:`ef0") << false;
    QTest::newRow("nul") << QByteArray("2600:1f18:4a3f:c00:1234:5678:9abc:\0ef0", 38) << false;
}

void TestAddressScan::fullIpv6() {
    if (!kScans) QSKIP("the scans need SSSE3 on x86");
    QFETCH(QByteArray, text);
    QFETCH(bool, accepted);
    const std::string s = text.toStdString();
    u128 v = 0;
    QCOMPARE(scan_full_ipv6(s, v), accepted);
    u128 want = 0;
    const int kind = parsed(s, want);
    if (accepted) {
        QCOMPARE(kind, 2);
        QVERIFY(v == want);
    }
}

void TestAddressScan::agreesWithParseOnMutations() {
    std::mt19937_64 rng(20261202);
    const auto pick = [&](std::size_t n) { return std::size_t(rng() % n); };
    static const char kBytes[] = "0123456789abcdefABCDEFgG.:. :%\t\x80\xff";
    const auto random_v4 = [&] {
        std::string s;
        for (int i = 0; i < 4; ++i) {
            if (i) s += '.';
            s += std::to_string(pick(4) == 0 ? pick(10) : pick(256));
        }
        return s;
    };
    const auto random_v6 = [&] {
        static const char hex[] = "0123456789abcdefABCDEF";
        std::string s;
        for (int i = 0; i < 8; ++i) {
            if (i) s += ':';
            const std::size_t digits = 1 + pick(4);
            for (std::size_t d = 0; d < digits; ++d)
                s += hex[pick(sizeof hex - 1)];
        }
        return s;
    };
    std::size_t v4_taken = 0, v6_taken = 0;
    for (int round = 0; round < 300000; ++round) {
        std::string s = round % 2 ? random_v4() : random_v6();
        for (std::size_t k = pick(3); k > 0 && !s.empty(); --k) {
            const std::size_t at = pick(s.size());
            const char c = kBytes[pick(sizeof kBytes - 1)];
            switch (pick(3)) {
            case 0:
                s[at] = c;
                break;
            case 1:
                s.insert(s.begin() + std::ptrdiff_t(at), c);
                break;
            default:
                s.erase(at, 1);
                break;
            }
        }
        u128 want = 0;
        const int kind = parsed(s, want);
        std::uint32_t v4 = 0;
        const bool quad = scan_dotted_quad(s, v4);
        u128 v6 = 0;
        const bool full = scan_full_ipv6(s, v6);
        if (quad) {
            QVERIFY2(kind == 1 && v4 == std::uint32_t(want), s.c_str());
            ++v4_taken;
        } else {
            // every dotted quad parse accepts is the scan's
            QVERIFY2(!kScans || kind != 1, s.c_str());
        }
        if (full) {
            QVERIFY2(kind == 2 && v6 == want, s.c_str());
            ++v6_taken;
        } else if (kScans && kind == 2 && s.size() >= 16 &&
                   std::count(s.begin(), s.end(), ':') == 7 && s.find('.') == std::string::npos &&
                   s.find("::") == std::string::npos) {
            QFAIL(("a full IPv6 address the scan refused: " + s).c_str());
        }
        // try_parse's fast path takes what the scans take, by length.
        u128 scanned = 0;
        const ScannedForm form = scan_address(s, scanned);
        QCOMPARE(form, quad ? ScannedForm::V4 : full ? ScannedForm::V6 : ScannedForm::None);
        if (quad) QVERIFY2(scanned == v4, s.c_str());
        if (full) QVERIFY2(scanned == v6, s.c_str());
        IpAddress a;
        QCOMPARE(IpAddress::try_parse(s, a), kind != 0);
        if (kind != 0) QVERIFY2(a.bits() == want && a.is_v4() == (kind == 1), s.c_str());
    }
    // The mutations must leave many addresses whole, or the run proves little.
    QVERIFY2(!kScans || (v4_taken > 50000 && v6_taken > 50000),
             qPrintable(QStringLiteral("%1 IPv4, %2 IPv6").arg(v4_taken).arg(v6_taken)));
}

QTEST_APPLESS_MAIN(TestAddressScan)
#include "tst_address_scan.moc"
