#include "core/metrics/replica_status.h"

#include <QTest>

using namespace ociproxy;

class TestReplicaStatus : public QObject {
    Q_OBJECT
private slots:
    void summary_data();
    void summary();
    void query();
};

void TestReplicaStatus::summary_data() {
    QTest::addColumn<QStringList>("replicas"); // "instance=1|0"
    QTest::addColumn<QString>("text");
    QTest::newRow("all up") << QStringList{"a:9102=1", "b:9102=1", "c:9102=1"}
                            << "3 of 3 replicas up";
    QTest::newRow("one down") << QStringList{"a:9102=1", "c:9102=0", "b:9102=1"}
                              << "2 of 3 replicas up; down: c:9102";
    QTest::newRow("two down, sorted")
        << QStringList{"c:1=0", "a:1=0", "b:1=1"} << "1 of 3 replicas up; down: a:1, c:1";
    QTest::newRow("single") << QStringList{"a:1=1"} << "1 of 1 replica up";
    QTest::newRow("none known") << QStringList{}
                                << "no replica known: Prometheus scrapes no target under this "
                                   "selector (check the selector and Prometheus's targets page)";
}

void TestReplicaStatus::summary() {
    QFETCH(QStringList, replicas);
    QFETCH(QString, text);
    std::vector<ReplicaState> states;
    for (const QString& r : replicas)
        states.push_back({r.section('=', 0, 0).toStdString(), r.section('=', 1) == "1"});
    const ReplicaSummary s = summarize_replicas(states);
    QCOMPARE(s.known, std::size_t(replicas.size()));
    QCOMPARE(s.up + s.down.size(), s.known);
    QCOMPARE(QString::fromStdString(replica_summary_text(s)), text);
}

void TestReplicaStatus::query() {
    QCOMPARE(replica_query(""), std::string("up"));
    QCOMPARE(replica_query(R"(job="oci-proxy")"), std::string(R"(up{job="oci-proxy"})"));
}

QTEST_GUILESS_MAIN(TestReplicaStatus)
#include "tst_replica_status.moc"
