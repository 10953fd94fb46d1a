#include "server/dns_cache.h"

#include "server/handoff.h"

#include <boost/asio/this_coro.hpp>
#include <charconv>

namespace ociproxy::server {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

DnsCache::DnsCache(std::chrono::seconds ttl, unsigned threads)
    : m_ttl(ttl)
    , m_pool(threads) {}

DnsCache::~DnsCache() {
    shutdown();
}

void DnsCache::shutdown() {
    m_pool.stop();
    m_pool.join();
}

asio::awaitable<DnsCache::Answer>
DnsCache::resolve(const std::string& host, const std::string& port, Clock::time_point deadline) {
    const std::string key = host + ":" + port;
    {
        std::lock_guard lock(m_mutex);
        if (auto it = m_entries.find(key); it != m_entries.end()) {
            if (Clock::now() < it->second.expiry) co_return Answer{it->second.endpoints, false};
            m_entries.erase(it);
        }
    }
    // IP literals need no lookup (and no thread hop).
    boost::system::error_code not_ip;
    const auto literal = asio::ip::make_address(host, not_ip);
    if (!not_ip) {
        unsigned short p = 0;
        const auto [end, perr] = std::from_chars(port.data(), port.data() + port.size(), p);
        if (perr != std::errc() || end != port.data() + port.size()) co_return Answer{};
        co_return Answer{{tcp::endpoint(literal, p)}, false};
    }
    auto handoff = std::make_shared<Handoff<Endpoints>>(co_await asio::this_coro::executor);
    asio::post(m_pool, [this, handoff, host, port, key] {
        asio::io_context scratch; // a resolver needs an executor; the lookup is synchronous
        tcp::resolver resolver(scratch);
        boost::system::error_code ec;
        const auto results = resolver.resolve(host, port, ec);
        Endpoints eps;
        if (!ec)
            for (const auto& r : results)
                eps.push_back(r.endpoint());
        if (!eps.empty()) {
            std::lock_guard lock(m_mutex);
            m_entries[key] = Entry{eps, Clock::now() + m_ttl};
        }
        handoff->deliver(std::move(eps));
    });
    auto got = co_await handoff->wait_until(deadline);
    if (!got) co_return Answer{{}, true};
    co_return Answer{std::move(*got), false};
}

} // namespace ociproxy::server
