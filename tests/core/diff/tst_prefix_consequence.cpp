// What each changed prefix does to its clients, between the two built-in
// publications of the demo AWS ranges.

#include "core/diff/prefix_consequence.h"
#include "core/ranges/range_loader.h"
#include "resources/demo_data.h"

#include <QTest>

using namespace ociproxy;

class TestPrefixConsequence : public QObject {
    Q_OBJECT
private slots:
    void consequences_data();
    void consequences();
};

void TestPrefixConsequence::consequences_data() {
    QTest::addColumn<QString>("prefix");
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("changes");
    // Removed from ap-northeast-2, which has a bucket: its clients lose it.
    QTest::newRow("removed") << "3.5.140.0/22"
                             << "ap-northeast-2 → default (loses its bucket)" << true;
    // Moved between two regions that both have a bucket: from one to the other.
    QTest::newRow("moved") << "52.93.127.172/32"
                           << "us-east-1 → us-east-2" << true;
    // Addresses no range had before (the default) now in a region with a bucket.
    QTest::newRow("new region") << "3.4.0.0/22"
                                << "default → mx-central-1 (gains a bucket)" << true;
    QTest::newRow("ipv6") << "2a05:d030::/40"
                          << "default → eu-north-1 (gains a bucket)" << true;
}

void TestPrefixConsequence::consequences() {
    QFETCH(QString, prefix);
    QFETCH(QString, text);
    QFETCH(bool, changes);
    auto a = parse_ranges(demo::file("aws-ip-ranges.json"), "demo:aws-ip-ranges.json");
    auto b = parse_ranges(demo::file("aws-ip-ranges-next.json"), "demo:aws-ip-ranges-next.json");
    QVERIFY(a && b);
    const BucketMap& buckets = BucketMap::production();
    const RangeDiff d = diff_ranges({*a}, {*b}, buckets);
    auto ra = Router::create(PrefixTable::build(std::vector{*a}), buckets, {});
    auto rb = Router::create(PrefixTable::build(std::vector{*b}), buckets, {});
    QVERIFY(ra && rb);
    const auto all = prefix_consequences(d, *ra, *rb);
    QCOMPARE(all.size(), std::size_t(d.added.size() + d.removed.size() + d.moved.size()));
    const auto it = all.find(prefix.toStdString());
    QVERIFY2(it != all.end(), qPrintable(prefix));
    QCOMPARE(QString::fromStdString(it->second.text), text);
    QCOMPARE(it->second.changes, changes);
}

QTEST_APPLESS_MAIN(TestPrefixConsequence)
#include "tst_prefix_consequence.moc"
