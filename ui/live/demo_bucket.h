#pragma once

#include <QHash>
#include <QTcpServer>
#include <cstdint>

namespace ociproxy::ui {

// The demo proxy's buckets, on loopback: answers HEAD (and GET, without a
// body worth fetching) for <any bucket path>/containers/images/<digest> with
// 200 and a Content-Length derived from the digest, so a demo proxy checks
// blobs, counts bytes and cost, and fills its cache as in production,
// without the internet. Every other path is 404.
class DemoBucket : public QTcpServer {
    Q_OBJECT
public:
    explicit DemoBucket(QObject* parent = nullptr);

    // Listens on 127.0.0.1 at a free port.
    bool start();
    // The size a blob "has" here: 2–66 MiB, fixed per digest.
    static std::uint64_t blobSize(QByteArrayView digest);

private:
    void serve(QTcpSocket* socket);
    QHash<QTcpSocket*, QByteArray> m_pending;
};

} // namespace ociproxy::ui
