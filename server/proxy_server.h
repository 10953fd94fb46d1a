#pragma once

#include "server/server_config.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>

namespace ociproxy {
struct RangeSet;
}

namespace ociproxy::server {

struct SharedContext;
struct ThreadContext;

// The oci-proxy service: N I/O threads (one io_context each, SO_REUSEPORT
// acceptors on the public port), an admin listener, shared routing state
// swapped on reload. create() binds the ports, so every start-up problem is
// reported before run().
class ProxyServer {
public:
    using Logger = std::function<void(const std::string&)>;

    // `demo_sets` are used when the configuration asks for --demo.
    static Result<std::unique_ptr<ProxyServer>>
    create(ServerConfig config, std::span<const RangeSet> demo_sets, Logger log);
    ~ProxyServer();

    std::uint16_t port() const { return m_port; }
    std::uint16_t admin_port() const { return m_admin_port; }

    // Serves until stop(); returns once every thread has ended.
    void run();

    // Re-reads ranges, buckets and prices; on any error keeps the running
    // configuration and says why. Safe from any thread.
    Status reload();

    // reload() on the server's worker thread, never an I/O thread: returns
    // at once; the outcome is logged. What SIGHUP does.
    void request_reload();

    // Stops accepting, lets in-flight requests finish (at most 5 s), then
    // ends run(). Safe from any thread, and more than once.
    void stop();

    // SIGHUP → reload (parsed on a worker thread), SIGTERM/SIGINT → stop
    // (for the real binary).
    void handle_signals();

private:
    ProxyServer() = default;
    Status bind();
    void start_accepting(ThreadContext& t);

    struct Impl;
    std::unique_ptr<Impl> m;
    std::uint16_t m_port = 0, m_admin_port = 0;
};

} // namespace ociproxy::server
