#include "server/bucket_hosts.h"

#include "server/handoff.h"

#include <boost/asio/this_coro.hpp>

namespace ociproxy::server {

namespace asio = boost::asio;

BucketHosts::BucketHosts(std::size_t concurrency, std::size_t failures,
                         std::chrono::milliseconds cooldown, Logger log)
    : m_concurrency(std::max<std::size_t>(1, concurrency))
    , m_failures(std::max<std::size_t>(1, failures))
    , m_cooldown(cooldown)
    , m_log(std::move(log)) {}

BucketHosts::~BucketHosts() = default;

BucketHosts::Host& BucketHosts::host_locked(const std::string& key) {
    return m_hosts[key];
}

asio::awaitable<bool> BucketHosts::acquire(const std::string& key, Clock::time_point deadline) {
    const auto executor = co_await asio::this_coro::executor;
    std::shared_ptr<Ticket> ticket;
    {
        std::lock_guard lock(m_mutex);
        Host& h = host_locked(key);
        if (h.active < m_concurrency) {
            ++h.active;
            co_return true;
        }
        ticket = std::make_shared<Ticket>(executor);
        h.queue.push_back(ticket);
    }
    // release() hands its slot straight to the first waiter still waiting.
    co_return (co_await ticket->wait_until(deadline)).has_value();
}

void BucketHosts::release(const std::string& key) {
    std::lock_guard lock(m_mutex);
    Host& h = host_locked(key);
    while (!h.queue.empty()) {
        auto next = std::move(h.queue.front());
        h.queue.pop_front();
        if (next->deliver(true)) return; // the slot changes hands, `active` stays
    }
    if (h.active > 0) --h.active;
}

bool BucketHosts::is_down(const std::string& key) {
    std::lock_guard lock(m_mutex);
    const auto it = m_hosts.find(key);
    return it != m_hosts.end() && it->second.down;
}

void BucketHosts::set_down_locked(Host& h, const std::string& key, bool down) {
    if (h.down == down) return;
    h.down = down;
    if (!m_log) return;
    const std::string name = h.label.empty() ? key : h.label + " (" + key + ")";
    if (down)
        m_log("bucket " + name + " is down after " + std::to_string(m_failures) +
              " failed checks in a row: its blobs go upstream; probing every " +
              std::to_string(m_cooldown.count()) + " ms");
    else
        m_log("bucket " + name + " is up again");
}

bool BucketHosts::report(const std::string& key, const std::string& label, bool healthy) {
    std::lock_guard lock(m_mutex);
    Host& h = host_locked(key);
    if (h.label.empty()) h.label = label;
    if (healthy) {
        h.failures = 0;
        set_down_locked(h, key, false);
        return false;
    }
    if (h.down) return false;
    if (++h.failures < m_failures) return false;
    set_down_locked(h, key, true);
    return true;
}

void BucketHosts::probe_result(const std::string& key, bool healthy) {
    std::lock_guard lock(m_mutex);
    Host& h = host_locked(key);
    if (healthy) {
        h.failures = 0;
        set_down_locked(h, key, false);
    }
}

std::vector<std::pair<std::string, bool>> BucketHosts::states() {
    std::lock_guard lock(m_mutex);
    std::map<std::string, bool> by_label;
    for (const auto& [key, h] : m_hosts) {
        const std::string& label = h.label.empty() ? key : h.label;
        auto [it, fresh] = by_label.emplace(label, !h.down);
        if (!fresh) it->second = it->second && !h.down;
    }
    return {by_label.begin(), by_label.end()};
}

} // namespace ociproxy::server
