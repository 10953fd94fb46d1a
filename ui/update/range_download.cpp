#include "ui/update/range_download.h"

#include "core/digest/sha256.h"
#include "core/file_io.h"
#include "core/ranges/range_loader.h"
#include "ui/network_error.h"

#include <QCoroFuture>
#include <QCoroNetworkReply>
#include <QDir>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSettings>
#include <QSslError>
#include <QStandardPaths>
#include <QtConcurrent>

namespace ociproxy::ui {
namespace {

constexpr auto kTransferTimeoutMs = 30000;

// Whether `body` is a usable list of the expected format.
std::optional<Error> check_feed(const QByteArray& body, const std::string& where,
                                RangeFormat expected) {
    const std::string_view text(body.constData(), std::size_t(body.size()));
    auto format = detect_range_format(text, where);
    if (!format) return format.error();
    if (*format != expected)
        return Error{std::string("expected ") + range_format_name(expected) + " ranges, got " +
                         range_format_name(*format),
                     where};
    auto set = parse_ranges(text, where);
    if (!set) return set.error();
    if (set->entries.empty()) return Error{"the list holds no prefixes", where};
    return std::nullopt;
}

} // namespace

QList<RangeFeed> official_feeds() {
    QSettings s;
    return {
        {QStringLiteral("AWS"),
         QUrl(s.value("update/aws_url", "https://ip-ranges.amazonaws.com/ip-ranges.json")
                  .toString()),
         QStringLiteral("aws-ip-ranges.json"), RangeFormat::Aws},
        {QStringLiteral("Google Cloud"),
         QUrl(s.value("update/gcp_url", "https://www.gstatic.com/ipranges/cloud.json").toString()),
         QStringLiteral("gcp-cloud.json"), RangeFormat::Gcp},
    };
}

QString range_cache_dir() {
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + "/ranges";
}

RangeDownload::RangeDownload(QNetworkAccessManager* net, QObject* parent)
    : QObject(parent)
    , m_net(net) {}

void RangeDownload::cancel() {
    m_cancelled = true;
    if (m_reply) m_reply->abort();
}

QCoro::Task<Result<QByteArray>> RangeDownload::fetch(RangeFeed feed) {
    QPointer<RangeDownload> self(this);
    m_cancelled = false;
    QNetworkRequest request(feed.url);
    request.setTransferTimeout(kTransferTimeoutMs);
    request.setHeader(QNetworkRequest::UserAgentHeader, "oci-proxy-console");
    QNetworkReply* reply = m_net->get(request);
    m_reply = reply;
    QStringList tls;
    // Recorded, never ignored: the reply then fails with SslHandshakeFailedError.
    connect(reply, &QNetworkReply::sslErrors, reply, [&tls](const QList<QSslError>& errors) {
        for (const auto& e : errors)
            tls << e.errorString();
    });
    connect(reply, &QNetworkReply::downloadProgress, this, &RangeDownload::progress);
    co_await reply;
    if (!self) co_return Error{"cancelled", feed.url.toString().toStdString()};
    reply->deleteLater();
    if (m_cancelled) co_return Error{"download cancelled", feed.url.toString().toStdString()};
    if (reply->error() != QNetworkReply::NoError)
        co_return Error{describe_reply_error(reply, tls).toStdString(), ""};
    const QByteArray body = reply->readAll();
    const std::string where = feed.url.toString().toStdString();

    // Parsing a 2.5 MB list is quick, but not GUI-thread quick. (The future
    // is a named local: GCC 12 miscompiles some temporaries in co_await.)
    QFuture<std::optional<Error>> check = QtConcurrent::run(&check_feed, body, where, feed.format);
    const std::optional<Error> problem = co_await check;
    if (problem) co_return *problem;

    co_return body;
}

Result<QString> store_in_cache(const RangeFeed& feed, const QByteArray& body) {
    const QString dir = range_cache_dir();
    if (!QDir().mkpath(dir)) return Error{"cannot create the cache folder", dir.toStdString()};
    // Named by content: a second update never overwrites the file the first
    // one loaded, so undo brings those ranges back (and the document's cache,
    // keyed by path, never serves the old ranges for new bytes).
    const std::string hash =
        sha256_hex(std::string_view(body.constData(), std::size_t(body.size()))).substr(0, 12);
    const QFileInfo name(feed.file_name);
    const QString path = dir + "/" + name.completeBaseName() + "-" + QString::fromStdString(hash) +
                         "." + name.suffix();
    if (auto st = write_file_atomic(path.toStdString(),
                                    std::string_view(body.constData(), std::size_t(body.size())));
        !st)
        return st.error();
    return path;
}

} // namespace ociproxy::ui
