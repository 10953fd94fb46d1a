#pragma once

#include "core/ranges/range_set.h"
#include "core/result.h"

#include <QCoroTask>
#include <QObject>
#include <QPointer>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;

namespace ociproxy::ui {

// A published range list and where the console keeps its copy.
struct RangeFeed {
    QString label;     // "AWS"
    QUrl url;          // the official URL unless overridden in the settings
    QString file_name; // name in the cache folder
    RangeFormat format;
};

// The official AWS and Google feeds. Operators behind a mirror override the
// URLs with the settings keys update/aws_url and update/gcp_url.
QList<RangeFeed> official_feeds();

// Where downloaded lists are kept: <app data>/ranges.
QString range_cache_dir();

// Writes a fetched list into the cache; returns its path.
Result<QString> store_in_cache(const RangeFeed& feed, const QByteArray& body);

// Downloads one feed and checks that it parses as the expected format.
// Errors say what failed (offline, TLS, HTTP status, wrong content).
class RangeDownload : public QObject {
    Q_OBJECT
public:
    explicit RangeDownload(QNetworkAccessManager* net, QObject* parent = nullptr);

    // The validated body.
    QCoro::Task<Result<QByteArray>> fetch(RangeFeed feed);
    void cancel();

signals:
    void progress(qint64 received, qint64 total);

private:
    QNetworkAccessManager* m_net;
    QPointer<QNetworkReply> m_reply;
    bool m_cancelled = false;
};

} // namespace ociproxy::ui
