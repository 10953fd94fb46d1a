#pragma once

#include "core/metrics/live_reducer.h"
#include "core/metrics/live_store.h"
#include "core/metrics/replica_status.h"

#include <QCoroTask>
#include <QDateTime>
#include <QJsonArray>
#include <QNetworkReply>
#include <QObject>
#include <QPointer>
#include <QUrl>
#include <optional>

class QNetworkAccessManager;
class QNetworkRequest;

namespace ociproxy::ui {

// Where live numbers come from: one proxy's /metrics, or a Prometheus server
// that scrapes all the replicas behind a load balancer.
struct SourceConfig {
    enum class Kind { Direct, Prometheus };
    Kind kind = Kind::Direct;
    QUrl url;       // .../metrics, or the Prometheus base URL
    QString caFile; // PEM with extra trusted CAs (private PKI)
    QString bearerToken;
    QString user, password; // basic auth when user is set
    QString selector;       // Prometheus label selector, e.g. job="oci-proxy"
    bool demo = false;      // the console's own demo proxy: not saved
    // host:port, short enough for a legend.
    QString label() const;
    // What polling this source asks for, as shown to the user.
    QStringList queries(double interval_s) const;

    static SourceConfig direct(const QUrl& metrics_url) {
        SourceConfig c;
        c.url = metrics_url;
        return c;
    }
    static SourceConfig prometheus(const QUrl& base_url) {
        SourceConfig c;
        c.kind = Kind::Prometheus;
        c.url = base_url;
        return c;
    }
};

enum class SourceState { Connecting, Ok, Stale, Error };
QString source_state_name(SourceState s);

// Polls one source and keeps its ticks. A failed poll is a gap in every
// line, the reason is kept for the source table, and the next polls back off
// (doubling up to a minute) until one succeeds. TLS errors fail the poll;
// they are never ignored.
class MetricsSource : public QObject {
    Q_OBJECT
public:
    // Each source has its own connections: a kept-alive TLS connection
    // verified under one source's CA file must never serve another source.
    explicit MetricsSource(SourceConfig config, QObject* parent = nullptr);
    ~MetricsSource() override;

    const SourceConfig& config() const { return m_config; }
    SourceState state() const { return m_state; }
    QString reason() const { return m_reason; }
    QDateTime lastSuccess() const { return m_lastOk; }
    const LiveStore& store() const { return m_store; }
    bool isPolling() const { return m_polling; }
    // A Prometheus source's replicas (its `up` series at the last poll);
    // nullopt for a /metrics source, which is one replica by definition.
    const std::optional<ReplicaSummary>& replicas() const { return m_replicas; }

    // One poll at `now` (seconds since the epoch). A Prometheus source first
    // reads the window's history with query_range. Skipped while backing off
    // or while the previous poll is still running.
    QCoro::Task<> poll(double now, double window_s, double interval_s);
    void clear();
    // Adds a recorded tick as if polled (benchmarks and tests replay days of
    // data without waiting for them).
    void ingest(const LiveTick& tick) {
        m_store.append(tick);
        emit updated();
    }
    // Drops ticks older than `t`.
    void trim(double t) { m_store.trim_before(t); }

signals:
    void updated();
    void stateChanged();

private:
    struct Fetched {
        QByteArray body;
        QString error;       // empty on success
        bool closed = false; // the source went away meanwhile: touch nothing
    };
    QCoro::Task<Fetched> fetch(QUrl url, double interval_s);
    QCoro::Task<> pollDirect(double now, double interval_s);
    QCoro::Task<> pollPrometheus(double now, double window_s, double interval_s);
    // Prometheus's answer to `expr` at `now` (or over the window): its
    // result array when `ok`; else the poll ends (a failure is already
    // reported by failed(), or the source went away).
    struct Queried {
        QJsonArray result;
        bool ok = false;
    };
    QCoro::Task<Queried> queryPrometheus(std::string expr, bool range, double now, double window_s,
                                         double interval_s);
    QNetworkRequest request(const QUrl& url, double interval_s) const;
    void succeeded(double now);
    void failed(double now, const QString& why);
    void setState(SourceState s, const QString& reason);

    SourceConfig m_config;
    QNetworkAccessManager* m_net;
    LiveReducer m_reducer;
    LiveStore m_store;
    SourceState m_state = SourceState::Connecting;
    QString m_reason;
    QDateTime m_lastOk;
    double m_lastOkT = 0;
    int m_failures = 0;
    double m_retryAt = 0;
    bool m_polling = false;
    bool m_haveHistory = false;
    std::optional<ReplicaSummary> m_replicas;
    // The reply a poll is waiting for: aborted on destruction so the poll's
    // coroutine resumes, sees m_closing and ends instead of waiting forever.
    QPointer<QNetworkReply> m_inflight;
    bool m_closing = false;
};

} // namespace ociproxy::ui
