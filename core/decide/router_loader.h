#pragma once

#include "core/cost/price_table.h"
#include "core/decide/router.h"

#include <span>
#include <string>
#include <vector>

namespace ociproxy {

// Where a routing configuration comes from: the same for the CLI at start and
// the server at start and on every SIGHUP.
struct RoutingSources {
    std::vector<std::string> range_files;
    std::string bucket_file; // empty: the production map
    std::string price_file;  // empty: the default prices
    RoutingSettings settings;
    // Compile the table for settings.match only (PrefixTable::build): for
    // the server, which never explains and needs a third of the memory.
    bool match_mode_only = false;
};

struct LoadedRouting {
    Router router;
    PriceTable prices;
};

// Loads and validates everything, or names the first file, entry or setting
// that is wrong. `fallback_sets` are used when no range file is given.
Result<LoadedRouting> load_routing(const RoutingSources& sources,
                                   std::span<const RangeSet> fallback_sets);

} // namespace ociproxy
