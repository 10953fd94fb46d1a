#include "core/plan/region_traffic.h"

#include <algorithm>
#include <map>

namespace ociproxy {
namespace {

bool is_aws_blob_redirect(const Aggregate& a) {
    return a.cloud == "AWS" && (a.backend == Backend::S3 || a.backend == Backend::Default);
}

} // namespace

std::vector<RegionTraffic> aws_blob_traffic(const SimulationResult& r) {
    std::map<std::string, RegionTraffic> by;
    for (const auto& a : r.rows) {
        if (!is_aws_blob_redirect(a)) continue;
        auto& t = by[a.region];
        t.region = a.region;
        t.requests += a.requests;
        t.bytes += a.bytes;
    }
    std::vector<RegionTraffic> out;
    for (auto& [_, t] : by)
        out.push_back(std::move(t));
    return out;
}

std::vector<TrafficFlow> traffic_flows(const SimulationResult& r, const BucketMap& buckets) {
    std::map<std::pair<std::string, std::string>, TrafficFlow> by;
    for (const auto& a : r.rows) {
        if (!is_aws_blob_redirect(a)) continue;
        std::string to;
        if (a.backend == Backend::S3)
            for (const auto& b : buckets.buckets())
                if (b.name == a.bucket) to = b.home_region();
        auto& f = by[{a.region, to}];
        f.from = a.region;
        f.to = to;
        f.requests += a.requests;
        f.bytes += a.bytes;
    }
    std::vector<TrafficFlow> out;
    for (auto& [_, f] : by)
        out.push_back(std::move(f));
    std::stable_sort(out.begin(), out.end(),
                     [](const auto& x, const auto& y) { return x.bytes > y.bytes; });
    return out;
}

} // namespace ociproxy
