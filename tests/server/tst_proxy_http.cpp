// The server over real HTTP on loopback: every decide() rule replayed through
// a socket, the HTTP limits, hostile clients, metrics, reload and stop.

#include "core/decide/decide.h"
#include "core/decide/router_loader.h"
#include "core/file_io.h"
#include "core/request/client_ip.h"
#include "tests/core/decide/decide_rules.h"
#include "tests/server/http_probe.h"
#include "tests/server/running_proxy.h"
#include "tests/server/test_bucket.h"
#include "tests/test_support.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>
#include <map>

using namespace ociproxy;
using namespace ociproxy::test;

namespace {

// Every production bucket, moved onto the test bucket server.
std::string local_bucket_map(const std::string& base) {
    std::vector<Bucket> buckets = BucketMap::production().buckets();
    for (auto& b : buckets)
        b.url = base + "/" + b.name;
    return BucketMap::create(base + "/default", buckets)->to_json();
}

} // namespace

class TestProxyHttp : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void decideRulesOverHttp_data();
    void decideRulesOverHttp();
    void matchModesOverHttp_data();
    void matchModesOverHttp();
    void keepAliveServesManyRequests();
    void refusesBadHttp_data();
    void refusesBadHttp();
    void slowlorisIsCutOffWhileOthersAreServed();
    void thousandsOfIdleConnections();
    void hostilePathsStayInTheNamespace();
    void metricsHealthAndReadiness();
    void reloadKeepsRunningStateOnBadFiles();
    void stopFinishesInFlightRequests();
    void stopGivesUpOnChecksOutlivingTheDrain();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<TestBucket> m_bucket;
    std::string m_buckets_file;
    std::unique_ptr<RunningProxy> m_plain, m_sig;
};

void TestProxyHttp::initTestCase() {
    raise_descriptor_limit();
    m_bucket = std::make_unique<TestBucket>();
    m_bucket->set_default({200, 1234, {}});
    m_buckets_file = (m_dir.path() + "/buckets.json").toStdString();
    QVERIFY(write_file_atomic(m_buckets_file, local_bucket_map(m_bucket->url())).ok());
    m_plain = std::make_unique<RunningProxy>(std::vector<std::string>{"--buckets", m_buckets_file});
    m_sig = std::make_unique<RunningProxy>(std::vector<std::string>{
        "--buckets", m_buckets_file, "--signature-upstream", "https://sig.example.com/"});
}

void TestProxyHttp::cleanupTestCase() {
    m_plain.reset();
    m_sig.reset();
    m_bucket.reset();
}

void TestProxyHttp::decideRulesOverHttp_data() {
    add_decide_rules();
}

// The server must answer exactly what the core decides for the same request
// (every bucket has every blob here, as the table assumes), and the status,
// kind and backend the rule table states.
void TestProxyHttp::decideRulesOverHttp() {
    QFETCH(QString, method);
    QFETCH(QString, target);
    QFETCH(QString, peer);
    QFETCH(QString, xff);
    QFETCH(bool, sigUpstream);
    QFETCH(int, status);
    std::string forwarded = xff.toStdString();
    if (peer != kDefaultPeer && xff.isEmpty()) {
        // Over a socket the peer is always 127.0.0.1; the same client is
        // expressed through the load balancer's header instead.
        auto a = parse_peer_address(peer.toStdString());
        if (!a) QSKIP("an unparseable peer cannot come from a real socket");
        forwarded = a->to_string() + ", 127.0.0.1";
    }
    RunningProxy& proxy = sigUpstream ? *m_sig : *m_plain;
    HttpProbe probe(proxy.port());
    const HttpReply reply = probe.request(method.toStdString(), target.toStdString(), forwarded);

    RoutingSources sources;
    sources.bucket_file = m_buckets_file;
    if (sigUpstream) sources.settings.signature_upstream = "https://sig.example.com/";
    auto demo = demo::range_sets();
    auto routing = load_routing(sources, *demo);
    QVERIFY(routing.ok());
    AllBlobsPresent all;
    const std::string m = method.toStdString(), t = target.toStdString();
    const Decision want = decide(HttpRequest{m, t, "127.0.0.1:1", forwarded}, routing->router, all);

    QCOMPARE(reply.status, status);
    QCOMPARE(reply.status, want.status);
    QCOMPARE(qs(reply.header("location")), qs(want.location));
    if (status == 200)
        QCOMPARE(qs(reply.header("docker-distribution-api-version")),
                 QStringLiteral("registry/2.0"));
}

