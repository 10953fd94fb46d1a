// The deployment shape, end to end on loopback: three oci-proxy replicas
// behind Debian's nginx as the load balancer (appending X-Forwarded-For as
// Google's does), Debian's docker-registry as the upstream, an nginx bucket,
// and a real Prometheus scraping the replicas through file-based service
// discovery with the packaged rules loaded. skopeo pulls through the
// balancer while one replica is stopped with SIGTERM; every pull must still
// succeed, the replicas' request counters must add up to the requests the
// balancer passed, Prometheus must see the replica down and raise the
// packaged alert, every PromQL expression of the packaged Grafana dashboard
// must run, and the console's Prometheus source must name the missing one.

#include "tests/e2e/registry_fixture.h"
#include "tests/ui/ui_test_support.h"
#include "ui/live/live_source_model.h"
#include "ui/live/metrics_source.h"
#include "ui/models/model_roles.h"

#include <QDateTime>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QUrlQuery>
#include <array>
#include <csignal>

using namespace ociproxy;
using namespace ociproxy::test;
using namespace ociproxy::ui;

namespace {

constexpr int kReplicas = 3;
constexpr int kPulls = 18;    // bounded: the whole run is a few hundred requests
constexpr int kParallel = 3;  // skopeo processes at once
constexpr int kStopAfter = 5; // pulls finished when replica 1 gets SIGTERM
constexpr int kStopped = 1;   // which replica

// Sum of every sample of `metric` in a text exposition.
double sum_metric(const QByteArray& text, const QString& metric) {
    double total = 0;
    const QRegularExpression line("^" + QRegularExpression::escape(metric) +
                                      "(\\{[^}]*\\})? ([0-9.e+]+)$",
                                  QRegularExpression::MultilineOption);
    for (auto it = line.globalMatch(QString::fromUtf8(text)); it.hasNext();)
        total += it.next().captured(2).toDouble();
    return total;
}

// A GET that gives up after 30 s and then aborts, so a stalled answer does
// not keep one of the manager's few connections to the host busy for the
// requests after it.
QByteArray http_get(QNetworkAccessManager& net, const QUrl& url) {
    QNetworkReply* reply = net.get(QNetworkRequest(url));
    QElapsedTimer t;
    t.start();
    while (!reply->isFinished() && t.elapsed() < 30000)
        QTest::qWait(10);
    if (!reply->isFinished()) {
        qWarning("no answer from %s within 30 s", qPrintable(url.toString()));
        reply->abort();
    }
    const QByteArray body = reply->readAll();
    reply->deleteLater();
    return body;
}

QJsonObject get_json(QNetworkAccessManager& net, const QUrl& url) {
    return QJsonDocument::fromJson(http_get(net, url)).object();
}

// Polls `done` until it holds or `ms` of wall-clock time have passed.
// QTRY_* counts its own steps and not the time the condition takes, so a
// condition that asks Prometheus would stretch its timeout many times over.
template <typename F> bool wait_until(int ms, F done) {
    QElapsedTimer t;
    t.start();
    while (!done()) {
        if (t.elapsed() >= ms) return false;
        QTest::qWait(100);
    }
    return true;
}

} // namespace

class TestReplicas : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void pullsSurviveAReplicaStopping();
    void prometheusSeesTheReplicaDown();
    void dashboardAndRulesRun();
    void consoleNamesTheMissingReplica();

private:
    QString promql(const QString& expr); // "" on success, else Prometheus's error
    QJsonArray query(const QString& expr);
    QString scalar(const QString& expr); // the one sample's value, or ""
    QString instance(int replica) const {
        return QString("127.0.0.1:%1").arg(m_admin[std::size_t(replica)]);
    }

    QTemporaryDir m_dir;
    QNetworkAccessManager m_net;
    QString m_layout;
    QStringList m_blobs;
    unsigned short m_registry_port = 0, m_lb_port = 0, m_prom_port = 0;
    std::array<unsigned short, kReplicas> m_port{}, m_admin{};
    std::unique_ptr<Child> m_registry, m_bucket, m_lb, m_prometheus;
    std::array<std::unique_ptr<Child>, kReplicas> m_proxy;
    bool m_pulled = false;
};

