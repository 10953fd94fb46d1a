#include "server/metrics_registry.h"

#include "core/metrics/prometheus_text.h"

#include <cstdio>
#include <sys/resource.h>
#include <unistd.h>

namespace ociproxy::server {
namespace {

thread_local unsigned t_shard = 0;

double unix_now() {
    return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

double resident_bytes() {
    long pages = 0, resident = 0;
    if (std::FILE* f = std::fopen("/proc/self/statm", "r")) {
        if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = 0;
        std::fclose(f);
    }
    return double(resident) * double(::sysconf(_SC_PAGESIZE));
}

double cpu_seconds() {
    rusage ru{};
    ::getrusage(RUSAGE_SELF, &ru);
    return double(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
           double(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

void render_histogram(std::string& out, std::string_view name, std::string_view help,
                      const Histogram::Totals& h) {
    append_metric_header(out, name, help, "histogram");
    const auto& bounds = Histogram::bounds();
    const std::string bucket = std::string(name) + "_bucket";
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i < bounds.size(); ++i) {
        cumulative += h.counts[i];
        char le[32];
        std::snprintf(le, sizeof le, "%g", bounds[i]);
        append_sample(out, bucket, {{"le", le}}, double(cumulative));
    }
    append_sample(out, bucket, {{"le", "+Inf"}}, double(h.count));
    append_sample(out, std::string(name) + "_sum", {}, h.sum);
    append_sample(out, std::string(name) + "_count", {}, double(h.count));
}

std::size_t code_index(int status, const std::array<int, 8>& codes) {
    for (std::size_t i = 0; i < codes.size(); ++i)
        if (codes[i] == status) return i;
    return codes.size() - 1;
}

} // namespace

const char* blob_check_result_name(BlobCheckResult r) {
    switch (r) {
    case BlobCheckResult::CacheHit:
        return "cache_hit";
    case BlobCheckResult::Found:
        return "found";
    case BlobCheckResult::NotFound:
        return "not_found";
    case BlobCheckResult::Error:
        return "error";
    case BlobCheckResult::Timeout:
        return "timeout";
    case BlobCheckResult::Coalesced:
        return "coalesced";
    case BlobCheckResult::Skipped:
        return "skipped";
    }
    return "?";
}

const std::array<double, Histogram::kBuckets>& Histogram::bounds() {
    static const std::array<double, kBuckets> b = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005,
                                                   0.01,   0.025,   0.05,   0.1,   0.25,   0.5,
                                                   1,      2.5,     5,      10};
    return b;
}

void Histogram::observe(double seconds) {
    const auto& b = bounds();
    std::size_t i = 0;
    while (i < b.size() && seconds > b[i])
        ++i;
    if (i < b.size()) m_counts[i].fetch_add(1, std::memory_order_relaxed);
    m_sum.fetch_add(seconds, std::memory_order_relaxed);
    m_count.fetch_add(1, std::memory_order_relaxed);
}

void Histogram::add_to(Totals& t) const {
    for (std::size_t i = 0; i < kBuckets; ++i)
        t.counts[i] += m_counts[i].load(std::memory_order_relaxed);
    t.sum += m_sum.load(std::memory_order_relaxed);
    t.count += m_count.load(std::memory_order_relaxed);
}

MetricsRegistry::MetricsRegistry(unsigned shards)
    : m_start_time(unix_now()) {
    for (unsigned i = 0; i < std::max(1u, shards); ++i)
        m_shards.push_back(std::make_unique<Shard>());
}

void MetricsRegistry::bind_thread(unsigned shard) {
    t_shard = shard;
}

MetricsRegistry::Shard& MetricsRegistry::shard() {
    return *m_shards[t_shard % m_shards.size()];
}

void MetricsRegistry::count_request(RequestKind kind, Backend backend, int status,
                                    std::chrono::nanoseconds d) {
    Shard& s = shard();
    const std::size_t i = (std::size_t(kind) * kBackends + std::size_t(backend)) * kCodes.size() +
                          code_index(status, kCodes);
    s.requests[i].fetch_add(1, std::memory_order_relaxed);
    s.request_duration.observe(std::chrono::duration<double>(d).count());
}

std::uint64_t MetricsRegistry::requests_answered() const {
    std::uint64_t total = 0;
    for (const auto& shard : m_shards)
        for (const auto& n : shard->requests)
            total += n.load(std::memory_order_relaxed);
    return total;
}

void MetricsRegistry::count_blob_redirect(const Decision& d) {
    Shard& s = shard();
    std::lock_guard lock(s.mutex);
    const std::string bucket = d.backend == Backend::Upstream ? std::string() : d.bucket_name;
    ++s.redirects[{std::string(backend_name(d.backend)), bucket, d.cloud, d.region}];
}

void MetricsRegistry::add_egress(const Decision& d, std::uint64_t bytes, double cost_usd) {
    Shard& s = shard();
    std::lock_guard lock(s.mutex);
    const std::string bucket = d.backend == Backend::Upstream ? std::string() : d.bucket_name;
    auto& e = s.egress[{std::string(backend_name(d.backend)), bucket}];
    e.first += bytes;
    e.second += cost_usd;
}

void MetricsRegistry::count_blob_check(BlobCheckResult r) {
    shard().checks[std::size_t(r)].fetch_add(1, std::memory_order_relaxed);
}

void MetricsRegistry::observe_blob_check(std::chrono::nanoseconds d) {
    shard().check_duration.observe(std::chrono::duration<double>(d).count());
}

void MetricsRegistry::count_refused_connection() {
    m_refused_max_connections.fetch_add(1, std::memory_order_relaxed);
}

std::string MetricsRegistry::render(const Gauges& gauges) const {
    std::vector<std::uint64_t> requests(kKinds * kBackends * kCodes.size());
    std::map<std::tuple<std::string, std::string, std::string, std::string>, std::uint64_t>
        redirects;
    std::map<std::pair<std::string, std::string>, std::pair<std::uint64_t, double>> egress;
    std::array<std::uint64_t, kBlobCheckResults> checks{};
    Histogram::Totals request_duration, check_duration;
    for (const auto& sp : m_shards) {
        for (std::size_t i = 0; i < requests.size(); ++i)
            requests[i] += sp->requests[i].load(std::memory_order_relaxed);
        for (std::size_t i = 0; i < checks.size(); ++i)
            checks[i] += sp->checks[i].load(std::memory_order_relaxed);
        sp->request_duration.add_to(request_duration);
        sp->check_duration.add_to(check_duration);
        std::lock_guard lock(sp->mutex);
        for (const auto& [k, v] : sp->redirects)
            redirects[k] += v;
        for (const auto& [k, v] : sp->egress) {
            egress[k].first += v.first;
            egress[k].second += v.second;
        }
    }

    std::string out;
    out.reserve(8192);
    append_metric_header(out, "ociproxy_requests_total",
                         "Requests answered, by kind, backend and status code.", "counter");
    for (std::size_t i = 0; i < requests.size(); ++i) {
        if (requests[i] == 0) continue;
        const auto code = std::to_string(kCodes[i % kCodes.size()]);
        const auto backend = Backend((i / kCodes.size()) % kBackends);
        const auto kind = RequestKind(i / (kCodes.size() * kBackends));
        append_sample(
            out, "ociproxy_requests_total",
            {{"kind", request_kind_name(kind)}, {"backend", backend_name(backend)}, {"code", code}},
            double(requests[i]));
    }
    append_metric_header(out, "ociproxy_blob_redirects_total",
                         "Blob redirects by backend, bucket and client cloud/region.", "counter");
    for (const auto& [k, v] : redirects) {
        append_sample(out, "ociproxy_blob_redirects_total",
                      {{"backend", std::get<0>(k)},
                       {"bucket", std::get<1>(k)},
                       {"cloud", std::get<2>(k)},
                       {"region", std::get<3>(k)}},
                      double(v));
    }
    append_metric_header(out, "ociproxy_redirected_bytes_total",
                         "Bytes of redirected blobs whose size is known.", "counter");
    for (const auto& [k, v] : egress)
        append_sample(out, "ociproxy_redirected_bytes_total",
                      {{"backend", k.first}, {"bucket", k.second}}, double(v.first));
    append_metric_header(out, "ociproxy_estimated_egress_cost_usd_total",
                         "Estimated egress cost of redirected blobs, from the price table.",
                         "counter");
    for (const auto& [k, v] : egress)
        append_sample(out, "ociproxy_estimated_egress_cost_usd_total",
                      {{"backend", k.first}, {"bucket", k.second}}, v.second);
    append_metric_header(out, "ociproxy_blob_checks_total", "Blob presence checks by result.",
                         "counter");
    for (std::size_t i = 0; i < checks.size(); ++i)
        append_sample(out, "ociproxy_blob_checks_total",
                      {{"result", blob_check_result_name(BlobCheckResult(i))}}, double(checks[i]));
    render_histogram(out, "ociproxy_blob_check_duration_seconds",
                     "Duration of HEAD checks on buckets.", check_duration);
    render_histogram(out, "ociproxy_request_duration_seconds",
                     "Time from request header to response.", request_duration);
    append_metric_header(out, "ociproxy_refused_connections_total",
                         "Connections answered 503 and closed without being served, by reason.",
                         "counter");
    append_sample(out, "ociproxy_refused_connections_total", {{"reason", "max_connections"}},
                  double(m_refused_max_connections.load(std::memory_order_relaxed)));
    append_metric_header(out, "ociproxy_bucket_up",
                         "1 while a bucket answers its checks, 0 while it is skipped for failing.",
                         "gauge");
    for (const auto& [bucket, up] : gauges.buckets_up)
        append_sample(out, "ociproxy_bucket_up", {{"bucket", bucket}}, up ? 1.0 : 0.0);
    append_metric_header(out, "ociproxy_in_flight_requests", "Requests being answered now.",
                         "gauge");
    append_sample(out, "ociproxy_in_flight_requests", {}, double(in_flight.load()));
    append_metric_header(out, "ociproxy_blob_cache_entries",
                         "Found blobs held in the positive cache.", "gauge");
    append_sample(out, "ociproxy_blob_cache_entries", {}, double(gauges.blob_cache_entries));
    append_metric_header(out, "ociproxy_range_prefixes", "Unique range prefixes loaded, by cloud.",
                         "gauge");
    for (const auto& [cloud, n] : gauges.range_prefixes)
        append_sample(out, "ociproxy_range_prefixes", {{"cloud", cloud}}, double(n));
    append_metric_header(out, "ociproxy_range_published_timestamp_seconds",
                         "When each loaded range file was published (its createDate or "
                         "creationTime), Unix seconds.",
                         "gauge");
    for (const auto& [file, t] : gauges.range_published)
        append_sample(out, "ociproxy_range_published_timestamp_seconds", {{"file", file}},
                      double(t));
    append_metric_header(out, "process_resident_memory_bytes", "Resident memory size in bytes.",
                         "gauge");
    append_sample(out, "process_resident_memory_bytes", {}, resident_bytes());
    append_metric_header(out, "process_cpu_seconds_total",
                         "User and system CPU time spent in seconds.", "counter");
    append_sample(out, "process_cpu_seconds_total", {}, cpu_seconds());
    append_metric_header(out, "process_start_time_seconds",
                         "Start time of the process since the Unix epoch.", "gauge");
    append_sample(out, "process_start_time_seconds", {}, m_start_time);
    return out;
}

} // namespace ociproxy::server
