#pragma once

#include "core/buckets/bucket_map.h"
#include "core/cost/price_table.h"
#include "core/decide/blob_presence.h"
#include "core/decide/router.h"
#include "core/result.h"
#include "core/workspace/scenario_overrides.h"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace ociproxy {

// How an offline answer decides "is the blob in that bucket?".
struct BlobPolicy {
    enum class Kind { All, None, UrlList, Inventory };
    Kind kind = Kind::All;
    std::string url_list_file; // UrlList and Inventory: the file; absolute in memory

    friend bool operator==(const BlobPolicy&, const BlobPolicy&) = default;
};

// The policy a command-line value names: "all", "none", "inventory:FILE" (an
// inventory CSV, digest,size,buckets) or FILE (one blob URL per line). The
// CLI's --blobs and anything else that takes the same text read it here.
BlobPolicy blob_policy_from_text(std::string_view value);

// What the bucket planner works from beyond the traffic (the issue's
// "assumptions editable in place"), kept with the workspace.
struct PlannerSettings {
    std::string catalogue;         // region catalogue file; empty: the built-in one
    std::uint64_t store_bytes = 0; // the mirrored store; 0: from the blob inventory, else 1 TiB
    double horizon_months = 12;
    double traffic_days = 30;

    friend bool operator==(const PlannerSettings&, const PlannerSettings&) = default;
};

// Everything a routing answer depends on, as the console edits it and the CLI
// reads it with --workspace. Range sources are absolute paths in memory, or
// "demo:<file>" for the built-in demo data; the file stores paths relative to
// itself so a workspace can be moved with its data.
struct Workspace {
    std::vector<std::string> range_sources;
    BucketMap buckets = BucketMap::production();
    RoutingSettings settings;
    BlobPolicy blobs;
    PriceTable prices;
    // Bytes of a blob GET whose traffic row gives no size and whose blob the
    // policy does not size (a typical layer): the simulator's one silent
    // number, so it lives here, shown and edited with the rest.
    std::uint64_t default_blob_bytes = 32ull << 20;
    // The traffic the what-if views run (Simulation, and Compare by
    // default); empty: none chosen yet.
    std::string traffic_file;
    // Named what-ifs for Compare, in the order the user made them.
    std::vector<ScenarioOverrides> scenarios;
    PlannerSettings planner;

    friend bool operator==(const Workspace&, const Workspace&) = default;
};

// The offline answer to "is the blob there?" that a policy asks for; a URL
// list or an inventory is read from its file (errors name it; an inventory's
// bucket names are resolved against `buckets`).
Result<std::unique_ptr<BlobPresence>> make_blob_presence(const BlobPolicy& policy,
                                                         const BucketMap& buckets);

// `path` names the file in errors and anchors relative paths.
Result<Workspace> parse_workspace(std::string_view text, const std::string& path);
Result<Workspace> load_workspace_file(const std::string& path);
std::string workspace_to_json(const Workspace& ws, const std::string& path);
Status save_workspace_file(const Workspace& ws, const std::string& path);

} // namespace ociproxy