void TestReplicas::initTestCase() {
    test::isolate_console_settings();
    if (const QString why =
            missing_tool({"docker-registry", "skopeo", "nginx", "prometheus", "tar", "gzip"});
        !why.isEmpty())
        QSKIP(qPrintable(why));
    const QString d = m_dir.path();

    // An image of three layers and a config, in the registry under the
    // production path and in the bucket.
    QDir().mkpath(d + "/rootfs/etc");
    QStringList files;
    for (int i = 0; i < 3; ++i) {
        const QString f = QString("etc/layer%1").arg(i);
        QVERIFY(write_file(d + "/rootfs/" + f, QByteArray(50000 * (i + 1), char('a' + i)) +
                                                   QByteArray::number(::getpid())));
        files << f;
    }
    m_layout = d + "/layout";
    m_blobs = build_oci_layout(d, d + "/rootfs", files, m_layout, "1.0");
    QVERIFY(!m_blobs.isEmpty());
    m_registry = start_registry(d, &m_registry_port);
    QVERIFY2(m_registry, "docker-registry did not start");
    const QString pushed = push_image(m_layout, "1.0", m_registry_port);
    QVERIFY2(pushed.isEmpty(), qPrintable(pushed));
    copy_blobs_to(m_layout, m_blobs, d + "/bucket");
    const unsigned short bucket_port = free_port();
    m_bucket = start_nginx(d, "bucket", "    root " + d + "/bucket;", bucket_port);

    // The replicas.
    for (int i = 0; i < kReplicas; ++i) {
        // Port 0: each replica picks its ports and says which, so no other
        // test can take them between a pick and the bind.
        const QString log = d + QString("/replica%1.log").arg(i);
        m_proxy[std::size_t(i)] = std::make_unique<Child>(
            QStringLiteral(OCIPROXY_PROXY_BIN),
            QStringList{"--demo", "--listen", "127.0.0.1:0", "--admin-listen", "127.0.0.1:0",
                        "--upstream", QString("http://127.0.0.1:%1").arg(m_registry_port),
                        "--default-aws-base", QString("http://127.0.0.1:%1").arg(bucket_port)},
            log);
        const QRegularExpression listening("listening on port (\\d+), admin on port (\\d+)");
        QRegularExpressionMatch m;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                QFile f(log);
                m = listening.match(f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll())
                                                                : QString());
                return m.hasMatch();
            }(),
            15000);
        m_port[std::size_t(i)] = m.captured(1).toUShort();
        m_admin[std::size_t(i)] = m.captured(2).toUShort();
    }

    // The load balancer: round robin, a refused connection retried on the
    // next replica, X-Forwarded-For "<client>, <balancer>" as Google's sets it.
    QString upstream = "  upstream replicas {\n";
    for (int i = 0; i < kReplicas; ++i)
        upstream += QString("    server 127.0.0.1:%1;\n").arg(m_port[std::size_t(i)]);
    upstream += "  }\n";
    // Which requests it passed to a replica (skopeo's first TLS attempt is
    // answered by nginx itself, $upstream_addr "-").
    upstream += "  log_format passed '$upstream_addr $status \"$request\"';\n";
    upstream += "  access_log " + d + "/lb/passed.log passed;\n";
    m_lb_port = free_port();
    m_lb = start_nginx(d, "lb",
                       "    location / {\n"
                       "      proxy_pass http://replicas;\n"
                       "      proxy_set_header X-Forwarded-For \"$proxy_add_x_forwarded_for, "
                       "127.0.0.1\";\n"
                       "      proxy_redirect off;\n"
                       "      proxy_next_upstream error timeout;\n"
                       "      proxy_next_upstream_tries 3;\n"
                       "      proxy_connect_timeout 2s;\n"
                       "    }",
                       m_lb_port, upstream);

    // Prometheus, discovering the replicas from a file, with the packaged rules.
    QJsonArray targets;
    for (int i = 0; i < kReplicas; ++i)
        targets.append(instance(i));
    QVERIFY(write_file(d + "/targets.json",
                       QJsonDocument(QJsonArray{QJsonObject{{"targets", targets}}}).toJson()));
    QVERIFY(write_file(d + "/prometheus.yml",
                       QString("global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n"
                               "rule_files:\n  - %1/packaging/prometheus/oci-proxy.rules.yml\n"
                               "scrape_configs:\n  - job_name: oci-proxy\n    file_sd_configs:\n"
                               "      - files: ['%2/targets.json']\n        refresh_interval: 1s\n")
                           .arg(QStringLiteral(OCIPROXY_SOURCE_DIR), d)
                           .toUtf8()));
    m_prom_port = free_port();
    m_prometheus = std::make_unique<Child>(
        QStandardPaths::findExecutable("prometheus"),
        QStringList{"--config.file=" + d + "/prometheus.yml", "--storage.tsdb.path=" + d + "/tsdb",
                    QString("--web.listen-address=127.0.0.1:%1").arg(m_prom_port)},
        d + "/prometheus.log");
    QVERIFY(wait_for_port(m_prom_port, 30000));
    // Every replica scraped before any traffic.
    QElapsedTimer clock;
    clock.start();
    QVERIFY2(wait_until(60000, [&] { return scalar("count(up{job=\"oci-proxy\"} == 1)") == "3"; }),
             "Prometheus did not scrape the three replicas within 60 s");
    qInfo("Prometheus scraped the three replicas after %lld ms", clock.elapsed());
}

