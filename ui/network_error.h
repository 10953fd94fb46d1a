#pragma once

#include <QString>
#include <QStringList>

class QNetworkReply;

namespace ociproxy::ui {

// One line saying why a request failed, naming the URL: offline, refused,
// timed out, TLS (with the certificate errors), or the HTTP status.
QString describe_reply_error(QNetworkReply* reply, const QStringList& tls_errors);

} // namespace ociproxy::ui