void TestProxyHttp::matchModesOverHttp_data() {
    QTest::addColumn<QString>("mode");
    QTest::newRow("longest") << "longest";
    QTest::newRow("first") << "first";
}

// The server compiles its table for its own match mode only: a client in
// nested prefixes of two regions gets that mode's bucket, as core decides.
void TestProxyHttp::matchModesOverHttp() {
    QFETCH(QString, mode);
    const std::string ranges = (m_dir.path() + "/nested.csv").toStdString();
    QVERIFY(write_file_atomic(ranges, "cidr,cloud,region\n35.180.0.0/16,aws,us-east-1\n"
                                      "35.180.1.0/24,aws,eu-west-3\n")
                .ok());
    RunningProxy proxy(
        {"--buckets", m_buckets_file, "--ranges", ranges, "--match", mode.toStdString()});
    const std::string target = "/v2/pause/blobs/sha256:" + std::string(64, 'a');
    const std::string xff = "35.180.1.7, 127.0.0.1";
    const HttpReply reply = HttpProbe(proxy.port()).request("GET", target, xff);

    std::map<MatchMode, std::string> want;
    for (const MatchMode m : {MatchMode::Longest, MatchMode::First}) {
        RoutingSources sources;
        sources.bucket_file = m_buckets_file;
        sources.range_files = {ranges};
        sources.settings.match = m;
        auto routing = load_routing(sources, {});
        QVERIFY(routing.ok());
        AllBlobsPresent all;
        want[m] =
            decide(HttpRequest{"GET", target, "127.0.0.1:1", xff}, routing->router, all).location;
    }
    QVERIFY(want[MatchMode::Longest] != want[MatchMode::First]); // the case tells them apart
    QCOMPARE(reply.status, 307);
    QCOMPARE(qs(reply.header("location")),
             qs(want[mode == "first" ? MatchMode::First : MatchMode::Longest]));
}

void TestProxyHttp::keepAliveServesManyRequests() {
    HttpProbe probe(m_plain->port());
    for (int i = 0; i < 200; ++i) {
        const auto r = probe.request("GET", i % 2 ? "/v2/" : "/v2/pause/manifests/latest");
        QCOMPARE(r.status, i % 2 ? 200 : 307);
    }
    // HTTP/1.0 without keep-alive: answered, then closed.
    HttpProbe old(m_plain->port());
    old.send_raw("GET /v2/ HTTP/1.0\r\n\r\n");
    QCOMPARE(old.read_reply().status, 200);
    QVERIFY(old.closed_by_server());
}

void TestProxyHttp::refusesBadHttp_data() {
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<int>("status");
    QTest::newRow("garbage request line") << QByteArray("GARBAGE\r\n\r\n") << 400;
    QTest::newRow("bad version") << QByteArray("GET /v2/ HTTP/9\r\n\r\n") << 400;
    QTest::newRow("space in target") << QByteArray("GET /v2/ x HTTP/1.1\r\n\r\n") << 400;
    QTest::newRow("header without colon") << QByteArray("GET /v2/ HTTP/1.1\r\nHost\r\n\r\n") << 400;
    QTest::newRow("nul in header") << QByteArray("GET /v2/ HTTP/1.1\r\nX: a\0b\r\n\r\n", 30) << 400;
    QTest::newRow("oversized header")
        << "GET /v2/ HTTP/1.1\r\nX-Big: " + QByteArray(10000, 'a') + "\r\n\r\n"
        << 431;
    QTest::newRow("body") << QByteArray("GET /v2/ HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello")
                          << 413;
    QTest::newRow("chunked body")
        << QByteArray(
               "POST /v2/ HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n")
        << 400; // any Transfer-Encoding (tst_hardening has the smuggling cases)
}

void TestProxyHttp::refusesBadHttp() {
    QFETCH(QByteArray, raw);
    QFETCH(int, status);
    HttpProbe bad(m_plain->port());
    bad.send_raw(raw.toStdString());
    QCOMPARE(bad.read_reply().status, status);
    QVERIFY(bad.closed_by_server()); // only that connection is closed
    HttpProbe good(m_plain->port());
    QCOMPARE(good.request("GET", "/v2/").status, 200);
}

void TestProxyHttp::slowlorisIsCutOffWhileOthersAreServed() {
    RunningProxy proxy({"--header-timeout", "400ms"});
    HttpProbe slow(proxy.port());
    QElapsedTimer timer;
    timer.start();
    bool closed = false;
    const std::string request =
        "GET /v2/ HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    for (std::size_t i = 0; i < request.size() && timer.elapsed() < 5000; ++i) {
        boost::system::error_code ec;
        boost::asio::write(slow.socket(), boost::asio::buffer(&request[i], 1), ec);
        if (ec) {
            closed = true;
            break;
        }
        HttpProbe other(proxy.port());
        QCOMPARE(other.request("GET", "/v2/").status, 200); // everyone else is answered meanwhile
        QTest::qWait(50);
    }
    if (!closed) closed = slow.closed_by_server();
    QVERIFY(closed);
    QVERIFY2(timer.elapsed() < 3000, qPrintable(QString::number(timer.elapsed())));
}