void TestReplicas::cleanupTestCase() {
    for (auto& p : m_proxy)
        p.reset();
    m_lb.reset();
    m_prometheus.reset();
    m_bucket.reset();
    m_registry.reset();
}

QJsonArray TestReplicas::query(const QString& expr) {
    QUrl url(QString("http://127.0.0.1:%1/api/v1/query").arg(m_prom_port));
    QUrlQuery q;
    q.addQueryItem("query", expr);
    url.setQuery(q);
    return get_json(m_net, url).value("data").toObject().value("result").toArray();
}

QString TestReplicas::scalar(const QString& expr) {
    const QJsonArray r = query(expr);
    return r.size() == 1 ? r[0].toObject().value("value").toArray().at(1).toString() : QString();
}

QString TestReplicas::promql(const QString& expr) {
    QUrl url(QString("http://127.0.0.1:%1/api/v1/query").arg(m_prom_port));
    QUrlQuery q;
    q.addQueryItem("query", expr);
    url.setQuery(q);
    const QJsonObject doc = get_json(m_net, url);
    if (doc.value("status").toString() == "success") return {};
    return doc.value("error").toString() + " (" + doc.value("errorType").toString() + ")";
}

void TestReplicas::pullsSurviveAReplicaStopping() {
    const QString d = m_dir.path();
    int started = 0, finished = 0;
    bool stopped = false;
    QStringList failures;
    std::vector<std::unique_ptr<QProcess>> running;
    const auto start_pull = [&] {
        auto p = std::make_unique<QProcess>();
        const QString dest = d + QString("/pull%1").arg(started);
        p->setProperty("dest", dest);
        p->start("skopeo",
                 {"--insecure-policy", "copy", "--src-tls-verify=false",
                  QString("docker://127.0.0.1:%1/pause:1.0").arg(m_lb_port), "dir:" + dest});
        running.push_back(std::move(p));
        ++started;
    };
    QElapsedTimer clock;
    clock.start();
    while (started < kParallel)
        start_pull();
    while (finished < kPulls && clock.elapsed() < 240000) {
        QTest::qWait(20);
        for (auto it = running.begin(); it != running.end();) {
            QProcess& p = **it;
            if (p.state() != QProcess::NotRunning) {
                ++it;
                continue;
            }
            ++finished;
            if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
                failures << p.property("dest").toString() + ": " +
                                QString::fromUtf8(p.readAllStandardError());
            } else {
                for (const QString& b : m_blobs)
                    if (!QFile::exists(p.property("dest").toString() + "/" + b.mid(7)))
                        failures << p.property("dest").toString() + " lacks " + b;
            }
            it = running.erase(it);
            if (started < kPulls) start_pull();
        }
        // SIGTERM while pulls are under way on every replica.
        if (!stopped && finished >= kStopAfter) {
            ::kill(pid_t(m_proxy[kStopped]->pid()), SIGTERM);
            stopped = true;
        }
    }
    qInfo("pulls took %lld ms", clock.elapsed());
    QCOMPARE(finished, kPulls);
    QVERIFY2(failures.isEmpty(), qPrintable(failures.join("\n")));
    QVERIFY(stopped);
    QCOMPARE(m_proxy[kStopped]->wait_exit(10000), 0);
    m_pulled = true;

    // The balancer's log has one line per request it passed on (retries
    // included in the line); the replicas' counters must account for each
    // exactly once. The stopped replica's last answers may postdate any
    // scrape: it logs its total.
    QFile lb_log(d + "/lb/passed.log");
    QVERIFY(lb_log.open(QIODevice::ReadOnly));
    int sent = 0, retried = 0;
    for (const QByteArray& line : lb_log.readAll().split('\n')) {
        if (line.isEmpty() || line.startsWith("- ")) continue;
        ++sent;
        retried += line.contains(", ");
    }
    double answered = 0;
    QString per_replica;
    for (int i = 0; i < kReplicas; ++i) {
        double n = 0;
        if (i == kStopped) {
            QFile log(d + QString("/replica%1.log").arg(i));
            QVERIFY(log.open(QIODevice::ReadOnly));
            const auto m = QRegularExpression("stopped: (\\d+) requests answered")
                               .match(QString::fromUtf8(log.readAll()));
            QVERIFY2(m.hasMatch(), "the stopped replica did not log its total");
            n = m.captured(1).toDouble();
        } else {
            n = sum_metric(http_get(m_net, QUrl("http://" + instance(i) + "/metrics")),
                           "ociproxy_requests_total");
        }
        QVERIFY2(n > 0, qPrintable(QString("replica %1 answered nothing").arg(i)));
        per_replica += QString(" %1").arg(n);
        answered += n;
    }
    qInfo("%d pulls, %d requests passed by the balancer (%d retried on another replica); "
          "answered per replica:%s",
          kPulls, sent, retried, qPrintable(per_replica));
    QCOMPARE(answered, double(sent));
}

