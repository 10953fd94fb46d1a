#include "ui/network_error.h"

#include <QNetworkReply>
#include <QObject>

namespace ociproxy::ui {

QString describe_reply_error(QNetworkReply* reply, const QStringList& tls) {
    const QString url = reply->request().url().toString();
    switch (reply->error()) {
    case QNetworkReply::HostNotFoundError:
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::UnknownNetworkError:
        return QObject::tr("cannot reach %1 (offline, or the name does not resolve): %2")
            .arg(url, reply->errorString());
    case QNetworkReply::ConnectionRefusedError:
        return QObject::tr("%1 refused the connection").arg(url);
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError:
        return QObject::tr("%1 did not answer in time").arg(url);
    case QNetworkReply::SslHandshakeFailedError:
        return QObject::tr("TLS error from %1: %2")
            .arg(url, tls.isEmpty() ? reply->errorString() : tls.join("; "));
    default:
        break;
    }
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status != 0) return QObject::tr("%1 answered HTTP %2").arg(url).arg(status);
    return QObject::tr("%1: %2").arg(url, reply->errorString());
}

} // namespace ociproxy::ui
