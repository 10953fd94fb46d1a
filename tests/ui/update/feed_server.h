#pragma once

// A loopback HTTP(S) server for the download tests: fixed answers per path,
// optionally trickled slowly (to cancel mid-way) or served over TLS with a
// certificate the test made.

#include <QFile>
#include <QMap>
#include <QProcess>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTimer>
#include <QUrl>
#include <functional>

namespace ociproxy::test {

class FeedServer : public QObject {
public:
    struct Answer {
        int status = 200;
        QByteArray body;
        int trickle_ms = 0; // > 0: one 1 KiB chunk per interval
        bool stall = false; // never answer at all
    };
    // Answers computed per request (a scripted endpoint).
    using Handler = std::function<Answer()>;

    // With a certificate and key: HTTPS.
    explicit FeedServer(const QSslCertificate* cert = nullptr, const QSslKey* key = nullptr) {
        if (cert && key) {
            auto* tls = new QSslServer(this);
            QSslConfiguration conf = QSslConfiguration::defaultConfiguration();
            conf.setLocalCertificate(*cert);
            conf.setPrivateKey(*key);
            tls->setSslConfiguration(conf);
            m_server = tls;
            m_scheme = "https";
        } else {
            m_server = new QTcpServer(this);
        }
        connect(m_server, &QTcpServer::pendingConnectionAvailable, this, [this] {
            while (auto* s = m_server->nextPendingConnection())
                serve(s);
        });
        m_server->listen(QHostAddress::LocalHost, 0);
    }

    void set(const QString& path, Answer a) {
        m_handlers.remove(path);
        m_answers[path] = std::move(a);
    }
    void set(const QString& path, Handler h) { m_handlers[path] = std::move(h); }
    // The raw head of the last request (request line and headers).
    QByteArray lastRequest() const { return m_lastRequest; }
    QUrl url(const QString& path) const {
        return QUrl(QStringLiteral("%1://127.0.0.1:%2%3")
                        .arg(m_scheme)
                        .arg(m_server->serverPort())
                        .arg(path));
    }
    int hits(const QString& path) const { return m_hits.value(path); }

private:
    void serve(QTcpSocket* s) {
        auto* buffer = new QByteArray;
        connect(s, &QObject::destroyed, [buffer] { delete buffer; });
        connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
        connect(s, &QTcpSocket::readyRead, this, [this, s, buffer] {
            buffer->append(s->readAll());
            if (!buffer->contains("\r\n\r\n")) return;
            const QList<QByteArray> line = buffer->left(buffer->indexOf("\r\n")).split(' ');
            QString path = line.size() > 1 ? QString::fromLatin1(line[1]) : QString();
            m_lastRequest = buffer->left(buffer->indexOf("\r\n\r\n"));
            path = path.section('?', 0, 0);
            m_hits[path] += 1;
            const Answer a = m_handlers.contains(path)
                                 ? m_handlers[path]()
                                 : m_answers.value(path, Answer{404, "no such feed\n", 0, false});
            if (a.stall) return;
            s->write("HTTP/1.1 " + QByteArray::number(a.status) + " X\r\nContent-Length: " +
                     QByteArray::number(a.body.size()) + "\r\nConnection: close\r\n\r\n");
            if (a.trickle_ms == 0) {
                s->write(a.body);
                s->disconnectFromHost();
                return;
            }
            auto* timer = new QTimer(s);
            auto offset = std::make_shared<qsizetype>(0);
            connect(timer, &QTimer::timeout, s, [s, a, offset, timer] {
                s->write(a.body.mid(*offset, 1024));
                *offset += 1024;
                if (*offset >= a.body.size()) {
                    timer->stop();
                    s->disconnectFromHost();
                }
            });
            timer->start(a.trickle_ms);
        });
    }

    QTcpServer* m_server;
    QString m_scheme = "http";
    QMap<QString, Answer> m_answers;
    QMap<QString, Handler> m_handlers;
    QByteArray m_lastRequest;
    QMap<QString, int> m_hits;
};

// A self-signed certificate for 127.0.0.1 (which also serves as its own CA
// file) made with the openssl tool in `dir`: cert.pem and key.pem.
struct TestCertificate {
    QSslCertificate cert;
    QSslKey key;
    QString pem_path;
    bool ok() const { return !cert.isNull() && !key.isNull(); }
};

inline TestCertificate make_test_certificate(const QString& dir) {
    QProcess openssl;
    openssl.setWorkingDirectory(dir);
    openssl.start("openssl",
                  {"req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                   "-nodes", "-keyout", "key.pem", "-out", "cert.pem", "-days", "2", "-subj",
                   "/CN=oci-proxy test", "-addext", "subjectAltName=IP:127.0.0.1"});
    TestCertificate made;
    if (!openssl.waitForFinished(30000) || openssl.exitCode() != 0) return made;
    QFile certFile(dir + "/cert.pem"), keyFile(dir + "/key.pem");
    if (!certFile.open(QIODevice::ReadOnly) || !keyFile.open(QIODevice::ReadOnly)) return made;
    made.cert = QSslCertificate(certFile.readAll());
    made.key = QSslKey(keyFile.readAll(), QSsl::Ec);
    made.pem_path = dir + "/cert.pem";
    return made;
}

} // namespace ociproxy::test
