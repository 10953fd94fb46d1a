#pragma once

#include "core/traffic/replay_requests.h"

#include <QObject>
#include <QTimer>
#include <QUrl>
#include <vector>

class QNetworkAccessManager;

namespace ociproxy::ui {

// Sends a list of requests to a proxy at a steady rate, round and round,
// never following its redirects (they point at buckets and the upstream).
// At most a few requests are in flight: a slow proxy lowers the rate rather
// than piling up connections.
class TrafficReplayer : public QObject {
    Q_OBJECT
public:
    explicit TrafficReplayer(QObject* parent = nullptr);

    void setRequests(std::vector<ReplayRequest> requests) { m_requests = std::move(requests); }
    std::size_t requestCount() const { return m_requests.size(); }
    // Requests per second (1–1000).
    void setRate(int per_second);
    int rate() const { return m_rate; }
    void start(const QUrl& base);
    void stop();
    bool isRunning() const { return m_timer.isActive(); }

    quint64 sent() const { return m_sent; }
    quint64 answered() const { return m_answered; }
    quint64 failed() const { return m_failed; }

signals:
    void progressed();

private:
    void sendNext();

    QNetworkAccessManager* m_net;
    std::vector<ReplayRequest> m_requests;
    QUrl m_base;
    QTimer m_timer;
    int m_rate = 10;
    std::size_t m_next = 0;
    int m_inflight = 0;
    quint64 m_sent = 0, m_answered = 0, m_failed = 0;
};

} // namespace ociproxy::ui
