#include "server/proxy_server.h"

#include "core/ranges/range_set.h"
#include "server/admin_session.h"
#include "server/http_session.h"
#include "server/server_context.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ip/v6_only.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <malloc.h>
#include <thread>
#include <vector>

namespace ociproxy::server {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

struct ProxyServer::Impl {
    std::unique_ptr<SharedContext> shared;
    std::vector<std::unique_ptr<ThreadContext>> threads;
    std::vector<std::unique_ptr<tcp::acceptor>> acceptors; // one per thread
    std::unique_ptr<tcp::acceptor> admin;
    std::unique_ptr<asio::signal_set> signals;
    std::vector<RangeSet> demo_sets;
    Logger log;
    std::mutex reload_mutex;
    // Reloads parse files here, never on an I/O thread.
    asio::thread_pool background{1};
    // Keep every context running until stop() has drained: without them a
    // context whose acceptor just closed could run out of work and return
    // before the drain even starts, leaving the others running.
    std::vector<asio::executor_work_guard<asio::io_context::executor_type>> keep_running;
};

namespace {

Result<tcp::endpoint> endpoint_for(const ListenAddress& a) {
    boost::system::error_code ec;
    if (a.host.empty()) return tcp::endpoint(tcp::v6(), a.port);
    const auto addr = asio::ip::make_address(a.host == "localhost" ? "127.0.0.1" : a.host, ec);
    if (ec) return Error{"invalid address '" + a.host + "'", {}};
    return tcp::endpoint(addr, a.port);
}

// Binds `ep`; "all interfaces" is a dual-stack IPv6 socket, falling back to
// IPv4 where IPv6 is off.
Result<std::unique_ptr<tcp::acceptor>> open_acceptor(asio::io_context& io, tcp::endpoint ep,
                                                     bool reuse_port, bool dual_stack) {
    auto acc = std::make_unique<tcp::acceptor>(io);
    boost::system::error_code ec;
    acc->open(ep.protocol(), ec);
    if (ec && dual_stack) {
        ep = tcp::endpoint(tcp::v4(), ep.port());
        acc->open(ep.protocol(), ec);
    }
    if (ec) return Error{ec.message(), {}};
    acc->set_option(asio::socket_base::reuse_address(true), ec);
    if (reuse_port) {
        const int one = 1;
        ::setsockopt(acc->native_handle(), SOL_SOCKET, SO_REUSEPORT, &one, sizeof one);
    }
    if (ep.protocol() == tcp::v6() && dual_stack) acc->set_option(asio::ip::v6_only(false), ec);
    acc->bind(ep, ec);
    if (ec) return Error{ec.message(), {}};
    acc->listen(asio::socket_base::max_listen_connections, ec);
    if (ec) return Error{ec.message(), {}};
    return acc;
}

// Parsing a range file builds its whole JSON document (about 8 MiB for
// AWS's) and frees it; glibc keeps freed memory mapped, so without this the
// server would stay that much larger than its tables for its whole life.
void give_back_load_memory() {
    ::malloc_trim(0);
}

} // namespace

Result<std::unique_ptr<ProxyServer>>
ProxyServer::create(ServerConfig config, std::span<const RangeSet> demo_sets, Logger log) {
    std::unique_ptr<ProxyServer> s(new ProxyServer());
    s->m = std::make_unique<Impl>();
    s->m->log = std::move(log);
    if (config.demo) s->m->demo_sets.assign(demo_sets.begin(), demo_sets.end());
    // The server looks up in its one match mode and never explains.
    config.routing.match_mode_only = true;
    auto loaded = load_routing(config.routing, s->m->demo_sets);
    if (!loaded) return loaded.error();
    give_back_load_memory();
    auto access = AccessLog::open(config.access_log, config.log_client_ip);
    if (!access) return Error{access.error().message, "--access-log " + config.access_log};
    s->m->shared = std::make_unique<SharedContext>(
        std::move(config), std::make_shared<const RoutingSnapshot>(std::move(loaded).value()),
        s->m->log);
    auto& shared = *s->m->shared;
    shared.access_log = std::move(access).value();
    // HTTPS buckets need their trust anchors before the first request: a
    // server that could not verify them would send every blob upstream. A
    // --ca-file given is read now whatever the buckets, so a wrong one is
    // an error at start-up and not at the first reload that needs it.
    if (!shared.config.ca_file.empty() ||
        needs_tls(shared.routing.load()->routing.router.buckets()))
        if (auto tls = shared.tls.check(); !tls) return tls.error();
    for (unsigned i = 0; i < shared.config.threads; ++i)
        s->m->threads.push_back(std::make_unique<ThreadContext>(i, shared));
    if (auto st = s->bind(); !st) return st.error();
    return s;
}

ProxyServer::~ProxyServer() {
    if (!m || !m->shared) return;
    // Coalesced checks still waiting belong to the threads' io_contexts:
    // destroy them before those go.
    m->background.join();
    m->shared->dns.shutdown();
    m->shared->blobs.abandon_waiters();
    if (m->shared->access_log) m->shared->access_log->flush();
}

Status ProxyServer::bind() {
    auto& cfg = m->shared->config;
    auto ep = endpoint_for(cfg.listen);
    if (!ep) return Error{ep.error().message, "--listen"};
    for (auto& t : m->threads) {
        tcp::endpoint at = *ep;
        if (m_port) at.port(m_port); // port 0 resolved by the first bind
        auto acc = open_acceptor(t->io, at, true, cfg.listen.host.empty());
        if (!acc)
            return Error{"cannot listen on " + cfg.listen.to_string() + ": " + acc.error().message,
                         "--listen"};
        m_port = (*acc)->local_endpoint().port();
        m->acceptors.push_back(std::move(acc).value());
    }
    auto aep = endpoint_for(cfg.admin_listen);
    if (!aep) return Error{aep.error().message, "--admin-listen"};
    auto admin = open_acceptor(m->threads[0]->io, *aep, false, cfg.admin_listen.host.empty());
    if (!admin)
        return Error{"cannot listen on " + cfg.admin_listen.to_string() + ": " +
                         admin.error().message,
                     "--admin-listen"};
    m_admin_port = (*admin)->local_endpoint().port();
    m->admin = std::move(admin).value();
    return {};
}

void ProxyServer::start_accepting(ThreadContext& t) {
    SharedContext& shared = *m->shared;
    tcp::acceptor& acc = *m->acceptors[t.index];
    asio::co_spawn(
        t.io,
        [&shared, &t, &acc]() -> asio::awaitable<void> {
            while (true) {
                auto [ec, socket] = co_await acc.async_accept(use_tuple);
                if (ec) {
                    if (ec == asio::error::operation_aborted || !acc.is_open()) co_return;
                    // Out of descriptors and the like: back off instead of spinning.
                    asio::steady_timer pause(t.io, std::chrono::milliseconds(50));
                    co_await pause.async_wait(use_tuple);
                    continue;
                }
                socket.set_option(tcp::no_delay(true), ec);
                if (shared.connections.load(std::memory_order_relaxed) >=
                    shared.config.max_connections) {
                    asio::co_spawn(t.io, refuse_connection(std::move(socket), shared),
                                   asio::detached);
                    continue;
                }
                shared.connections.fetch_add(1, std::memory_order_relaxed);
                asio::co_spawn(
                    t.io,
                    [&shared, &t, s = std::move(socket)]() mutable -> asio::awaitable<void> {
                        // The slot is given back however the session ends.
                        struct Slot {
                            std::atomic<std::size_t>& n;
                            ~Slot() { n.fetch_sub(1, std::memory_order_relaxed); }
                        } slot{shared.connections};
                        co_await serve_client(std::move(s), shared, t);
                    },
                    asio::detached);
            }
        },
        asio::detached);
}

void ProxyServer::run() {
    SharedContext& shared = *m->shared;
    for (auto& t : m->threads) {
        m->keep_running.push_back(asio::make_work_guard(t->io));
        start_accepting(*t);
    }
    asio::co_spawn(
        m->threads[0]->io,
        [this, &shared]() -> asio::awaitable<void> {
            while (true) {
                auto [ec, socket] = co_await m->admin->async_accept(use_tuple);
                if (ec) {
                    if (!m->admin->is_open()) co_return;
                    continue;
                }
                asio::co_spawn(m->threads[0]->io, serve_admin(std::move(socket), shared),
                               asio::detached);
            }
        },
        asio::detached);
    // The access log is written in batches; this keeps tails fresh.
    if (shared.access_log) {
        asio::co_spawn(
            m->threads[0]->io,
            [&shared, this]() -> asio::awaitable<void> {
                asio::steady_timer timer(m->threads[0]->io);
                while (!shared.stopping.load()) {
                    timer.expires_after(std::chrono::seconds(1));
                    co_await timer.async_wait(use_tuple);
                    shared.access_log->flush();
                }
            },
            asio::detached);
    }
    std::vector<std::thread> workers;
    for (std::size_t i = 1; i < m->threads.size(); ++i) {
        workers.emplace_back([this, i] {
            MetricsRegistry::bind_thread(unsigned(i));
            m->threads[i]->io.run();
        });
    }
    MetricsRegistry::bind_thread(0);
    m->threads[0]->io.run();
    for (auto& w : workers)
        w.join();
    if (shared.access_log) shared.access_log->flush();
    const auto cut = shared.metrics.in_flight.load();
    m->log("stopped: " + std::to_string(shared.metrics.requests_answered()) + " requests answered" +
           (cut > 0 ? ", " + std::to_string(cut) + " cut at the drain deadline" : std::string()));
}

Status ProxyServer::reload() {
    std::lock_guard lock(m->reload_mutex);
    auto loaded = load_routing(m->shared->config.routing, m->demo_sets);
    if (!loaded) {
        m->log("reload failed, keeping the running configuration: " + loaded.error().what());
        return loaded.error();
    }
    // A reload that brings the first HTTPS bucket checks the trust store
    // first, and keeps the running configuration without one.
    if (needs_tls(loaded->router.buckets())) {
        if (auto tls = m->shared->tls.check(); !tls) {
            m->log("reload failed, keeping the running configuration: " + tls.error().what());
            return tls.error();
        }
    }
    auto snapshot = std::make_shared<const RoutingSnapshot>(std::move(loaded).value());
    const std::size_t prefixes = snapshot->routing.router.table().size();
    m->shared->routing.store(std::move(snapshot));
    give_back_load_memory();
    m->log("reloaded: " + std::to_string(prefixes) + " prefixes");
    return {};
}

void ProxyServer::request_reload() {
    asio::post(m->background, [this] { (void)reload(); });
}

void ProxyServer::stop() {
    SharedContext& shared = *m->shared;
    if (shared.stopping.exchange(true)) return;
    for (auto& t : m->threads) {
        asio::post(t->io, [this, idx = t->index] {
            boost::system::error_code ignored;
            m->acceptors[idx]->close(ignored);
            if (idx == 0) {
                m->admin->close(ignored);
                if (m->signals) m->signals->cancel(ignored);
            }
        });
    }
    // Drain: in-flight requests finish (they check `stopping` and close),
    // idle keep-alive connections are dropped when the contexts stop.
    asio::co_spawn(
        m->threads[0]->io,
        [this, &shared]() -> asio::awaitable<void> {
            asio::steady_timer timer(m->threads[0]->io);
            const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
            while (shared.metrics.in_flight.load() > 0 &&
                   std::chrono::steady_clock::now() < deadline) {
                timer.expires_after(std::chrono::milliseconds(20));
                co_await timer.async_wait(use_tuple);
            }
            m->keep_running.clear();
            for (auto& t : m->threads)
                t->io.stop();
        },
        asio::detached);
}

void ProxyServer::handle_signals() {
    m->signals = std::make_unique<asio::signal_set>(m->threads[0]->io, SIGHUP, SIGTERM, SIGINT);
    asio::co_spawn(
        m->threads[0]->io,
        [this]() -> asio::awaitable<void> {
            while (true) {
                auto [ec, sig] = co_await m->signals->async_wait(use_tuple);
                if (ec) co_return;
                if (sig == SIGHUP) {
                    request_reload();
                } else {
                    m->log("signal " + std::to_string(sig) +
                           ": finishing in-flight requests and stopping");
                    stop();
                    co_return;
                }
            }
        },
        asio::detached);
}

} // namespace ociproxy::server
