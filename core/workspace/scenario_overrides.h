#pragma once

#include "core/table/match_mode.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ociproxy {

// A named what-if: what scenario B changes in the workspace (A). An empty
// field keeps A's. Files are absolute in memory and relative to the
// workspace file on disk, as range files are.
struct ScenarioOverrides {
    std::string name;
    std::string bucket_file;
    std::vector<std::string> range_files;
    std::optional<MatchMode> match;
    std::string default_url;
    std::optional<std::uint64_t> default_blob_bytes;
    std::string price_file;

    bool changes_nothing() const {
        return bucket_file.empty() && range_files.empty() && !match && default_url.empty() &&
               !default_blob_bytes && price_file.empty();
    }
    friend bool operator==(const ScenarioOverrides&, const ScenarioOverrides&) = default;
};

// "buckets plan.json; match first", or "same as A": what B changed, for
// summaries, reports and undo texts.
std::string describe_overrides(const ScenarioOverrides& o);

} // namespace ociproxy
