#pragma once

#include "core/buckets/bucket_map.h"
#include "core/simulate/simulation.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ociproxy {

// Blob redirects of AWS clients in one region: the traffic a bucket placement
// can change (other clouds' clients and non-blob requests never reach a
// bucket, DESIGN §3).
struct RegionTraffic {
    std::string region;
    std::uint64_t requests = 0, bytes = 0;
};

// Per AWS client region, sorted by region.
std::vector<RegionTraffic> aws_blob_traffic(const SimulationResult& r);

// Bytes that went from clients in one region to one bucket's home region
// (empty `to`: the default base URL, which has no place on a map).
struct TrafficFlow {
    std::string from, to;
    std::uint64_t requests = 0, bytes = 0;
};

// Where the simulated blob traffic of AWS clients went, by client region and
// bucket home region; the buckets are looked up by name in `buckets` (the
// map the simulation ran with). Most bytes first.
std::vector<TrafficFlow> traffic_flows(const SimulationResult& r, const BucketMap& buckets);

} // namespace ociproxy
