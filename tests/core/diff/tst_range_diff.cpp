#include "core/diff/range_diff.h"
#include "core/ranges/range_loader.h"
#include "tests/test_support.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace ociproxy;

namespace {

// An independent reading of an AWS file: prefix text → its regions.
QMap<QString, QSet<QString>> aws_index(const QString& path) {
    QFile f(path);
    f.open(QIODevice::ReadOnly);
    const QJsonObject root = QJsonDocument::fromJson(f.readAll()).object();
    QMap<QString, QSet<QString>> m;
    for (const auto& v : root.value("prefixes").toArray())
        m[v.toObject().value("ip_prefix").toString()].insert(
            v.toObject().value("region").toString());
    for (const auto& v : root.value("ipv6_prefixes").toArray())
        m[v.toObject().value("ipv6_prefix").toString()].insert(
            v.toObject().value("region").toString());
    return m;
}

} // namespace

class TestRangeDiff : public QObject {
    Q_OBJECT
private slots:
    void smallCases();
    void realAwsSnapshots();
};

void TestRangeDiff::smallCases() {
    auto a = parse_ranges("10.0.0.0/8,AWS,eu-west-3\n11.0.0.0/8,AWS,us-east-1\n"
                          "12.0.0.0/8,AWS,old-region-1\n13.0.0.0/8,GCP,europe-west1\n",
                          "a.csv");
    auto b = parse_ranges("10.0.0.0/8,AWS,eu-west-3\n11.0.0.0/8,AWS,us-west-2\n"
                          "14.0.0.0/8,AWS,xx-new-1\n13.0.0.0/8,GCP,europe-west1\n"
                          "2001:db8::/32,GCP,europe-west1\n",
                          "b.csv");
    QVERIFY(a && b);
    const RangeDiff d = diff_ranges({*a}, {*b}, BucketMap::production());
    QCOMPARE(d.by_cloud.at("AWS").added, std::size_t(1));
    QCOMPARE(d.by_cloud.at("AWS").removed, std::size_t(1));
    QCOMPARE(d.by_cloud.at("AWS").moved, std::size_t(1));
    QCOMPARE(d.by_cloud.at("AWS").unchanged, std::size_t(1));
    QCOMPARE(d.by_cloud.at("GCP").added, std::size_t(1));
    QCOMPARE(d.moved.front().from, std::string("us-east-1"));
    QCOMPARE(d.moved.front().to, std::string("us-west-2"));
    QCOMPARE(d.new_regions, (std::vector<std::string>{"AWS us-west-2", "AWS xx-new-1"}));
    QCOMPARE(d.vanished_regions, (std::vector<std::string>{"AWS old-region-1", "AWS us-east-1"}));
    QCOMPARE(d.unmapped_aws_regions, (std::vector<std::string>{"xx-new-1"}));
    const std::string md = range_diff_markdown(d);
    QVERIFY(md.find("| AWS | 1 | 1 | 1 | 1 |") != std::string::npos);
    QVERIFY(md.find("`AWS 11.0.0.0/8` | us-east-1 | us-west-2") != std::string::npos);
}

void TestRangeDiff::realAwsSnapshots() {
    REQUIRE_SHARED_DATA();
    const QString old_path = test::qs(test::shared_file("aws-ip-ranges-2025-07-14.json"));
    const QString new_path = test::qs(test::shared_file("aws-ip-ranges-2026-07-29.json"));
    auto a = load_range_file(old_path.toStdString());
    auto b = load_range_file(new_path.toStdString());
    QVERIFY(a && b);
    const RangeDiff d = diff_ranges({*a}, {*b}, BucketMap::production());

    const auto ia = aws_index(old_path), ib = aws_index(new_path);
    std::size_t added = 0, removed = 0, moved = 0, same = 0;
    for (auto it = ib.begin(); it != ib.end(); ++it)
        added += !ia.contains(it.key());
    for (auto it = ia.begin(); it != ia.end(); ++it) {
        if (!ib.contains(it.key()))
            ++removed;
        else if (ib.value(it.key()) != it.value())
            ++moved;
        else
            ++same;
    }
    const auto& c = d.by_cloud.at("AWS");
    QCOMPARE(c.added, added);
    QCOMPARE(c.removed, removed);
    QCOMPARE(c.moved, moved);
    QCOMPARE(c.unchanged, same);
    QVERIFY(added > 100 && removed > 10); // a year of AWS changes is not nothing
    qInfo("AWS 2025-07-14 -> 2026-07-29: %zu added, %zu removed, %zu moved, %zu unchanged; "
          "unmapped regions: %zu",
          added, removed, moved, same, d.unmapped_aws_regions.size());
}

QTEST_GUILESS_MAIN(TestRangeDiff)
#include "tst_range_diff.moc"
