#include "server/http_session.h"

#include "core/decide/decide.h"
#include "core/request/client_ip.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace ociproxy::server {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

namespace {

constexpr std::size_t kHeaderLimit = 8 * 1024;

const char* reason_phrase(int status) {
    switch (status) {
    case 200:
        return "OK";
    case 307:
        return "Temporary Redirect";
    case 400:
        return "Bad Request";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 413:
        return "Payload Too Large";
    case 431:
        return "Request Header Fields Too Large";
    case 503:
        return "Service Unavailable";
    default:
        return "Unknown";
    }
}

// Responses are small and fixed in shape, so they are written by hand: no
// serializer, one buffer, one write.
void render(std::string& out, int status, std::string_view location, bool ping, bool keep_alive) {
    out.clear();
    out += "HTTP/1.1 ";
    out += std::to_string(status);
    out += ' ';
    out += reason_phrase(status);
    out += "\r\n";
    if (!location.empty()) {
        out += "Location: ";
        out += location;
        out += "\r\n";
    }
    if (ping) out += "Docker-Distribution-Api-Version: registry/2.0\r\n";
    if (status == 405) out += "Allow: GET, HEAD\r\n";
    out +=
        keep_alive ? "Content-Length: 0\r\n\r\n" : "Content-Length: 0\r\nConnection: close\r\n\r\n";
}

std::string peer_text(const tcp::socket& s) {
    boost::system::error_code ec;
    const auto ep = s.remote_endpoint(ec);
    if (ec) return "invalid";
    const auto a = ep.address();
    return a.is_v6() ? "[" + a.to_string() + "]:" + std::to_string(ep.port())
                     : a.to_string() + ":" + std::to_string(ep.port());
}

// Answers a request the HTTP layer refused, then the caller closes.
asio::awaitable<void> refuse(tcp::socket& socket, SharedContext& shared, int status) {
    std::string out;
    render(out, status, {}, false, false);
    co_await asio::async_write(socket, asio::buffer(out), use_tuple);
    shared.metrics.count_request(RequestKind::BadRequest, Backend::None, status,
                                 std::chrono::nanoseconds(0));
}

// One timer per connection instead of one per operation: re-arming a timer
// on every read and write costs a timerfd syscall each, a measurable share
// of a redirect's cost. The session moves `deadline`; the watchdog closes
// the socket once it passes.
struct Watchdog {
    using Clock = std::chrono::steady_clock;
    explicit Watchdog(const asio::any_io_executor& ex)
        : timer(ex) {}
    asio::steady_timer timer;
    Clock::time_point deadline;
    bool done = false;
};

asio::awaitable<void> watch(tcp::socket& socket, std::shared_ptr<Watchdog> w) {
    while (!w->done) {
        w->timer.expires_at(w->deadline);
        co_await w->timer.async_wait(use_tuple);
        if (w->done) break;
        if (Watchdog::Clock::now() >= w->deadline) {
            boost::system::error_code ignored;
            socket.close(ignored);
            break;
        }
    }
}

} // namespace

asio::awaitable<void> serve_client(tcp::socket socket, SharedContext& shared,
                                   ThreadContext& thread) {
    const std::string peer = peer_text(socket);
    auto dog = std::make_shared<Watchdog>(socket.get_executor());
    dog->deadline = Watchdog::Clock::now() + shared.config.header_timeout;
    asio::co_spawn(socket.get_executor(), watch(socket, dog), asio::detached);
    beast::flat_buffer buffer;
    std::string out;
    bool first = true;
    while (!shared.stopping.load(std::memory_order_relaxed)) {
        http::request_parser<http::empty_body> parser;
        parser.header_limit(kHeaderLimit);
        if (!first && buffer.size() == 0) {
            // Idle until the next request starts, then the header timeout.
            dog->deadline = Watchdog::Clock::now() + shared.config.idle_timeout;
            auto [wec] = co_await socket.async_wait(tcp::socket::wait_read, use_tuple);
            if (wec) break;
            dog->deadline = Watchdog::Clock::now() + shared.config.header_timeout;
        }
        first = false;
        auto [ec, n] = co_await http::async_read_header(socket, buffer, parser, use_tuple);
        if (ec) {
            if (ec == http::error::header_limit)
                co_await refuse(socket, shared, 431);
            else if (ec != http::error::end_of_stream && ec != asio::error::connection_reset &&
                     ec != asio::error::eof && ec != asio::error::operation_aborted &&
                     ec != asio::error::bad_descriptor)
                co_await refuse(socket, shared, 400);
            break;
        }
        const auto& req = parser.get();
        if (parser.chunked() || (parser.content_length() && *parser.content_length() > 0)) {
            co_await refuse(socket, shared, 413);
            break;
        }
        const auto t0 = std::chrono::steady_clock::now();
        shared.metrics.in_flight.fetch_add(1, std::memory_order_relaxed);
        const RoutingSnapshot& snap = thread.snapshot.get();
        const auto xff_it = req.find("X-Forwarded-For");
        const std::string_view xff =
            xff_it == req.end() ? std::string_view() : std::string_view(xff_it->value());
        const std::string_view method = req.method_string();
        const std::string_view target = req.target();
        Decision d = decide(HttpRequest{method, target, peer, xff}, snap.routing.router,
                            DecideDetail::Brief);
        std::optional<std::uint64_t> bytes;
        if (d.needs_blob_check) {
            const BlobCheck check = co_await shared.blobs.check(d.blob_url, thread.head);
            shared.metrics.count_blob_check(check.how);
            complete_blob_check(d, check.answer);
            if (check.answer == BlobAnswer::Found) bytes = check.size;
        }
        const bool keep_alive =
            req.keep_alive() && !shared.stopping.load(std::memory_order_relaxed);
        render(out, d.status, d.location, d.kind == RequestKind::Ping, keep_alive);
        dog->deadline = Watchdog::Clock::now() + shared.config.idle_timeout;
        auto [wec, wn] = co_await asio::async_write(socket, asio::buffer(out), use_tuple);
        const auto elapsed = std::chrono::steady_clock::now() - t0;
        shared.metrics.count_request(d.kind, d.backend, d.status, elapsed);
        if (d.kind == RequestKind::Blob && d.status == 307) {
            shared.metrics.count_blob_redirect(d);
            if (bytes)
                shared.metrics.add_egress(d, *bytes, snap.routing.prices.egress_usd(d, *bytes));
        }
        shared.metrics.in_flight.fetch_sub(1, std::memory_order_relaxed);
        if (shared.access_log) {
            std::optional<IpAddress> client = d.client_ip;
            if (!client) {
                if (auto c = client_ip(xff, peer)) client = c->address.unmapped();
            }
            shared.access_log->write(AccessRecord{
                method, target, client, &d,
                std::chrono::duration_cast<std::chrono::microseconds>(elapsed), bytes});
        }
        if (wec || !keep_alive) break;
    }
    dog->done = true;
    dog->timer.cancel();
    boost::system::error_code ignored;
    socket.shutdown(tcp::socket::shutdown_both, ignored);
    socket.close(ignored);
}

} // namespace ociproxy::server
