#pragma once

#include "server/head_client.h"
#include "server/lru_map.h"
#include "server/metrics_registry.h"

#include <boost/asio/any_completion_handler.hpp>
#include <boost/asio/any_io_executor.hpp>
#include <chrono>
#include <memory>
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

    // Drops checks still waiting on a HEAD, destroying their coroutines.
    // For shutdown, while their io_contexts still exist but no longer run.
    void abandon_waiters();

private:
    using Clock = std::chrono::steady_clock;
    // A coalesced check's completion and the executor it must run on.
    struct Waiter {
        boost::asio::any_io_executor executor;
        boost::asio::any_completion_handler<void(BlobCheck)> handler;
    };

    // The caches are split by URL hash so that threads checking different
    // blobs do not queue on one lock; one URL always lands in one shard,
    // which is what coalescing needs.
    struct Shard {
        explicit Shard(std::size_t capacity)
            : found(capacity) {}
        std::mutex mutex;
        LruMap<std::optional<std::uint64_t>> found;
        std::unordered_map<std::string, Clock::time_point> missing; // url → expiry
        std::unordered_map<std::string, std::vector<Waiter>> pending;
    };
    static constexpr std::size_t kShards = 16;

    Shard& shard_for(const std::string& url) {
        return *m_shards[std::hash<std::string>{}(url) % kShards];
    }
    std::optional<BlobCheck> cached_locked(Shard& s, const std::string& url);
    void remember_locked(Shard& s, const std::string& url, const BlobCheck& r);

    std::chrono::milliseconds m_negative_ttl;
    std::vector<std::unique_ptr<Shard>> m_shards;
};

} // namespace ociproxy::server
