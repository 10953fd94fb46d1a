#pragma once

#include "core/buckets/bucket_map.h"
#include "core/plan/region_catalogue.h"

#include <string>
#include <vector>

namespace ociproxy {

// One catalogue region on the map and how the bucket map treats it.
struct MapSite {
    enum class Kind { Bucket, Aliased, Bucketless };
    std::string region, city;
    double lat = 0, lon = 0;
    Kind kind = Kind::Bucketless;
};

// Every catalogue region: home of a bucket, served by a bucket elsewhere, or
// left to the default.
std::vector<MapSite> map_sites(const RegionCatalogue& catalogue, const BucketMap& buckets);

} // namespace ociproxy
