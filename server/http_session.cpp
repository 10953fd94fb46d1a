#include "server/http_session.h"

#include "core/decide/decide.h"
#include "core/request/client_ip.h"

#include <array>
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

// One connection's socket and its watchdog. One timer per connection
// instead of one per operation: re-arming a timer on every read and write
// costs a timerfd syscall each, a measurable share of a redirect's cost.
// The session moves `deadline`; the watchdog closes the socket once it
// passes. Both hold this object, so the watchdog can never touch a socket
// that is gone, however the session ends.
struct Connection {
    using Clock = std::chrono::steady_clock;
    explicit Connection(tcp::socket s)
        : socket(std::move(s))
        , timer(socket.get_executor()) {}
    tcp::socket socket;
    asio::steady_timer timer;
    Clock::time_point deadline;
    bool done = false;
};

asio::awaitable<void> watch(std::shared_ptr<Connection> c) {
    while (!c->done) {
        c->timer.expires_at(c->deadline);
        co_await c->timer.async_wait(use_tuple);
        if (c->done) break;
        if (Connection::Clock::now() >= c->deadline) {
            boost::system::error_code ignored;
            c->socket.close(ignored);
            break;
        }
    }
}

// Ends the watchdog and closes the socket when the session ends, by return
// or by exception.
struct ConnectionEnd {
    Connection& c;
    ~ConnectionEnd() {
        c.done = true;
        c.timer.cancel();
        boost::system::error_code ignored;
        c.socket.shutdown(tcp::socket::shutdown_both, ignored);
        c.socket.close(ignored);
    }
};

struct InFlight {
    std::atomic<std::int64_t>& gauge;
    explicit InFlight(std::atomic<std::int64_t>& g)
        : gauge(g) {
        gauge.fetch_add(1, std::memory_order_relaxed);
    }
    ~InFlight() { gauge.fetch_sub(1, std::memory_order_relaxed); }
};

// After a last answer: no more sending, and what the client still sends is
// read and dropped for at most a second, so that closing with unread bytes
// (a reset) cannot destroy the answer before the client reads it.
asio::awaitable<void> linger(Connection& c) {
    c.deadline = std::min(c.deadline, Connection::Clock::now() + std::chrono::seconds(1));
    c.timer.expires_at(c.deadline); // wakes the watchdog to re-arm for the shorter deadline
    boost::system::error_code ignored;
    c.socket.shutdown(tcp::socket::shutdown_send, ignored);
    std::array<char, 1024> sink;
    while (true) {
        auto [rec, rn] = co_await c.socket.async_read_some(asio::buffer(sink), use_tuple);
        if (rec) break;
    }
}

// Answers a request the HTTP layer refused, then the caller closes.
asio::awaitable<void> refuse(Connection& c, SharedContext& shared, int status) {
    std::string out;
    render(out, status, {}, false, false);
    c.deadline = Connection::Clock::now() + shared.config.header_timeout;
    auto [wec, wn] = co_await asio::async_write(c.socket, asio::buffer(out), use_tuple);
    shared.metrics.count_request(RequestKind::BadRequest, Backend::None, status,
                                 std::chrono::nanoseconds(0));
    if (!wec) co_await linger(c);
}

// RFC 9112 §6: this server takes no request bodies. A body announced by any
// Transfer-Encoding (gzip, identity, "chunked, gzip" ...) cannot be skipped
// safely behind a shared front proxy, so it is refused and the connection
// closed; the bytes after the header are never read as a next request.
int body_refusal(const http::request_parser<http::empty_body>& parser) {
    const auto& req = parser.get();
    if (req.find(http::field::transfer_encoding) != req.end()) return 400;
    if (parser.content_length() && *parser.content_length() > 0) return 413;
    return 0;
}

} // namespace