void TestProxyHttp::thousandsOfIdleConnections() {
    RunningProxy proxy({"--idle-timeout", "30s"});
    std::vector<std::unique_ptr<HttpProbe>> idle;
    for (int i = 0; i < 3000; ++i)
        idle.push_back(std::make_unique<HttpProbe>(proxy.port()));
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < 20; ++i) {
        HttpProbe p(proxy.port());
        QCOMPARE(p.request("GET", "/v2/pause/manifests/latest").status, 307);
    }
    QVERIFY2(timer.elapsed() < 2000, qPrintable(QString::number(timer.elapsed())));
    // The idle ones still work too.
    QCOMPARE(idle.front()->request("GET", "/v2/").status, 200);
    QCOMPARE(idle.back()->request("GET", "/v2/").status, 200);
}

void TestProxyHttp::hostilePathsStayInTheNamespace() {
    const std::string prefix = "https://us-central1-docker.pkg.dev/v2/k8s-artifacts-prod/images/";
    const char* paths[] = {"/v2/../../other-project/x",
                           "/v2/%2e%2e/%2e%2e/other-project/x",
                           "/v2/..%2f..%2fother-project/x",
                           "/v2/%2F%2Fevil.example.com/x",
                           "/v2//evil.example.com/x",
                           "/v2/@evil.example.com/x",
                           "/v2/x%0d%0aLocation:%20https://evil.example.com/",
                           "/v2/a?b=%0d%0aSet-Cookie:x",
                           "/v2/%5c%5cevil.example.com/x",
                           "/v2/x#frag/../../y",
                           "/v2/pause/blobs/sha256:..%2f..%2fx"};
    HttpProbe probe(m_plain->port());
    for (const char* path : paths) {
        const auto r = probe.request("GET", path);
        QVERIFY2(r.status == 307 || r.status == 400, path);
        if (r.status != 307) continue;
        const std::string loc = r.header("location");
        QVERIFY2(loc.rfind(prefix, 0) == 0, (std::string(path) + " -> " + loc).c_str());
        QVERIFY2(loc.find_first_of("\r\n ") == std::string::npos, loc.c_str());
        QVERIFY(r.headers.count("set-cookie") == 0);
    }
}

void TestProxyHttp::metricsHealthAndReadiness() {
    HttpProbe probe(m_plain->port());
    QCOMPARE(probe.request("GET", "/v2/").status, 200);
    QCOMPARE(probe.request("GET", "/v2/pause/blobs/sha256:metrics", "35.180.1.1, 127.0.0.1").status,
             307);
    // Counted once the reply is written, which the client can beat to it.
    QTRY_VERIFY_WITH_TIMEOUT(scrape_metrics(m_plain->admin_port())
                                     .find("ociproxy_blob_redirects_total{backend=\"s3\"") !=
                                 std::string::npos,
                             10000);
    const std::string text = scrape_metrics(m_plain->admin_port());
    for (const char* name :
         {"ociproxy_requests_total{kind=\"ping\",backend=\"none\",code=\"200\"}",
          "ociproxy_blob_redirects_total{backend=\"s3\",bucket=\"eu-west-3\",cloud=\"AWS\",region="
          "\"eu-west-3\"}",
          "ociproxy_redirected_bytes_total{backend=\"s3\",bucket=\"eu-west-3\"}",
          "ociproxy_estimated_egress_cost_usd_total{backend=\"s3\",bucket=\"eu-west-3\"}",
          "ociproxy_blob_checks_total{result=\"found\"}",
          "ociproxy_blob_check_duration_seconds_bucket{le=\"+Inf\"}",
          "ociproxy_request_duration_seconds_count", "ociproxy_in_flight_requests",
          "ociproxy_blob_cache_entries", "ociproxy_range_prefixes{cloud=\"AWS\"}",
          "process_resident_memory_bytes", "process_cpu_seconds_total",
          "process_start_time_seconds", "# TYPE ociproxy_requests_total counter"})
        QVERIFY2(text.find(name) != std::string::npos, name);
    HttpProbe scrape(m_plain->admin_port());
    QCOMPARE(qs(scrape.request("GET", "/metrics").header("content-type")),
             QStringLiteral("text/plain; version=0.0.4; charset=utf-8"));
    HttpProbe admin(m_plain->admin_port());
    QCOMPARE(admin.request("GET", "/healthz").status, 200);
    const auto ready = admin.request("GET", "/readyz");
    QCOMPARE(ready.status, 200);
    QCOMPARE(qs(ready.body), QStringLiteral("ready\n"));
    QCOMPARE(admin.request("GET", "/nope").status, 404);
    // The admin endpoints are not on the public port.
    QCOMPARE(probe.request("GET", "/metrics").status, 404);
}

