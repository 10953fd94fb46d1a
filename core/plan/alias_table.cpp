#include "core/plan/alias_table.h"

#include <algorithm>
#include <tuple>

namespace ociproxy {

std::vector<AliasRow> alias_table(const PlanPricing& pricing, const BucketMap& buckets,
                                  const std::vector<std::string>& regions,
                                  std::vector<std::string>& not_in_catalogue) {
    std::vector<std::string> sorted = regions;
    std::sort(sorted.begin(), sorted.end());
    sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
    std::vector<AliasRow> rows;
    for (const auto& region : sorted) {
        if (buckets.for_region(region)) continue;
        const CatalogueRegion* site = pricing.catalogue().find(region);
        if (!site) {
            not_in_catalogue.push_back(region);
            continue;
        }
        AliasRow row;
        row.region = region;
        row.city = site->city;
        row.today = pricing.today(buckets, region);
        for (const auto& b : buckets.buckets()) {
            PlanRoute r = pricing.via_bucket(b, region);
            if (!r.km) continue; // a bucket whose home the catalogue does not place
            const auto near_key = [](const PlanRoute& x) {
                return std::tuple(*x.km, x.usd_per_gib, x.bucket);
            };
            const auto cheap_key = [](const PlanRoute& x) {
                return std::tuple(x.usd_per_gib, *x.km, x.bucket);
            };
            if (!row.nearest || near_key(r) < near_key(*row.nearest)) row.nearest = r;
            if (!row.cheapest || cheap_key(r) < cheap_key(*row.cheapest)) row.cheapest = r;
        }
        // The nearest when it costs no more than the cheapest (latency is
        // worth something too); either only when it beats today's price.
        if (row.nearest) {
            const PlanRoute& best = row.nearest->usd_per_gib <= row.cheapest->usd_per_gib
                                        ? *row.nearest
                                        : *row.cheapest;
            if (best.usd_per_gib < row.today.usd_per_gib) row.recommended = best;
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

} // namespace ociproxy