asio::awaitable<void> serve_client(tcp::socket socket, SharedContext& shared,
                                   ThreadContext& thread) {
    using Clock = Connection::Clock;
    const auto& cfg = shared.config;
    auto conn = std::make_shared<Connection>(std::move(socket));
    const std::string peer = peer_text(conn->socket);
    conn->deadline = Clock::now() + cfg.header_timeout;
    asio::co_spawn(conn->socket.get_executor(), watch(conn), asio::detached);
    ConnectionEnd end{*conn};
    try {
        beast::flat_buffer buffer;
        std::string out;
        bool first = true;
        while (!shared.stopping.load(std::memory_order_relaxed)) {
            http::request_parser<http::empty_body> parser;
            parser.header_limit(kHeaderLimit);
            if (!first && buffer.size() == 0) {
                // Idle until the next request starts, holding no buffer: an
                // idle keep-alive connection costs its frames only (10 000
                // of them are normal behind a load balancer).
                boost::system::error_code unread;
                if (conn->socket.available(unread) == 0 && !unread) {
                    buffer.shrink_to_fit();
                    out.clear();
                    out.shrink_to_fit();
                }
                conn->deadline = Clock::now() + cfg.idle_timeout;
                auto [wec] = co_await conn->socket.async_wait(tcp::socket::wait_read, use_tuple);
                if (wec) break;
            }
            first = false;
            // Every request, pipelined ones whose first bytes are already
            // buffered included, sends its header within the header timeout.
            conn->deadline = Clock::now() + cfg.header_timeout;
            auto [ec, n] =
                co_await http::async_read_header(conn->socket, buffer, parser, use_tuple);
            if (ec) {
                if (ec == http::error::header_limit)
                    co_await refuse(*conn, shared, 431);
                else if (ec != http::error::end_of_stream && ec != asio::error::connection_reset &&
                         ec != asio::error::eof && ec != asio::error::operation_aborted &&
                         ec != asio::error::bad_descriptor)
                    co_await refuse(*conn, shared, 400);
                break;
            }
            if (const int status = body_refusal(parser)) {
                co_await refuse(*conn, shared, status);
                break;
            }
            const auto& req = parser.get();
            const auto t0 = Clock::now();
            InFlight in_flight(shared.metrics.in_flight);
            // Held until this request is fully done, reloads notwithstanding.
            const std::shared_ptr<const RoutingSnapshot> snap = thread.snapshot.get();
            const auto xff_it = req.find("X-Forwarded-For");
            const std::string_view xff =
                xff_it == req.end() ? std::string_view() : std::string_view(xff_it->value());
            const std::string_view method = req.method_string();
            const std::string_view target = req.target();
            Decision d = decide(HttpRequest{method, target, peer, xff}, snap->routing.router,
                                DecideDetail::Brief);
            std::optional<std::uint64_t> bytes;
            if (d.needs_blob_check) {
                // The check is the server's own work: the client is not
                // charged for it, and gets its answer by the check's deadline.
                const auto check_deadline = Clock::now() + cfg.blob_timeout;
                conn->deadline = check_deadline + cfg.header_timeout;
                const BlobCheck check = co_await shared.blobs.check(
                    d.blob_url, d.bucket_name, thread.head, check_deadline, cfg.blob_timeout);
                shared.metrics.count_blob_check(check.how);
                if (check.head_duration) shared.metrics.observe_blob_check(*check.head_duration);
                complete_blob_check(d, check.answer);
                // A HEAD moves no bytes: only a GET is egress.
                if (check.answer == BlobAnswer::Found && method == "GET") bytes = check.size;
            }
            const bool keep_alive =
                req.keep_alive() && !shared.stopping.load(std::memory_order_relaxed);
            render(out, d.status, d.location, d.kind == RequestKind::Ping, keep_alive);
            conn->deadline = Clock::now() + cfg.header_timeout;
            auto [wec, wn] = co_await asio::async_write(conn->socket, asio::buffer(out), use_tuple);
            const auto elapsed = Clock::now() - t0;
            shared.metrics.count_request(d.kind, d.backend, d.status, elapsed);
            if (d.kind == RequestKind::Blob && d.status == 307) {
                shared.metrics.count_blob_redirect(d);
                if (bytes)
                    shared.metrics.add_egress(d, *bytes,
                                              snap->routing.prices.egress_usd(d, *bytes));
            }
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
    } catch (...) {
        // One connection's failure ends that connection only; ConnectionEnd
        // closes it and the caller's guard gives its slot back.
    }
}

asio::awaitable<void> refuse_connection(tcp::socket socket, SharedContext& shared) {
    auto conn = std::make_shared<Connection>(std::move(socket));
    // A short, fixed life: the answer, then at most a second of linger.
    conn->deadline = Connection::Clock::now() + std::chrono::seconds(1);
    asio::co_spawn(conn->socket.get_executor(), watch(conn), asio::detached);
    ConnectionEnd end{*conn};
    shared.metrics.count_refused_connection();
    static constexpr std::string_view kBusy = "HTTP/1.1 503 Service Unavailable\r\n"
                                              "Retry-After: 1\r\n"
                                              "Content-Length: 0\r\n"
                                              "Connection: close\r\n\r\n";
    auto [wec, wn] = co_await asio::async_write(conn->socket, asio::buffer(kBusy), use_tuple);
    if (!wec) co_await linger(*conn);
}

} // namespace ociproxy::server
