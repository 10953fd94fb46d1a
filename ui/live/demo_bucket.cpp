#include "ui/live/demo_bucket.h"

#include <QCryptographicHash>
#include <QTcpSocket>

namespace ociproxy::ui {
namespace {

// Requests a connection may pile up unanswered before it is dropped: the
// proxy sends one HEAD at a time per connection, so more is not a client.
constexpr qsizetype kMaxPending = 64 * 1024;

} // namespace

DemoBucket::DemoBucket(QObject* parent)
    : QTcpServer(parent) {
    connect(this, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket* s = nextPendingConnection()) {
            connect(s, &QTcpSocket::readyRead, this, [this, s] { serve(s); });
            connect(s, &QTcpSocket::disconnected, this, [this, s] {
                m_pending.remove(s);
                s->deleteLater();
            });
        }
    });
}

bool DemoBucket::start() {
    return listen(QHostAddress::LocalHost, 0);
}

std::uint64_t DemoBucket::blobSize(QByteArrayView digest) {
    const QByteArray h = QCryptographicHash::hash(digest, QCryptographicHash::Sha256);
    std::uint64_t v = 0;
    for (int i = 0; i < 4; ++i)
        v = (v << 8) | std::uint8_t(h[i]);
    constexpr std::uint64_t kMiB = 1ull << 20;
    return 2 * kMiB + v % (64 * kMiB);
}

void DemoBucket::serve(QTcpSocket* socket) {
    QByteArray& buf = m_pending[socket];
    buf += socket->readAll();
    for (;;) {
        const qsizetype end = buf.indexOf("\r\n\r\n");
        if (end < 0) break;
        const QByteArray head = buf.left(end);
        buf.remove(0, end + 4);
        const QList<QByteArray> requestLine = head.left(head.indexOf("\r\n")).split(' ');
        const QByteArray method = requestLine.value(0);
        const QByteArray path = requestLine.value(1);
        const qsizetype at = path.indexOf("/containers/images/");
        QByteArray answer;
        if ((method == "HEAD" || method == "GET") && at >= 0) {
            const QByteArray digest = path.mid(at + qsizetype(sizeof "/containers/images/") - 1);
            const QByteArray size = QByteArray::number(quint64(blobSize(digest)));
            // A GET gets the header only and the connection closes: nothing
            // in the demo downloads layers.
            answer = "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n"
                     "Content-Length: " +
                     size + "\r\n" + (method == "GET" ? "Connection: close\r\n" : "") + "\r\n";
            socket->write(answer);
            if (method == "GET") {
                socket->disconnectFromHost();
                return;
            }
        } else {
            socket->write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");
        }
    }
    if (buf.size() > kMaxPending) socket->abort();
}

} // namespace ociproxy::ui
