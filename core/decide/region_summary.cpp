#include "core/decide/region_summary.h"

#include <algorithm>
#include <map>

namespace ociproxy {

std::vector<RegionSummary> summarize_regions(const Router& router) {
    const PrefixTable& t = router.table();
    std::map<std::pair<std::uint32_t, std::uint32_t>, std::pair<std::size_t, std::size_t>> counts;
    for (const auto& e : t.entries()) {
        auto& c = counts[{e.cloud, e.region}];
        (e.prefix.family() == Family::V4 ? c.first : c.second) += 1;
    }
    std::vector<RegionSummary> out;
    out.reserve(counts.size());
    for (const auto& [key, c] : counts) {
        RegionSummary s{t.cloud_name(key.first), t.region_name(key.second), c.first, c.second};
        if (s.cloud == "AWS") {
            s.bucket = router.buckets().for_region(s.region);
            // GLOBAL marks anycast and edge ranges, not a place a bucket can be.
            s.unmapped_aws = s.bucket == nullptr && s.region != "GLOBAL";
        }
        out.push_back(std::move(s));
    }
    std::sort(out.begin(), out.end(), [](const RegionSummary& a, const RegionSummary& b) {
        return std::tie(a.cloud, a.region) < std::tie(b.cloud, b.region);
    });
    return out;
}

} // namespace ociproxy
