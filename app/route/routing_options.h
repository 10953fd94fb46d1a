#pragma once

#include "app/common/cli_args.h"
#include "core/cost/price_table.h"
#include "core/decide/blob_presence.h"
#include "core/decide/router.h"
#include "core/workspace/workspace.h"

#include <memory>
#include <vector>

namespace ociproxy::cli {

// The options every subcommand shares: where ranges and buckets come from and
// the DESIGN §3 settings.
const std::vector<OptionSpec>& routing_option_specs();
const char* routing_options_help();

struct RoutingSetup {
    Router router;
    std::unique_ptr<BlobPresence> blobs;
    PriceTable prices;
    Workspace workspace; // what was loaded, overrides applied (for report provenance)
};

// What a command asks of the routing table. A command that only routes
// (simulate, lookup) looks up in the configured match mode alone and never
// explains: its table skips the other mode's maps and the provenance, half
// of the build, which is most of a streaming command's start-up.
enum class TableUse { Full, RoutingOnly };

// Loads the workspace (--workspace, else the built-in demo: said on stderr
// when no --ranges either), then applies the options over it. Errors name the
// file or option.
Result<RoutingSetup> load_routing(const Args& args, TableUse use = TableUse::Full);
// The same with every option name prefixed ("b-" for compare's scenario B:
// --b-ranges, --b-buckets, ...), starting from `base` unless --scenario-b
// names a workspace.
Result<RoutingSetup> load_routing(const Args& args, std::string_view prefix, const Workspace* base,
                                  TableUse use = TableUse::Full);

// Usage error (exit 2) vs. input error (exit 3) is decided by the caller;
// this only checks option values that are usage errors, e.g. --match.
std::optional<std::string> check_routing_usage(const Args& args);

} // namespace ociproxy::cli
