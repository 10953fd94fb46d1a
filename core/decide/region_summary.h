#pragma once

#include "core/decide/router.h"

#include <cstddef>
#include <string>
#include <vector>

namespace ociproxy {

// One (cloud, region) of the loaded ranges and where its blob requests go.
struct RegionSummary {
    std::string cloud;
    std::string region;
    std::size_t ipv4 = 0;
    std::size_t ipv6 = 0;
    const Bucket* bucket = nullptr; // AWS regions with a bucket; points into the router
    // An AWS region whose clients fall to the default base URL: the list the
    // operators check after every ip-ranges.json update.
    bool unmapped_aws = false;
};

// Every (cloud, region) in the router's table, sorted by cloud then region.
std::vector<RegionSummary> summarize_regions(const Router& router);

} // namespace ociproxy
