#include "server/metrics_registry.h"

#include "core/metrics/prometheus_text.h"

#include <cstdio>
#include <sys/resource.h>
#include <unistd.h>

namespace ociproxy::server {
namespace {

thread_local unsigned t_shard = 0;

double unix_now() {
    return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
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
    return double(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) + double(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

void render_histogram(std::string& out, std::string_view name, std::string_view help, const Histogram& h) {
    append_metric_header(out, name, help, "histogram");
    const auto& bounds = Histogram::default_buckets();
    const std::string bucket = std::string(name) + "_bucket";
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i < bounds.size(); ++i) {
        cumulative += h.counts[i];
        std::string le;
        append_value(le, bounds[i]);
        char buf[32];
        std::snprintf(buf, sizeof buf, "%g", bounds[i]);
        append_sample(out, bucket, {{"le", buf}}, double(cumulative));
    }
    append_sample(out, bucket, {{"le", "+Inf"}}, double(h.count));
    append_sample(out, std::string(name) + "_sum", {}, h.sum);
    append_sample(out, std::string(name) + "_count", {}, double(h.count));
}

} // namespace

const char* blob_check_result_name(BlobCheckResult r) {
    switch (r) {
    case BlobCheckResult::CacheHit: return "cache_hit";
    case BlobCheckResult::Found: return "found";
    case BlobCheckResult::NotFound: return "not_found";
    case BlobCheckResult::Error: return "error";
    case BlobCheckResult::Timeout: return "timeout";
    case BlobCheckResult::Coalesced: return "coalesced";
    }
    return "?";
}

const std::vector<double>& Histogram::default_buckets() {
    static const std::vector<double> b = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01,
                                          0.025,  0.05,    0.1,    0.25,  0.5,    1,     2.5, 5, 10};
    return b;
}

void Histogram::observe(double seconds) {
    const auto& b = default_buckets();
    if (counts.empty()) counts.assign(b.size(), 0);
    std::size_t i = 0;
    while (i < b.size() && seconds > b[i]) ++i;
    if (i < b.size()) ++counts[i];
    sum += seconds;
    ++count;
}

void Histogram::merge_into(Histogram& total) const {
    if (total.counts.empty()) total.counts.assign(default_buckets().size(), 0);
    for (std::size_t i = 0; i < counts.size(); ++i) total.counts[i] += counts[i];
    total.sum += sum;
    total.count += count;
}

MetricsRegistry::MetricsRegistry(unsigned shards) : m_start_time(unix_now()) {
    for (unsigned i = 0; i < std::max(1u, shards); ++i) m_shards.push_back(std::make_unique<Shard>());
}

void MetricsRegistry::bind_thread(unsigned shard) { t_shard = shard; }

MetricsRegistry::Shard& MetricsRegistry::shard() { return *m_shards[t_shard % m_shards.size()]; }

void MetricsRegistry::count_request(RequestKind kind, Backend backend, int status, std::chrono::nanoseconds d) {
    Shard& s = shard();
    std::lock_guard lock(s.mutex);
    ++s.requests[{kind, backend, status}];
    s.request_duration.observe(std::chrono::duration<double>(d).count());
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
    Shard& s = shard();
    std::lock_guard lock(s.mutex);
    ++s.checks[std::size_t(r)];
}

void MetricsRegistry::observe_blob_check(std::chrono::nanoseconds d) {
    Shard& s = shard();
    std::lock_guard lock(s.mutex);
    s.check_duration.observe(std::chrono::duration<double>(d).count());
}

std::string MetricsRegistry::render(const Gauges& gauges) const {
    std::map<std::tuple<RequestKind, Backend, int>, std::uint64_t> requests;
    std::map<std::tuple<std::string, std::string, std::string, std::string>, std::uint64_t> redirects;
    std::map<std::pair<std::string, std::string>, std::pair<std::uint64_t, double>> egress;
    std::array<std::uint64_t, 6> checks{};
    Histogram request_duration, check_duration;
    for (const auto& sp : m_shards) {
        std::lock_guard lock(sp->mutex);
        for (const auto& [k, v] : sp->requests) requests[k] += v;
        for (const auto& [k, v] : sp->redirects) redirects[k] += v;
        for (const auto& [k, v] : sp->egress) {
            egress[k].first += v.first;
            egress[k].second += v.second;
        }
        for (std::size_t i = 0; i < checks.size(); ++i) checks[i] += sp->checks[i];
        sp->request_duration.merge_into(request_duration);
        sp->check_duration.merge_into(check_duration);
    }

    std::string out;
    out.reserve(8192);
    append_metric_header(out, "ociproxy_requests_total", "Requests answered, by kind, backend and status code.",
                         "counter");
    for (const auto& [k, v] : requests) {
        const std::string code = std::to_string(std::get<2>(k));
        append_sample(out, "ociproxy_requests_total",
                      {{"kind", request_kind_name(std::get<0>(k))}, {"backend", backend_name(std::get<1>(k))}, {"code", code}},
                      double(v));
    }
    append_metric_header(out, "ociproxy_blob_redirects_total", "Blob redirects by backend, bucket and client cloud/region.",
                         "counter");
    for (const auto& [k, v] : redirects) {
        append_sample(out, "ociproxy_blob_redirects_total",
                      {{"backend", std::get<0>(k)}, {"bucket", std::get<1>(k)}, {"cloud", std::get<2>(k)}, {"region", std::get<3>(k)}},
                      double(v));
    }
    append_metric_header(out, "ociproxy_redirected_bytes_total", "Bytes of redirected blobs whose size is known.",
                         "counter");
    for (const auto& [k, v] : egress)
        append_sample(out, "ociproxy_redirected_bytes_total", {{"backend", k.first}, {"bucket", k.second}}, double(v.first));
    append_metric_header(out, "ociproxy_estimated_egress_cost_usd_total",
                         "Estimated egress cost of redirected blobs, from the price table.", "counter");
    for (const auto& [k, v] : egress)
        append_sample(out, "ociproxy_estimated_egress_cost_usd_total", {{"backend", k.first}, {"bucket", k.second}}, v.second);
    append_metric_header(out, "ociproxy_blob_checks_total", "Blob presence checks by result.", "counter");
    for (std::size_t i = 0; i < checks.size(); ++i)
        append_sample(out, "ociproxy_blob_checks_total", {{"result", blob_check_result_name(BlobCheckResult(i))}},
                      double(checks[i]));
    render_histogram(out, "ociproxy_blob_check_duration_seconds", "Duration of HEAD checks on buckets.", check_duration);
    render_histogram(out, "ociproxy_request_duration_seconds", "Time from request header to response.",
                     request_duration);
    append_metric_header(out, "ociproxy_in_flight_requests", "Requests being answered now.", "gauge");
    append_sample(out, "ociproxy_in_flight_requests", {}, double(in_flight.load()));
    append_metric_header(out, "ociproxy_blob_cache_entries", "Found blobs held in the positive cache.", "gauge");
    append_sample(out, "ociproxy_blob_cache_entries", {}, double(gauges.blob_cache_entries));
    append_metric_header(out, "ociproxy_range_prefixes", "Unique range prefixes loaded, by cloud.", "gauge");
    for (const auto& [cloud, n] : gauges.range_prefixes)
        append_sample(out, "ociproxy_range_prefixes", {{"cloud", cloud}}, double(n));
    append_metric_header(out, "process_resident_memory_bytes", "Resident memory size in bytes.", "gauge");
    append_sample(out, "process_resident_memory_bytes", {}, resident_bytes());
    append_metric_header(out, "process_cpu_seconds_total", "User and system CPU time spent in seconds.", "counter");
    append_sample(out, "process_cpu_seconds_total", {}, cpu_seconds());
    append_metric_header(out, "process_start_time_seconds", "Start time of the process since the Unix epoch.", "gauge");
    append_sample(out, "process_start_time_seconds", {}, m_start_time);
    return out;
}

} // namespace ociproxy::server
