#pragma once

#include "server/head_client.h"
#include "server/lru_map.h"
#include "server/metrics_registry.h"

#include <boost/asio/any_completion_handler.hpp>
#include <boost/asio/any_io_executor.hpp>
#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace ociproxy::server {

struct BlobCheck {
    BlobAnswer answer = BlobAnswer::Error;
    std::optional<std::uint64_t> size;
    BlobCheckResult how = BlobCheckResult::Error; // for ociproxy_blob_checks_total
};

// "Is this blob in that bucket?", shared by all I/O threads: found blobs in a
// bounded LRU with their size, "not found" remembered for the negative TTL,
// and concurrent checks of one URL coalesced into a single HEAD whose answer
// every waiter gets on its own executor.
class BlobChecker {
public:
    BlobChecker(std::size_t cache_entries, std::chrono::milliseconds negative_ttl);

    // `client` is the calling thread's HEAD client.
    boost::asio::awaitable<BlobCheck> check(const std::string& url, HeadClient& client);

    std::size_t cache_entries() const;

private:
    using Clock = std::chrono::steady_clock;
    // A coalesced check's completion and the executor it must run on.
    struct Waiter {
        boost::asio::any_io_executor executor;
        boost::asio::any_completion_handler<void(BlobCheck)> handler;
    };

    std::optional<BlobCheck> cached_locked(const std::string& url);
    void remember_locked(const std::string& url, const BlobCheck& r);

    mutable std::mutex m_mutex;
    LruMap<std::optional<std::uint64_t>> m_found;
    std::chrono::milliseconds m_negative_ttl;
    std::unordered_map<std::string, Clock::time_point> m_missing; // url → expiry
    std::unordered_map<std::string, std::vector<Waiter>> m_pending;
};

} // namespace ociproxy::server
