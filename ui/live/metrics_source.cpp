#include "ui/live/metrics_source.h"

#include "core/metrics/live_queries.h"
#include "core/metrics/prometheus_parser.h"
#include "ui/network_error.h"

#include <QCoroNetworkReply>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QRegularExpression>
#include <QSslConfiguration>
#include <QUrlQuery>
#include <algorithm>
#include <cmath>
#include <map>

namespace ociproxy::ui {
namespace {

constexpr double kMaxBackoffS = 60;

QString series_name(const LiveQuery& q, const QJsonObject& metric) {
    if (!q.fixed.empty()) return QString::fromStdString(q.fixed);
    QStringList parts;
    for (const auto& l : q.labels)
        parts << metric.value(QString::fromStdString(l)).toString();
    return parts.join(' ');
}

QString rate_window(double interval_s) {
    return QString::number(int(std::max(15.0, 4 * interval_s))) + "s";
}

// "NaN", "+Inf" and friends are gaps, not values.
bool finite_value(const QJsonValue& v, double* out) {
    bool ok = false;
    *out = v.toString().toDouble(&ok);
    return ok && std::isfinite(*out);
}

} // namespace

QString SourceConfig::label() const {
    return url.host() + (url.port() > 0 ? ":" + QString::number(url.port()) : QString()) +
           (kind == Kind::Prometheus ? QObject::tr(" (Prometheus)") : QString()) +
           (demo ? QObject::tr(" (demo)") : QString());
}

QStringList SourceConfig::queries(double interval_s) const {
    QStringList out;
    if (kind == Kind::Direct)
        return {QObject::tr("GET %1 (rates between scrapes)").arg(url.toString())};
    for (const auto& q :
         live_queries(selector.toStdString(), rate_window(interval_s).toStdString()))
        out << QString::fromStdString(q.expr);
    out << QString::fromStdString(replica_query(selector.toStdString()));
    return out;
}

QString source_state_name(SourceState s) {
    switch (s) {
    case SourceState::Connecting:
        return QObject::tr("connecting");
    case SourceState::Ok:
        return QObject::tr("ok");
    case SourceState::Stale:
        return QObject::tr("stale");
    case SourceState::Error:
        return QObject::tr("error");
    }
    return {};
}

MetricsSource::MetricsSource(SourceConfig config, QObject* parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_net(new QNetworkAccessManager(this)) {}

MetricsSource::~MetricsSource() {
    m_closing = true;
    if (m_inflight) m_inflight->abort();
}

void MetricsSource::clear() {
    m_store.clear();
    m_replicas.reset(); // read again by the next poll, not shown from before
    m_reducer.gap();
    m_haveHistory = false;
    emit updated();
}

void MetricsSource::setState(SourceState s, const QString& reason) {
    if (s == m_state && reason == m_reason) return;
    m_state = s;
    m_reason = reason;
    emit stateChanged();
}

QNetworkRequest MetricsSource::request(const QUrl& url, double interval_s) const {
    QNetworkRequest r(url);
    // A poll that outlives a few intervals is a failure, not a queue.
    r.setTransferTimeout(int(std::clamp(interval_s * 3, 2.0, 30.0) * 1000));
    r.setHeader(QNetworkRequest::UserAgentHeader, "oci-proxy-console");
    if (!m_config.bearerToken.isEmpty())
        r.setRawHeader("Authorization", "Bearer " + m_config.bearerToken.toUtf8());
    else if (!m_config.user.isEmpty())
        r.setRawHeader("Authorization",
                       "Basic " + (m_config.user + ":" + m_config.password).toUtf8().toBase64());
    if (!m_config.caFile.isEmpty()) {
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.addCaCertificates(m_config.caFile);
        r.setSslConfiguration(tls);
    }
    return r;
}

void MetricsSource::succeeded(double now) {
    m_failures = 0;
    m_retryAt = 0;
    m_lastOkT = now;
    m_lastOk = QDateTime::fromMSecsSinceEpoch(qint64(now * 1000));
    emit updated();
}

void MetricsSource::failed(double now, const QString& why) {
    m_reducer.gap();
    m_store.append_gap(now);
    ++m_failures;
    const double wait = std::min(kMaxBackoffS, std::pow(2.0, m_failures - 1));
    m_retryAt = now + wait;
    setState(SourceState::Error,
             why + tr(" (retrying in %1 s)").arg(QString::number(wait, 'f', 0)));
    emit updated();
}

QCoro::Task<> MetricsSource::poll(double now, double window_s, double interval_s) {
    if (m_polling) {
        if (m_lastOkT > 0 && now - m_lastOkT > 3 * interval_s)
            setState(SourceState::Stale,
                     tr("no answer for %1 s").arg(QString::number(now - m_lastOkT, 'f', 0)));
        co_return;
    }
    if (now < m_retryAt) co_return;
    if (!m_config.caFile.isEmpty() && QSslCertificate::fromPath(m_config.caFile).isEmpty()) {
        failed(now, tr("cannot read a PEM certificate from the CA file %1").arg(m_config.caFile));
        co_return;
    }
    m_polling = true;
    QPointer<MetricsSource> self(this);
    if (m_config.kind == SourceConfig::Kind::Direct)
        co_await pollDirect(now, interval_s);
    else
        co_await pollPrometheus(now, window_s, interval_s);
    if (self && !m_closing) m_polling = false;
}

QCoro::Task<MetricsSource::Fetched> MetricsSource::fetch(QUrl url, double interval_s) {
    QPointer<MetricsSource> self(this);
    QNetworkReply* reply = m_net->get(request(url, interval_s));
    m_inflight = reply;
    QStringList tls;
    connect(reply, &QNetworkReply::sslErrors, reply, [&tls](const QList<QSslError>& errors) {
        for (const auto& e : errors)
            tls << e.errorString();
    });
    co_await reply;
    reply->deleteLater();
    Fetched out;
    out.closed = !self || m_closing;
    if (out.closed) co_return out;
    out.body = reply->readAll();
    if (reply->error() != QNetworkReply::NoError) out.error = describe_reply_error(reply, tls);
    co_return out;
}

QCoro::Task<> MetricsSource::pollDirect(double now, double interval_s) {
    const Fetched got = co_await fetch(m_config.url, interval_s);
    if (got.closed) co_return;
    if (!got.error.isEmpty()) {
        failed(now, got.error);
        co_return;
    }
    const QByteArray& body = got.body;
    const Scrape scrape =
        parse_prometheus_text(std::string_view(body.constData(), std::size_t(body.size())));
    if (scrape.samples.empty()) {
        failed(now,
               tr("%1 has no metrics%2")
                   .arg(m_config.url.toString(),
                        scrape.issues.empty()
                            ? QString()
                            : tr(" (line %1: %2)")
                                  .arg(scrape.issues.front().line)
                                  .arg(QString::fromStdString(scrape.issues.front().message))));
        co_return;
    }
    if (auto tick = m_reducer.add(now, scrape)) m_store.append(*tick);
    QString note;
    if (!scrape.issues.empty()) {
        const auto& first = scrape.issues.front();
        const QString where =
            tr("line %1: %2").arg(first.line).arg(QString::fromStdString(first.message));
        note = scrape.issues.size() == 1 ? tr("1 malformed line skipped, at %1").arg(where)
                                         : tr("%1 malformed lines skipped, first at %2")
                                               .arg(scrape.issues.size())
                                               .arg(where);
    }
    setState(SourceState::Ok, note);
    succeeded(now);
}

QCoro::Task<MetricsSource::Queried> MetricsSource::queryPrometheus(std::string expr, bool range,
                                                                   double now, double window_s,
                                                                   double interval_s) {
    QUrl url = m_config.url;
    url.setPath(url.path().replace(QRegularExpression("/+$"), "") +
                (range ? "/api/v1/query_range" : "/api/v1/query"));
    QUrlQuery query;
    query.addQueryItem("query", QString::fromStdString(expr));
    if (range) {
        query.addQueryItem("start", QString::number(now - window_s, 'f', 3));
        query.addQueryItem("end", QString::number(now, 'f', 3));
        query.addQueryItem("step", QString::number(interval_s, 'f', 3));
    } else {
        query.addQueryItem("time", QString::number(now, 'f', 3));
    }
    url.setQuery(query);
    const Fetched got = co_await fetch(url, interval_s);
    Queried out;
    if (got.closed) co_return out;
    QJsonParseError perr{};
    const QJsonObject doc = QJsonDocument::fromJson(got.body, &perr).object();
    // Prometheus explains a refused query in the body of its 4xx answer.
    if (!got.error.isEmpty() && doc.value("error").toString().isEmpty()) {
        failed(now, got.error);
        co_return out;
    }
    if (doc.value("status").toString() != "success") {
        failed(now,
               tr("Prometheus refused the query: %1")
                   .arg(perr.error != QJsonParseError::NoError ? perr.errorString()
                                                               : doc.value("error").toString()));
        co_return out;
    }
    out.result = doc.value("data").toObject().value("result").toArray();
    out.ok = true;
    co_return out;
}

QCoro::Task<> MetricsSource::pollPrometheus(double now, double window_s, double interval_s) {
    const bool history = !m_haveHistory;
    std::map<double, LiveTick> ticks;
    for (const auto& q :
         live_queries(m_config.selector.toStdString(), rate_window(interval_s).toStdString())) {
        const Queried got = co_await queryPrometheus(q.expr, history, now, window_s, interval_s);
        if (!got.ok) co_return;
        for (const auto& r : got.result) {
            const QJsonObject series = r.toObject();
            const std::string name =
                series_name(q, series.value("metric").toObject()).toStdString();
            const auto add = [&](const QJsonArray& pair) {
                double v;
                const double t = pair.at(0).toDouble();
                auto& tick = ticks[t];
                tick.t = t;
                if (finite_value(pair.at(1), &v)) tick.chart(q.chart)[name] = v;
            };
            if (history) {
                for (const auto& p : series.value("values").toArray())
                    add(p.toArray());
            } else {
                add(series.value("value").toArray());
            }
        }
    }
    // The sums above hide a replica that stopped answering; `up` names it.
    const Queried up = co_await queryPrometheus(replica_query(m_config.selector.toStdString()),
                                                false, now, window_s, interval_s);
    if (!up.ok) co_return;
    std::vector<ReplicaState> replicas;
    for (const auto& r : up.result) {
        const QJsonObject series = r.toObject();
        double v = 0;
        finite_value(series.value("value").toArray().at(1), &v);
        replicas.push_back(
            {series.value("metric").toObject().value("instance").toString().toStdString(),
             v == 1.0});
    }
    m_replicas = summarize_replicas(replicas);
    if (!history && ticks.empty()) ticks[now].t = now; // nothing scraped yet: a point with no lines
    for (auto& [t, tick] : ticks) {
        add_derived_series(tick);
        if (m_store.times().empty() || t > m_store.times().back()) m_store.append(tick);
    }
    m_haveHistory = true;
    setState(SourceState::Ok, {});
    succeeded(now);
}

} // namespace ociproxy::ui
