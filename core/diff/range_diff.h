#pragma once

#include "core/buckets/bucket_map.h"
#include "core/ranges/range_set.h"

#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace ociproxy {

// What changed between two publications of range files: the question after
// every ip-ranges.json update. Prefixes are compared per cloud; a prefix
// whose region changed is "moved", not removed and added.
struct RangeDiff {
    struct Moved {
        std::string cloud;
        IpPrefix prefix;
        std::string from, to; // regions
    };
    struct CloudCounts {
        std::size_t added = 0, removed = 0, moved = 0, unchanged = 0;
    };
    std::vector<RangeEntry> added, removed; // unique (cloud, prefix, region)
    std::vector<Moved> moved;
    std::map<std::string, CloudCounts> by_cloud;
    std::vector<std::string> new_regions, vanished_regions; // "cloud region"
    // AWS regions in the new ranges that the bucket map does not serve.
    std::vector<std::string> unmapped_aws_regions;
};

RangeDiff diff_ranges(const std::vector<RangeSet>& before, const std::vector<RangeSet>& after,
                      const BucketMap& buckets);

// A readable summary, and Markdown for an issue.
std::string range_diff_summary(const RangeDiff& d, std::size_t list = 20);
std::string range_diff_markdown(const RangeDiff& d, std::size_t list = 50);

// Every changed prefix as CSV ("change,cloud,prefix,from,to") or the whole
// diff as JSON, for scripts.
std::string range_diff_csv(const RangeDiff& d);
std::string range_diff_json(const RangeDiff& d);
// Self-contained HTML, and PDF (the summary and every moved prefix).
std::string range_diff_html(const RangeDiff& d);
std::string range_diff_pdf(const RangeDiff& d);

} // namespace ociproxy
