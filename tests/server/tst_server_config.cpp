#include "app/proxy/durations.h"
#include "app/proxy/proxy_options.h"
#include "server/listen_address.h"

#include <QTest>
#include <map>

using namespace ociproxy;
using namespace ociproxy::server;
using namespace ociproxy::proxy;

namespace {

Result<ParsedCommandLine> parse(std::vector<std::string> args,
                                std::map<std::string, std::string> env = {}) {
    args.insert(args.begin(), "oci-proxy");
    std::vector<char*> argv;
    for (auto& a : args)
        argv.push_back(a.data());
    return parse_command_line(int(argv.size()), argv.data(),
                              [&env](const char* name) -> const char* {
                                  auto it = env.find(name);
                                  return it == env.end() ? nullptr : it->second.c_str();
                              });
}

} // namespace

class TestServerConfig : public QObject {
    Q_OBJECT
private slots:
    void durations_data();
    void durations();
    void listenAddresses_data();
    void listenAddresses();
    void refusesToStartWithoutRanges();
    void environmentAndFlags();
    void setButEmptyIsUsedAsIs();
    void badValuesNameTheOption_data();
    void badValuesNameTheOption();
    void helpDocumentsEveryOption();
};

void TestServerConfig::durations_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("ms"); // -1: invalid
    QTest::newRow("ms") << "250ms" << 250;
    QTest::newRow("s") << "5s" << 5000;
    QTest::newRow("m") << "1m" << 60000;
    QTest::newRow("h") << "2h" << 7200000;
    QTest::newRow("zero") << "0" << 0;
    QTest::newRow("no unit") << "5" << -1;
    QTest::newRow("fraction") << "1.5s" << -1;
    QTest::newRow("negative") << "-1s" << -1;
    QTest::newRow("unknown unit") << "5d" << -1;
    QTest::newRow("empty") << "" << -1;
    QTest::newRow("huge") << "99999999999999s" << -1;
    QTest::newRow("24h is the bound") << "24h" << 86400000;
    QTest::newRow("over 24h") << "1441m" << -1;
    QTest::newRow("3000000h") << "3000000h" << -1;
}

void TestServerConfig::durations() {
    QFETCH(QString, text);
    QFETCH(int, ms);
    auto d = parse_duration(text.toStdString());
    QCOMPARE(d.ok(), ms >= 0);
    if (d.ok()) QCOMPARE(int(d->count()), ms);
}

void TestServerConfig::listenAddresses_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port"); // -1: invalid
    QTest::newRow("all") << ":8080"
                         << "" << 8080;
    QTest::newRow("v4") << "127.0.0.1:9102"
                        << "127.0.0.1" << 9102;
    QTest::newRow("v6") << "[::1]:0"
                        << "::1" << 0;
    QTest::newRow("no port") << "127.0.0.1"
                             << "" << -1;
    QTest::newRow("port too big") << ":70000"
                                  << "" << -1;
    QTest::newRow("name") << "example.com:80"
                          << "" << -1;
    QTest::newRow("bare v6") << "::1:80"
                             << "" << -1;
}

void TestServerConfig::listenAddresses() {
    QFETCH(QString, text);
    QFETCH(QString, host);
    QFETCH(int, port);
    auto a = ListenAddress::parse(text.toStdString());
    QCOMPARE(a.ok(), port >= 0);
    if (!a) return;
    QCOMPARE(QString::fromStdString(a->host), host);
    QCOMPARE(int(a->port), port);
}

void TestServerConfig::refusesToStartWithoutRanges() {
    auto r = parse({});
    QVERIFY(!r.ok());
    QCOMPARE(QString::fromStdString(r.error().location), QStringLiteral("--ranges"));
    QVERIFY(QString::fromStdString(r.error().message).contains("--demo"));
    QVERIFY(parse({"--demo"}).ok());
    QVERIFY(parse({"--ranges", "a.json"}).ok());
}

void TestServerConfig::environmentAndFlags() {
    const std::map<std::string, std::string> env = {
        {"PORT", "9000"},
        {"UPSTREAM_REGISTRY_ENDPOINT", "http://127.0.0.1:5000"},
        {"UPSTREAM_REGISTRY_PATH", "mirror"},
        {"SIGNATURE_UPSTREAM_ENDPOINT", ""},
        {"DEFAULT_AWS_BASE_URL", "http://127.0.0.1:9001"}};
    auto r = parse({"--demo"}, env);
    QVERIFY(r.ok());
    const ServerConfig& c = *r->config;
    QCOMPARE(int(c.listen.port), 9000);
    QVERIFY(c.listen.host.empty());
    QCOMPARE(QString::fromStdString(c.routing.settings.upstream),
             QStringLiteral("http://127.0.0.1:5000"));
    QCOMPARE(QString::fromStdString(c.routing.settings.upstream_path), QStringLiteral("mirror"));
    QVERIFY(c.routing.settings.signature_upstream.empty()); // empty = unset
    QCOMPARE(QString::fromStdString(c.routing.settings.default_aws_base),
             QStringLiteral("http://127.0.0.1:9001"));
    auto f = parse({"--demo", "--listen", "127.0.0.1:7000", "--upstream", "http://127.0.0.1:5001",
                    "--threads", "3", "--blob-timeout", "250ms", "--negative-ttl", "0", "--match",
                    "first", "--log-client-ip", "none"},
                   env);
    QVERIFY(f.ok());
    QCOMPARE(int(f->config->listen.port), 7000);
    QCOMPARE(QString::fromStdString(f->config->routing.settings.upstream),
             QStringLiteral("http://127.0.0.1:5001"));
    QCOMPARE(f->config->threads, 3u);
    QCOMPARE(int(f->config->blob_timeout.count()), 250);
    QCOMPARE(int(f->config->negative_ttl.count()), 0);
    QVERIFY(f->config->routing.settings.match == MatchMode::First);
    QVERIFY(f->config->log_client_ip == ClientIpLogging::None);
    auto d = parse({"--demo"});
    QCOMPARE(int(d->config->listen.port), 8080);
    QCOMPARE(QString::fromStdString(d->config->admin_listen.to_string()),
             QStringLiteral("127.0.0.1:9102"));
    QCOMPARE(int(d->config->blob_timeout.count()), 5000);
    QCOMPARE(int(d->config->negative_ttl.count()), 60000);
    QCOMPARE(d->config->blob_check_concurrency, std::size_t(32));
    QCOMPARE(int(d->config->blob_cache_ttl.count()), 24 * 3600 * 1000);
}

