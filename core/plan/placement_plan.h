#pragma once

#include "core/plan/alias_table.h"
#include "core/plan/region_traffic.h"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace ociproxy {

// What the planner assumes beyond the traffic; every one is shown with the
// result.
struct PlanAssumptions {
    std::uint64_t store_bytes = 1ull << 40; // the mirrored image store
    std::string store_basis = "assumed: 1 TiB; give the store size or a blob inventory";
    double horizon_months = 12; // replication is amortised over this
    double traffic_days = 30;   // how long the traffic file covers; a month is 30 days

    friend bool operator==(const PlanAssumptions&, const PlanAssumptions&) = default;
};

struct PlanInputs {
    const RegionCatalogue* catalogue = nullptr;
    const BucketMap* buckets = nullptr;
    PriceTable prices;
    std::vector<RegionTraffic> traffic; // AWS clients' blob traffic by region
    // The AWS regions of the loaded ranges, so regions without traffic still
    // get an alias row.
    std::vector<std::string> range_regions;
    PlanAssumptions assumptions;
    std::string traffic_source; // file name, for the explanation
    std::string bytes_basis;    // where the simulated bytes came from
};

// A new bucket in `region`: what it saves per month, net of storage and of
// the one-time copy of the store (amortised), and the traffic at which it
// breaks even.
struct PlacementCandidate {
    std::string region, city;
    std::uint64_t requests = 0;
    double gib_month = 0;
    PlanRoute today;          // where the region's traffic goes now
    PlanRoute after;          // the new bucket (same region)
    PlanRoute replicate_from; // the nearest existing bucket, copied from once
    double egress_saving_month = 0, storage_month = 0, replication_once = 0, replication_month = 0,
           net_month = 0;
    // GiB per month of the region's traffic at which net_month is 0; empty
    // when the new bucket costs no less per GiB than today's route.
    std::optional<double> break_even_gib_month;
};

struct Plan {
    std::vector<AliasRow> aliases;
    std::vector<PlacementCandidate> candidates;                   // best (largest net saving) first
    std::vector<std::string> not_in_catalogue;                    // regions seen, never guessed
    std::vector<std::pair<std::string, std::string>> assumptions; // (what, value and source)
    std::uint64_t requests = 0;
    double gib_month = 0;
    double month_factor = 1; // traffic → per month

    // The candidate the plan's bucket map adds: the best one, when it saves.
    const PlacementCandidate* chosen() const {
        return !candidates.empty() && candidates.front().net_month > 0 ? &candidates.front()
                                                                       : nullptr;
    }
};

// Ranks every catalogue region that hosts no bucket as the place for the next
// one, and lists where each bucketless region could alias to.
Plan make_plan(const PlanInputs& in);

// The bucket map of the plan: `current` with the chosen new bucket (named
// after its region, production's URL pattern; the region leaves any bucket
// it was an alias of) and every recommended alias. Validated as any map is.
Result<BucketMap> plan_bucket_map(const BucketMap& current, const Plan& plan);

} // namespace ociproxy
