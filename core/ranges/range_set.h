#pragma once

#include "core/net/ip_prefix.h"

#include <cstddef>
#include <string>
#include <vector>

namespace ociproxy {

enum class RangeFormat { Aws, Gcp, Azure, Csv };

const char* range_format_name(RangeFormat f);

// One published prefix. `service` is the publisher's label (AWS "EC2",
// Google "Google Cloud", Azure "AzureCloud", or a CSV's fourth column).
struct RangeEntry {
    IpPrefix prefix;
    std::string cloud;  // "AWS", "GCP", "Azure" or a CSV's own name
    std::string region; // AWS region, GCP scope, Azure region
    std::string service;
};

// What one range file contributed, with enough provenance to answer "where
// does this prefix come from" in explain output and reports.
struct RangeSet {
    std::string source; // file path or built-in name
    RangeFormat format = RangeFormat::Csv;
    std::string published;  // createDate / creationTime / changeNumber, as published
    std::string sync_token; // AWS and Google syncToken, when present
    std::vector<RangeEntry> entries;

    std::size_t count(Family f) const;
};

} // namespace ociproxy
