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

enum class BlobCheckResult { CacheHit, Found, NotFound, Error, Timeout, Coalesced };
const char* blob_check_result_name(BlobCheckResult r);

// Fixed-bucket histogram; buckets in seconds.
class Histogram {
public:
    static const std::vector<double>& default_buckets();
    void observe(double seconds);
    void merge_into(Histogram& total) const;
    std::vector<std::uint64_t> counts; // per bucket (cumulative at render time)
    double sum = 0;
    std::uint64_t count = 0;
};

// The DESIGN §6 metrics. Updates go to the calling thread's shard (each I/O
// thread owns one, so its mutex is uncontended); a scrape merges the shards.
class MetricsRegistry {
public:
    explicit MetricsRegistry(unsigned shards);

    // Selects the shard updates from this thread go to (I/O thread index).
    static void bind_thread(unsigned shard);

    void count_request(RequestKind kind, Backend backend, int status, std::chrono::nanoseconds duration);
    void count_blob_redirect(const Decision& d);
    void add_egress(const Decision& d, std::uint64_t bytes, double cost_usd);
    void count_blob_check(BlobCheckResult r);
    void observe_blob_check(std::chrono::nanoseconds duration);

    std::atomic<std::int64_t> in_flight{0};

    // Gauges read at scrape time.
    struct Gauges {
        std::size_t blob_cache_entries = 0;
        std::vector<std::pair<std::string, std::size_t>> range_prefixes; // cloud → prefixes
    };

    // The text exposition (format 0.0.4) of everything, with process metrics.
    std::string render(const Gauges& gauges) const;

private:
    struct Shard {
        std::mutex mutex;
        std::map<std::tuple<RequestKind, Backend, int>, std::uint64_t> requests;
        std::map<std::tuple<std::string, std::string, std::string, std::string>, std::uint64_t> redirects;
        std::map<std::pair<std::string, std::string>, std::pair<std::uint64_t, double>> egress;
        std::array<std::uint64_t, 6> checks{};
        Histogram request_duration, check_duration;
    };
    Shard& shard();

    std::vector<std::unique_ptr<Shard>> m_shards;
    double m_start_time;
};

} // namespace ociproxy::server