void TestReplicas::prometheusSeesTheReplicaDown() {
    if (!m_pulled) QSKIP("needs the pulls");
    const QString down =
        QString("up{job=\"oci-proxy\",instance=\"%1\"} == 0").arg(instance(kStopped));
    QElapsedTimer clock;
    clock.start();
    QVERIFY2(wait_until(30000, [&] { return query(down).size() == 1; }),
             "Prometheus did not see the replica down within 30 s");
    qInfo("Prometheus saw the replica down after %lld ms", clock.elapsed());
    QCOMPARE(scalar("count(up{job=\"oci-proxy\"} == 1)"), QString("2"));
    // The packaged alert, pending (for: 1m) or already firing.
    const QString alert = QString("ALERTS{alertname=\"OciProxyReplicaDown\",instance=\"%1\","
                                  "alertstate=~\"pending|firing\"}")
                              .arg(instance(kStopped));
    QVERIFY2(wait_until(30000, [&] { return query(alert).size() == 1; }),
             "the alert was neither pending nor firing within 30 s");
    qInfo("the alert was pending or firing after %lld ms", clock.elapsed());
    QCOMPARE(query("ALERTS{alertname=\"OciProxyReplicaDown\"}").size(), 1); // only that one
}

void TestReplicas::dashboardAndRulesRun() {
    if (!m_pulled) QSKIP("needs the pulls");
    QFile f(QStringLiteral(OCIPROXY_SOURCE_DIR) + "/packaging/grafana/oci-proxy-dashboard.json");
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QJsonObject dash = QJsonDocument::fromJson(f.readAll()).object();
    // A rate needs two different samples of a series in its window. The
    // pulls can start and end between two scrapes (a series that appears at
    // N and stays N has rate 0), so pings through the balancer keep counters
    // moving across scrapes until Prometheus sees a rate; bounded in count
    // and time.
    int pings = 0;
    QElapsedTimer clock;
    clock.start();
    const bool moving = wait_until(60000, [&] {
        for (int i = 0; i < 5 && pings < 3000; ++i, ++pings)
            http_get(m_net, QUrl(QString("http://127.0.0.1:%1/v2/").arg(m_lb_port)));
        return !query("sum(rate(ociproxy_requests_total{job=\"oci-proxy\"}[10m])) > 0").isEmpty();
    });
    QVERIFY2(moving, qPrintable(QString("no request rate after %1 pings").arg(pings)));
    qInfo("Prometheus saw a request rate after %d pings, %lld ms", pings, clock.elapsed());
    QStringList errors;
    int exprs = 0, with_data = 0;
    for (const auto& p : dash.value("panels").toArray()) {
        for (const auto& t : p.toObject().value("targets").toArray()) {
            // Grafana's variables as it would expand them: the job selected,
            // a rate window of a few scrapes, the dashboard's range.
            QString expr = t.toObject().value("expr").toString();
            expr.replace("$job", "oci-proxy")
                .replace("$__rate_interval", "10m")
                .replace("$__range", "10m");
            ++exprs;
            if (const QString e = promql(expr); !e.isEmpty())
                errors << p.toObject().value("title").toString() + ": " + expr + ": " + e;
            else if (!query(expr).isEmpty())
                ++with_data;
        }
    }
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join("\n")));
    QVERIFY(exprs >= 20);
    qInfo("dashboard: %d expressions ran, %d returned data", exprs, with_data);
    QVERIFY2(with_data >= exprs * 3 / 4, qPrintable(QString("%1 of %2").arg(with_data).arg(exprs)));
    // The rules Prometheus loaded: every one evaluated without error.
    const QJsonObject rules =
        get_json(m_net, QUrl(QString("http://127.0.0.1:%1/api/v1/rules").arg(m_prom_port)));
    int n = 0;
    for (const auto& g : rules.value("data").toObject().value("groups").toArray())
        for (const auto& r : g.toObject().value("rules").toArray()) {
            ++n;
            const QJsonObject rule = r.toObject();
            QVERIFY2(rule.value("health").toString() != "err",
                     qPrintable(rule.value("name").toString() + ": " +
                                rule.value("lastError").toString()));
        }
    QCOMPARE(n, 18);
}

