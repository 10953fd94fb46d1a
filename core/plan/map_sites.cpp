#include "core/plan/map_sites.h"

#include "core/plan/plan_route.h"

namespace ociproxy {

std::vector<MapSite> map_sites(const RegionCatalogue& catalogue, const BucketMap& buckets) {
    std::vector<MapSite> out;
    for (const auto& r : catalogue.regions()) {
        MapSite s{r.region, r.city, r.lat, r.lon, MapSite::Kind::Bucketless};
        if (hosts_bucket(buckets, r.region))
            s.kind = MapSite::Kind::Bucket;
        else if (buckets.for_region(r.region))
            s.kind = MapSite::Kind::Aliased;
        out.push_back(std::move(s));
    }
    return out;
}

} // namespace ociproxy
