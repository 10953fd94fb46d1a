#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/thread_pool.hpp>
#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace ociproxy::server {

// Bucket host names resolved on threads of its own, never on an I/O thread
// (getaddrinfo blocks and cannot be cancelled), awaited within the caller's
// deadline, and remembered per host for a short TTL: a request for a
// popular bucket costs no lookup at all.
class DnsCache {
public:
    using Endpoints = std::vector<boost::asio::ip::tcp::endpoint>;
    using Clock = std::chrono::steady_clock;

    explicit DnsCache(std::chrono::seconds ttl = std::chrono::seconds(30), unsigned threads = 2);
    ~DnsCache();

    // Waits for lookups in flight and takes no more: called before the I/O
    // threads' contexts go, so that no answer is posted to one that is gone.
    void shutdown();

    struct Answer {
        Endpoints endpoints; // empty on failure
        bool timed_out = false;
    };
    boost::asio::awaitable<Answer> resolve(const std::string& host, const std::string& port,
                                           Clock::time_point deadline);

private:
    struct Entry {
        Endpoints endpoints;
        Clock::time_point expiry;
    };
    std::chrono::seconds m_ttl;
    std::mutex m_mutex;
    std::map<std::string, Entry> m_entries; // "host:port"
    boost::asio::thread_pool m_pool;
};

} // namespace ociproxy::server
