#pragma once

#include "app/common/cli_args.h"
#include "core/decide/blob_presence.h"
#include "core/decide/router.h"

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
};

// Loads ranges (the built-in demo data when no --ranges, said on stderr),
// the bucket map and the settings. Errors name the file or option.
Result<RoutingSetup> load_routing(const Args& args);

// Usage error (exit 2) vs. input error (exit 3) is decided by the caller;
// this only checks option values that are usage errors, e.g. --match.
std::optional<std::string> check_routing_usage(const Args& args);

} // namespace ociproxy::cli