void TestProxyHttp::reloadKeepsRunningStateOnBadFiles() {
    const std::string file = (m_dir.path() + "/reload-buckets.json").toStdString();
    QVERIFY(write_file_atomic(file, local_bucket_map(m_bucket->url())).ok());
    RunningProxy proxy({"--buckets", file});
    HttpProbe probe(proxy.port());
    const std::string blob = "/v2/pause/blobs/sha256:reload";
    const std::string before =
        probe.request("GET", blob, "35.180.1.1, 127.0.0.1").header("location");
    QVERIFY(before.find("/eu-west-3/containers/images/") != std::string::npos);

    QVERIFY(write_file_atomic(
                file, "{\"default\": \"https://d1be1w964nk82h.cloudfront.net1\", \"buckets\": []}")
                .ok());
    const auto bad = proxy.server().reload();
    QVERIFY(!bad.ok());
    QVERIFY(qs(bad.error().what()).contains("net1"));
    QCOMPARE(probe.request("GET", blob, "35.180.1.1, 127.0.0.1").header("location"), before);

    std::vector<Bucket> moved = BucketMap::production().buckets();
    for (auto& b : moved)
        b.url = m_bucket->url() + "/moved-" + b.name;
    QVERIFY(
        write_file_atomic(file, BucketMap::create(m_bucket->url() + "/default", moved)->to_json())
            .ok());
    QVERIFY(proxy.server().reload().ok());
    QVERIFY(probe.request("GET", blob, "35.180.1.1, 127.0.0.1")
                .header("location")
                .find("/moved-eu-west-3/") != std::string::npos);
}

void TestProxyHttp::stopFinishesInFlightRequests() {
    TestBucket slow;
    slow.set("sha256:slow", {200, 10, std::chrono::milliseconds(800)});
    auto proxy =
        std::make_unique<RunningProxy>(std::vector<std::string>{"--default-aws-base", slow.url()});
    HttpProbe probe(proxy->port());
    probe.send_raw("GET /v2/pause/blobs/sha256:slow HTTP/1.1\r\nHost: x\r\n\r\n");
    QTest::qWait(200); // the HEAD is now in flight
    proxy->server().stop();
    const auto r = probe.read_reply();
    QCOMPARE(r.status, 307);
    QVERIFY(r.header("location").find(slow.url()) == 0);
    proxy.reset(); // run() returned: joins
    // The port no longer accepts.
    boost::asio::io_context io;
    boost::asio::ip::tcp::socket s(io);
    boost::system::error_code ec;
    s.connect({boost::asio::ip::make_address("127.0.0.1"), probe.socket().remote_endpoint().port()},
              ec);
    QVERIFY(ec);
}

// A HEAD slower than the 5 s drain: the server still stops, and the checks
// coalesced onto it are dropped cleanly (the ASan build watches this).
void TestProxyHttp::stopGivesUpOnChecksOutlivingTheDrain() {
    TestBucket slow;
    slow.set("sha256:stuck", {200, 10, std::chrono::milliseconds(6500)});
    auto proxy = std::make_unique<RunningProxy>(std::vector<std::string>{
        "--default-aws-base", slow.url(), "--blob-timeout", "30s", "--threads", "2"});
    std::vector<std::unique_ptr<HttpProbe>> clients;
    for (int i = 0; i < 6; ++i) {
        clients.push_back(std::make_unique<HttpProbe>(proxy->port()));
        clients.back()->send_raw("GET /v2/pause/blobs/sha256:stuck HTTP/1.1\r\nHost: x\r\n\r\n");
    }
    QTest::qWait(200);
    QElapsedTimer timer;
    timer.start();
    proxy->server().stop();
    proxy.reset();
    QVERIFY2(timer.elapsed() < 6000, qPrintable(QString::number(timer.elapsed())));
    for (auto& c : clients)
        QVERIFY(c->closed_by_server());
}

QTEST_GUILESS_MAIN(TestProxyHttp)
#include "tst_proxy_http.moc"