// archeio uses a variable that is set but empty as is: no upstream path.
// The flag wins over the variable, and an empty flag means the same.
void TestServerConfig::setButEmptyIsUsedAsIs() {
    auto unset = parse({"--demo"});
    QCOMPARE(QString::fromStdString(unset->config->routing.settings.upstream_path),
             QStringLiteral("k8s-artifacts-prod/images"));
    auto env_empty = parse({"--demo"}, {{"UPSTREAM_REGISTRY_PATH", ""}});
    QVERIFY(env_empty.ok());
    QVERIFY(env_empty->config->routing.settings.upstream_path.empty());
    auto flag_empty = parse({"--demo", "--upstream-path", ""}, {{"UPSTREAM_REGISTRY_PATH", "x"}});
    QVERIFY(flag_empty.ok());
    QVERIFY(flag_empty->config->routing.settings.upstream_path.empty());
    auto flag_wins = parse({"--demo", "--upstream-path", "y"}, {{"UPSTREAM_REGISTRY_PATH", ""}});
    QCOMPARE(QString::fromStdString(flag_wins->config->routing.settings.upstream_path),
             QStringLiteral("y"));
    // An empty default AWS base falls back to the bucket map's default.
    auto base = parse({"--demo"}, {{"DEFAULT_AWS_BASE_URL", ""}});
    QVERIFY(base->config->routing.settings.default_aws_base.empty());
    // A bad variable is named as the variable.
    auto port = parse({"--demo"}, {{"PORT", "eighty"}});
    QVERIFY(!port.ok());
    QCOMPARE(QString::fromStdString(port.error().location), QStringLiteral("PORT"));
}

void TestServerConfig::badValuesNameTheOption_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("location");
    QTest::newRow("threads") << QStringList{"--threads", "zero"} << "--threads";
    QTest::newRow("threads 0") << QStringList{"--threads", "0"} << "--threads";
    QTest::newRow("timeout") << QStringList{"--blob-timeout", "5"} << "--blob-timeout";
    QTest::newRow("timeout 0") << QStringList{"--blob-timeout", "0"} << "--blob-timeout";
    QTest::newRow("ttl") << QStringList{"--negative-ttl", "soon"} << "--negative-ttl";
    QTest::newRow("listen") << QStringList{"--listen", "nowhere"} << "--listen";
    QTest::newRow("admin") << QStringList{"--admin-listen", ":99999"} << "--admin-listen";
    QTest::newRow("match") << QStringList{"--match", "best"} << "--match";
    QTest::newRow("log ip") << QStringList{"--log-client-ip", "some"} << "--log-client-ip";
    QTest::newRow("cache") << QStringList{"--blob-cache-entries", "-1"} << "--blob-cache-entries";
    QTest::newRow("unknown") << QStringList{"--frobnicate"} << "command line";
    QTest::newRow("header timeout overflow")
        << QStringList{"--header-timeout", "3000000h"} << "--header-timeout";
    QTest::newRow("concurrency 0")
        << QStringList{"--blob-check-concurrency", "0"} << "--blob-check-concurrency";
    QTest::newRow("cache ttl 0") << QStringList{"--blob-cache-ttl", "0"} << "--blob-cache-ttl";
    QTest::newRow("cooldown") << QStringList{"--bucket-cooldown", "25h"} << "--bucket-cooldown";
    QTest::newRow("empty ranges") << QStringList{"--ranges", ""} << "--ranges";
}

void TestServerConfig::badValuesNameTheOption() {
    QFETCH(QStringList, args);
    QFETCH(QString, location);
    std::vector<std::string> a = {"--demo"};
    for (const auto& s : args)
        a.push_back(s.toStdString());
    auto r = parse(a);
    QVERIFY(!r.ok());
    QCOMPARE(QString::fromStdString(r.error().location), location);
}

void TestServerConfig::helpDocumentsEveryOption() {
    auto r = parse({"--help"});
    QVERIFY(r.ok());
    QVERIFY(!r->config);
    for (const char* opt : {"--listen",
                            "--ranges",
                            "--buckets",
                            "--prices",
                            "--match",
                            "--threads",
                            "--blob-timeout",
                            "--blob-cache-entries",
                            "--negative-ttl",
                            "--admin-listen",
                            "--access-log",
                            "--log-client-ip",
                            "--ca-file",
                            "--demo",
                            "--max-connections",
                            "--header-timeout",
                            "--blob-check-concurrency",
                            "--blob-cache-ttl",
                            "--bucket-failures",
                            "--bucket-cooldown",
                            "PORT",
                            "UPSTREAM_REGISTRY_ENDPOINT",
                            "UPSTREAM_REGISTRY_PATH",
                            "SIGNATURE_UPSTREAM_ENDPOINT",
                            "DEFAULT_AWS_BASE_URL",
                            "SIGHUP"})
        QVERIFY2(QString::fromStdString(r->help).contains(opt), opt);
}

QTEST_APPLESS_MAIN(TestServerConfig)
#include "tst_server_config.moc"
