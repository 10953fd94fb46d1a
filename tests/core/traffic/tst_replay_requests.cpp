#include "core/traffic/replay_requests.h"

#include <QTest>

using namespace ociproxy;

class TestReplayRequests : public QObject {
    Q_OBJECT
private slots:
    void clientsTravelInForwardedFor();
    void countsAndLimits();
    void nothingToReplay();
};

void TestReplayRequests::clientsTravelInForwardedFor() {
    const auto r = replay_requests("ip,method,path\n35.180.1.1,HEAD,/v2/a/blobs/sha256:ab\n"
                                   "2001:db8::5,GET,/v2/\n",
                                   "t.csv", "/default", 10, 100);
    QVERIFY2(r, r ? "" : r.error().what().c_str());
    QCOMPARE(r->size(), std::size_t(2));
    QCOMPARE(r->at(0).method, std::string("HEAD"));
    QCOMPARE(r->at(0).target, std::string("/v2/a/blobs/sha256:ab"));
    QCOMPARE(r->at(0).forwarded_for, std::string("35.180.1.1, 127.0.0.1"));
    QCOMPARE(r->at(1).forwarded_for, std::string("2001:db8::5, 127.0.0.1"));
    // A row with its own header keeps it; an IP list asks for the default.
    const auto x =
        replay_requests("ip,xff\n10.0.0.1,\"3.2.48.77, 34.120.0.1\"\n", "x.csv", "/d", 10, 100);
    QVERIFY(x);
    QCOMPARE(x->at(0).forwarded_for, std::string("3.2.48.77, 34.120.0.1"));
    QCOMPARE(x->at(0).target, std::string("/d"));
}

void TestReplayRequests::countsAndLimits() {
    const auto r = replay_requests("ip,count\n1.2.3.4,1000\n5.6.7.8,2\n", "c.csv", "/d", 3, 100);
    QVERIFY(r);
    QCOMPARE(r->size(), std::size_t(5)); // 1000 capped at 3, then 2
    const auto l = replay_requests("1.2.3.4\n1.2.3.5\n1.2.3.6\n", "l.txt", "/d", 3, 2);
    QVERIFY(l);
    QCOMPARE(l->size(), std::size_t(2));
}

void TestReplayRequests::nothingToReplay() {
    const auto r = replay_requests("ip,count\nnot-an-ip,1\n", "bad.csv", "/d", 3, 100);
    QVERIFY(!r);
    QCOMPARE(r.error().location, std::string("bad.csv"));
}

QTEST_APPLESS_MAIN(TestReplayRequests)
#include "tst_replay_requests.moc"
