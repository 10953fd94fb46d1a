#pragma once

#include "core/decide/decision.h"

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <tuple>
#include <vector>

namespace ociproxy::server {

// `Skipped`: the bucket host was down (BucketHosts), no HEAD was sent.
enum class BlobCheckResult { CacheHit, Found, NotFound, Error, Timeout, Coalesced, Skipped };
inline constexpr std::size_t kBlobCheckResults = 7;
const char* blob_check_result_name(BlobCheckResult r);

// Fixed-bucket histogram in seconds. Written by one thread, read by the
// scraper: relaxed atomics, no lock.
class Histogram {
public:
    static constexpr std::size_t kBuckets = 16;
    static const std::array<double, kBuckets>& bounds();
    void observe(double seconds);

    struct Totals {
        std::array<std::uint64_t, kBuckets> counts{}; // per bucket, not cumulative
        double sum = 0;
        std::uint64_t count = 0;
    };
    void add_to(Totals& t) const;

private:
    std::array<std::atomic<std::uint64_t>, kBuckets> m_counts{};
    std::atomic<double> m_sum{0};
    std::atomic<std::uint64_t> m_count{0};
};

// The DESIGN §6 metrics. Updates go to the calling thread's shard (each I/O
// thread owns one, so its mutex is uncontended); a scrape merges the shards.
class MetricsRegistry {
public:
    explicit MetricsRegistry(unsigned shards);

    // Selects the shard updates from this thread go to (I/O thread index).
    static void bind_thread(unsigned shard);

    void count_request(RequestKind kind, Backend backend, int status,
                       std::chrono::nanoseconds duration);
    void count_blob_redirect(const Decision& d);
    void add_egress(const Decision& d, std::uint64_t bytes, double cost_usd);
    void count_blob_check(BlobCheckResult r);
    void observe_blob_check(std::chrono::nanoseconds duration);
    // A connection closed without serving it (reason: "max_connections").
    void count_refused_connection();

    std::atomic<std::int64_t> in_flight{0};

    // Gauges read at scrape time.
    struct Gauges {
        std::size_t blob_cache_entries = 0;
        std::vector<std::pair<std::string, std::size_t>> range_prefixes; // cloud → prefixes
        std::vector<std::pair<std::string, bool>> buckets_up;            // bucket → up
        // range file name → its publication time, for files that carry one
        std::vector<std::pair<std::string, std::int64_t>> range_published;
    };

    // Every request answered so far (the sum of ociproxy_requests_total):
    // logged at exit, because the last answers of a stopping replica may
    // come after Prometheus's last scrape of it.
    std::uint64_t requests_answered() const;

    // The text exposition (format 0.0.4) of everything, with process metrics.
    std::string render(const Gauges& gauges) const;

private:
    // Status codes the server answers, for the fixed request counters.
    static constexpr std::array<int, 8> kCodes = {200, 307, 400, 404, 405, 413, 431, 503};
    static constexpr std::size_t kKinds = 10, kBackends = 5;

    struct Shard {
        // The per-request counters: relaxed atomics, written by the owner.
        std::array<std::atomic<std::uint64_t>, kKinds * kBackends * kCodes.size()> requests{};
        std::array<std::atomic<std::uint64_t>, kBlobCheckResults> checks{};
        Histogram request_duration, check_duration;
        // Blob redirects carry free-form labels (buckets, regions): a map.
        std::mutex mutex;
        std::map<std::tuple<std::string, std::string, std::string, std::string>, std::uint64_t>
            redirects;
        std::map<std::pair<std::string, std::string>, std::pair<std::uint64_t, double>> egress;
    };
    Shard& shard();

    std::vector<std::unique_ptr<Shard>> m_shards;
    std::atomic<std::uint64_t> m_refused_max_connections{0};
    double m_start_time;
};

} // namespace ociproxy::server
