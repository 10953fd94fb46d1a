#include "core/plan/map_sites.h"

#include <algorithm>

namespace ociproxy {

std::vector<MapSite> map_sites(const RegionCatalogue& catalogue, const BucketMap& buckets) {
    std::vector<MapSite> out;
    for (const auto& r : catalogue.regions()) {
        MapSite s{r.region, r.city, r.lat, r.lon, MapSite::Kind::Bucketless};
        if (std::any_of(buckets.buckets().begin(), buckets.buckets().end(),
                        [&](const Bucket& b) { return b.home_region() == r.region; }))
            s.kind = MapSite::Kind::Bucket;
        else if (buckets.for_region(r.region))
            s.kind = MapSite::Kind::Aliased;
        out.push_back(std::move(s));
    }
    return out;
}

} // namespace ociproxy
