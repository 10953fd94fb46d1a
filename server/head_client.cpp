#include "server/head_client.h"

#include "server/bucket_hosts.h"
#include "server/dns_cache.h"
#include "server/tls_context.h"
#include "server/url_parts.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <openssl/ssl.h>

namespace ociproxy::server {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;
constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

struct HeadClient::Connection {
    std::unique_ptr<beast::tcp_stream> plain;
    std::unique_ptr<beast::ssl_stream<beast::tcp_stream>> tls;
    beast::flat_buffer buffer;

    beast::tcp_stream& lowest() { return tls ? beast::get_lowest_layer(*tls) : *plain; }
};

namespace {

constexpr std::size_t kIdlePerHost = 32;

bool is_timeout(const boost::system::error_code& ec) {
    return ec == beast::error::timeout || ec == asio::error::timed_out;
}

template <class Stream>
asio::awaitable<std::pair<boost::system::error_code, HeadAnswer>>
exchange(Stream& stream, beast::flat_buffer& buffer, const UrlParts& u, bool& reusable) {
    http::request<http::empty_body> req{http::verb::head, u.target, 11};
    req.set(http::field::host, u.host_header);
    req.set(http::field::user_agent, "oci-proxy");
    req.keep_alive(true);
    auto [wec, wn] = co_await http::async_write(stream, req, use_tuple);
    if (wec) co_return std::pair{wec, HeadAnswer{}};
    http::response_parser<http::empty_body> parser;
    parser.skip(true); // a HEAD response announces a body it does not send
    auto [rec, rn] = co_await http::async_read_header(stream, buffer, parser, use_tuple);
    if (rec) co_return std::pair{rec, HeadAnswer{}};
    const auto& res = parser.get();
    HeadAnswer a;
    a.status = static_cast<int>(res.result_int());
    if (a.status == 200) {
        a.answer = BlobAnswer::Found;
        if (auto len = parser.content_length()) a.content_length = *len;
    } else if (a.status >= 400 && a.status < 500) {
        a.answer = BlobAnswer::NotFound;
    } else {
        a.answer = BlobAnswer::Error;
    }
    // Reused only after a clean, complete answer that leaves nothing unread:
    // anything odd (a 5xx, a 1xx, stray bytes, "close") ends the connection.
    reusable = res.keep_alive() && parser.is_done() && buffer.size() == 0 &&
               (a.status == 200 || (a.status >= 400 && a.status < 500));
    co_return std::pair{boost::system::error_code{}, a};
}

} // namespace

HeadClient::HeadClient(asio::any_io_executor ex, TlsContext& tls, DnsCache& dns, BucketHosts& hosts)
    : m_ex(std::move(ex))
    , m_tls(tls)
    , m_dns(dns)
    , m_hosts(hosts) {}

HeadClient::~HeadClient() = default;

asio::awaitable<HeadAnswer> HeadClient::head(std::string url, Clock::time_point deadline) {
    const auto parts = UrlParts::parse(url);
    if (!parts) co_return HeadAnswer{};
    const std::string key = parts->pool_key();
    const auto failed = [&](const boost::system::error_code& ec) {
        return HeadAnswer{is_timeout(ec) || Clock::now() >= deadline ? BlobAnswer::Timeout
                                                                     : BlobAnswer::Error,
                          {},
                          0};
    };
    if (!co_await m_hosts.acquire(key, deadline)) co_return HeadAnswer{BlobAnswer::Timeout, {}, 0};
    HostSlot slot(m_hosts, key);
    for (int attempt = 0; attempt < 2; ++attempt) {
        std::unique_ptr<Connection> conn;
        bool reused = false;
        if (auto it = m_idle.find(key); it != m_idle.end() && !it->second.empty()) {
            conn = std::move(it->second.back());
            it->second.pop_back();
            reused = true;
        } else {
            conn = std::make_unique<Connection>();
            if (parts->tls) {
                // Made by the first HTTPS check; start-up and reloads have
                // checked that its trust anchors are there.
                const auto context = m_tls.get();
                if (!context) co_return HeadAnswer{};
                conn->tls = std::make_unique<beast::ssl_stream<beast::tcp_stream>>(m_ex, **context);
            } else
                conn->plain = std::make_unique<beast::tcp_stream>(m_ex);
            const auto dns = co_await m_dns.resolve(parts->host, parts->port, deadline);
            if (dns.timed_out) co_return HeadAnswer{BlobAnswer::Timeout, {}, 0};
            if (dns.endpoints.empty()) co_return HeadAnswer{};
            conn->lowest().expires_at(deadline);
            auto [cec, ep] = co_await conn->lowest().async_connect(dns.endpoints, use_tuple);
            if (cec) co_return failed(cec);
            if (conn->tls) {
                boost::system::error_code not_ip;
                (void)asio::ip::make_address(parts->host, not_ip);
                // SNI only for names: RFC 6066 forbids IP literals there.
                // (SSL_set_tlsext_host_name is a macro with a C cast.)
                if (not_ip)
                    SSL_ctrl(conn->tls->native_handle(), SSL_CTRL_SET_TLSEXT_HOSTNAME,
                             TLSEXT_NAMETYPE_host_name, const_cast<char*>(parts->host.c_str()));
                conn->tls->set_verify_mode(ssl::verify_peer);
                conn->tls->set_verify_callback(ssl::host_name_verification(parts->host));
                auto [hec] =
                    co_await conn->tls->async_handshake(ssl::stream_base::client, use_tuple);
                if (hec) co_return failed(hec);
            }
        }
        conn->lowest().expires_at(deadline);
        bool reusable = false;
        auto [ec, answer] = conn->tls
                                ? co_await exchange(*conn->tls, conn->buffer, *parts, reusable)
                                : co_await exchange(*conn->plain, conn->buffer, *parts, reusable);
        if (ec) {
            // A pooled connection the server closed meanwhile: retry once on
            // a new one, inside the same deadline.
            if (reused && !is_timeout(ec) && Clock::now() < deadline) continue;
            co_return failed(ec);
        }
        if (reusable) {
            conn->lowest().expires_never();
            auto& idle = m_idle[key];
            if (idle.size() < kIdlePerHost) idle.push_back(std::move(conn));
        }
        co_return answer;
    }
    co_return HeadAnswer{};
}

} // namespace ociproxy::server