void TestReplicas::consoleNamesTheMissingReplica() {
    if (!m_pulled) QSKIP("needs the pulls");
    SourceConfig config =
        SourceConfig::prometheus(QUrl(QString("http://127.0.0.1:%1").arg(m_prom_port)));
    config.selector = "job=\"oci-proxy\"";
    MetricsSource source(config);
    // A 60 s polling interval: rates over 4 min, wide enough to hold the
    // pulls however long the steps before took.
    QCoro::waitFor(source.poll(double(QDateTime::currentMSecsSinceEpoch()) / 1000.0, 900, 60));
    QVERIFY2(source.state() == SourceState::Ok, qPrintable(source.reason()));
    QVERIFY(source.replicas());
    QCOMPARE(source.replicas()->known, std::size_t(kReplicas));
    QCOMPARE(source.replicas()->up, std::size_t(kReplicas - 1));
    // The requests chart is the sum across the replicas: its peak rate
    // covers the pulls, which went through all three.
    double peak = 0;
    for (const auto& [name, column] : source.store().series(LiveChart::Requests))
        for (const double v : column)
            if (!std::isnan(v)) peak = std::max(peak, v);
    QVERIFY2(peak > 0, "the console charted no requests");
    // What the sources table shows.
    LiveSourceModel model;
    model.setSources({&source});
    const QString shown = model.index(0, LiveSourceModel::Replicas).data().toString();
    QCOMPARE(shown, QString("2 of 3 replicas up; down: %1").arg(instance(kStopped)));
    QVERIFY(model.index(0, 0).data(AttentionRole).toBool());
    // Cleared, the source shows no replica count from before.
    source.clear();
    QCOMPARE(model.index(0, LiveSourceModel::Replicas).data().toString(), QString("not read yet"));
}

QTEST_MAIN(TestReplicas)
#include "tst_replicas.moc"
