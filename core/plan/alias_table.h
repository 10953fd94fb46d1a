#pragma once

#include "core/plan/plan_route.h"

#include <optional>
#include <string>
#include <vector>

namespace ociproxy {

// A region without a bucket of its own and where its traffic could go
// instead of the default: the nearest bucket by great circle, the cheapest
// per GiB (ties: nearer, then by name), and which of them — if any — beats
// what it does today.
struct AliasRow {
    std::string region, city;
    PlanRoute today;
    std::optional<PlanRoute> nearest, cheapest;
    std::optional<PlanRoute> recommended; // empty: keep today's route
    double gib_month = 0;                 // its AWS clients' blob traffic, per month
    std::uint64_t requests = 0;
};

// One row per region in `regions` that no bucket serves (neither its own nor
// an alias), sorted by region. Regions missing from the catalogue get no
// row: they are appended to `not_in_catalogue`, never guessed.
std::vector<AliasRow> alias_table(const PlanPricing& pricing, const BucketMap& buckets,
                                  const std::vector<std::string>& regions,
                                  std::vector<std::string>& not_in_catalogue);

} // namespace ociproxy
