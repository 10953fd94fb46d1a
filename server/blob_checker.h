#pragma once

#include "server/bucket_hosts.h"
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
    // Set when this check sent a real HEAD: how long it took.
    std::optional<std::chrono::nanoseconds> head_duration;
};

struct BlobCheckerLimits {
    std::size_t cache_entries = 100000;
    std::chrono::milliseconds negative_ttl{60000};
    std::chrono::milliseconds positive_ttl{24 * 3600 * 1000};
};

// "Is this blob in that bucket?", shared by all I/O threads: found blobs in a
// bounded LRU with their size (checked again after the positive TTL, so a
// deleted blob stops being redirected to), "not found" in a bounded LRU for
// the negative TTL, concurrent checks of one URL coalesced into a single
// HEAD whose answer every waiter gets on its own executor, and hosts that
// are down skipped at once (BucketHosts).
class BlobChecker {
public:
    using Clock = std::chrono::steady_clock;
    BlobChecker(BlobCheckerLimits limits, BucketHosts& hosts);

    // `client` is the calling thread's HEAD client; `label` names the
    // bucket in logs and metrics. Ends by `deadline` whatever the bucket does.
    boost::asio::awaitable<BlobCheck> check(const std::string& url, const std::string& label,
                                            HeadClient& client, Clock::time_point deadline,
                                            std::chrono::milliseconds probe_timeout);

    std::size_t cache_entries() const;

    // Drops checks still waiting on a HEAD, destroying their coroutines.
    // For shutdown, while their io_contexts still exist but no longer run.
    void abandon_waiters();

private:
    // A coalesced check's completion and the executor it must run on.
    struct Waiter {
        boost::asio::any_io_executor executor;
        boost::asio::any_completion_handler<void(BlobCheck)> handler;
    };
    struct Found {
        std::optional<std::uint64_t> size;
        Clock::time_point expiry;
    };

    // The caches are split by URL hash so that threads checking different
    // blobs do not queue on one lock; one URL always lands in one shard,
    // which is what coalescing needs.
    struct Shard {
        Shard(std::size_t found_capacity, std::size_t missing_capacity)
            : found(found_capacity)
            , missing(missing_capacity) {}
        std::mutex mutex;
        LruMap<Found> found;
        LruMap<Clock::time_point> missing; // url → expiry; the oldest go first when full
        std::unordered_map<std::string, std::vector<Waiter>> pending;
    };
    static constexpr std::size_t kShards = 16;

    Shard& shard_for(const std::string& url) {
        return *m_shards[std::hash<std::string>{}(url) % kShards];
    }
    std::optional<BlobCheck> cached_locked(Shard& s, const std::string& url);
    void remember_locked(Shard& s, const std::string& url, const BlobCheck& r);
    void finish(Shard& s, const std::string& url, const BlobCheck& r);
    boost::asio::awaitable<void> probe(std::string host, std::string url, HeadClient& client,
                                       std::chrono::milliseconds timeout);

    BlobCheckerLimits m_limits;
    BucketHosts& m_hosts;
    std::vector<std::unique_ptr<Shard>> m_shards;
};

} // namespace ociproxy::server
