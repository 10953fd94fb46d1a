#include "ui/live/traffic_replayer.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <algorithm>

namespace ociproxy::ui {
namespace {

constexpr int kMaxInflight = 8;

} // namespace

TrafficReplayer::TrafficReplayer(QObject* parent)
    : QObject(parent)
    , m_net(new QNetworkAccessManager(this)) {
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &TrafficReplayer::sendNext);
    setRate(m_rate);
}

void TrafficReplayer::setRate(int per_second) {
    m_rate = std::clamp(per_second, 1, 1000);
    m_timer.setInterval(std::max(1, 1000 / m_rate));
}

void TrafficReplayer::start(const QUrl& base) {
    m_base = base;
    if (!m_requests.empty()) m_timer.start();
}

void TrafficReplayer::stop() {
    m_timer.stop();
}

void TrafficReplayer::sendNext() {
    if (m_requests.empty() || m_inflight >= kMaxInflight) return;
    const ReplayRequest& r = m_requests[m_next];
    m_next = (m_next + 1) % m_requests.size();
    QUrl url = m_base;
    const QString target = QString::fromStdString(r.target);
    const qsizetype q = target.indexOf('?');
    url.setPath(target.left(q));
    if (q >= 0) url.setQuery(target.mid(q + 1));
    QNetworkRequest req(url);
    req.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                     QNetworkRequest::ManualRedirectPolicy);
    req.setRawHeader("X-Forwarded-For", QByteArray::fromStdString(r.forwarded_for));
    req.setTransferTimeout(10000);
    QNetworkReply* reply = m_net->sendCustomRequest(req, QByteArray::fromStdString(r.method));
    ++m_inflight;
    ++m_sent;
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        --m_inflight;
        if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).isValid())
            ++m_answered;
        else
            ++m_failed;
        reply->deleteLater();
        emit progressed();
    });
}

} // namespace ociproxy::ui
