#include "server/admin_session.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace ociproxy::server {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

asio::awaitable<void> serve_admin(tcp::socket socket, SharedContext& shared) {
    beast::tcp_stream stream(std::move(socket));
    beast::flat_buffer buffer;
    while (true) {
        http::request<http::empty_body> req;
        stream.expires_after(std::chrono::seconds(30));
        auto [ec, n] =
            co_await http::async_read(stream, buffer, req, asio::as_tuple(asio::use_awaitable));
        if (ec) break;
        http::response<http::string_body> res{http::status::ok, req.version()};
        res.keep_alive(req.keep_alive());
        const auto snap = shared.routing.load();
        if (req.target() == "/metrics") {
            MetricsRegistry::Gauges g;
            g.blob_cache_entries = shared.blobs.cache_entries();
            if (snap) {
                g.range_prefixes = snap->prefixes_per_cloud;
                g.range_published = snap->published;
            }
            g.buckets_up = shared.hosts.states();
            res.set(http::field::content_type, "text/plain; version=0.0.4; charset=utf-8");
            res.body() = shared.metrics.render(g);
        } else if (req.target() == "/healthz") {
            res.body() = "ok\n";
        } else if (req.target() == "/readyz") {
            const bool ready =
                snap && snap->routing.router.table().size() > 0 && !shared.stopping.load();
            res.result(ready ? http::status::ok : http::status::service_unavailable);
            res.body() = ready ? "ready\n" : "not ready\n";
        } else {
            res.result(http::status::not_found);
            res.body() = "not found\n";
        }
        res.prepare_payload();
        auto [wec, wn] =
            co_await http::async_write(stream, res, asio::as_tuple(asio::use_awaitable));
        if (wec || !res.keep_alive()) break;
    }
    boost::system::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
}

} // namespace ociproxy::server
