#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace ociproxy::server {

template <class T> class Handoff;

// What the server knows of each bucket host (scheme://host:port), shared by
// all I/O threads:
//  - a cap on HEADs in flight to it; the rest queue, each within its own
//    deadline, so 500 new digests never open 500 sockets;
//  - its health: after `failures` consecutive errors or timeouts it is
//    down, its blobs go upstream at once instead of each request waiting
//    out a HEAD, and a background probe restores it when it answers.
class BucketHosts {
public:
    using Clock = std::chrono::steady_clock;
    using Logger = std::function<void(const std::string&)>;

    BucketHosts(std::size_t concurrency, std::size_t failures, std::chrono::milliseconds cooldown,
                Logger log);
    ~BucketHosts();

    // A slot for one HEAD, or false once `deadline` passed while queued.
    boost::asio::awaitable<bool> acquire(const std::string& host, Clock::time_point deadline);
    void release(const std::string& host);

    bool is_down(const std::string& host);

    // The outcome of one HEAD. Returns true when this failure took the host
    // down: the caller then starts the probe (it owns the HEAD client).
    bool report(const std::string& host, const std::string& label, bool healthy);
    // The probe's answer: up again, or still down.
    void probe_result(const std::string& host, bool healthy);

    std::chrono::milliseconds cooldown() const { return m_cooldown; }

    // bucket label → up, for ociproxy_bucket_up.
    std::vector<std::pair<std::string, bool>> states();

private:
    using Ticket = Handoff<bool>;
    struct Host {
        std::string label;
        std::size_t active = 0;
        std::deque<std::shared_ptr<Ticket>> queue;
        std::size_t failures = 0;
        bool down = false;
    };
    Host& host_locked(const std::string& key);
    void set_down_locked(Host& h, const std::string& key, bool down);

    std::size_t m_concurrency, m_failures;
    std::chrono::milliseconds m_cooldown;
    Logger m_log;
    std::mutex m_mutex;
    std::map<std::string, Host> m_hosts;
};

// Holds a slot for one HEAD and gives it back however the HEAD ends.
class HostSlot {
public:
    HostSlot(BucketHosts& hosts, std::string host)
        : m_hosts(&hosts)
        , m_host(std::move(host)) {}
    HostSlot(const HostSlot&) = delete;
    HostSlot& operator=(const HostSlot&) = delete;
    ~HostSlot() {
        if (m_hosts) m_hosts->release(m_host);
    }

private:
    BucketHosts* m_hosts;
    std::string m_host;
};

} // namespace ociproxy::server
