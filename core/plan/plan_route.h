#pragma once

#include "core/buckets/bucket_map.h"
#include "core/cost/price_table.h"
#include "core/plan/region_catalogue.h"

#include <optional>
#include <string>
#include <string_view>

namespace ociproxy {

// Whether a bucket lives in `region` (is its home), as opposed to serving it
// as an alias from elsewhere: the planner's "has a bucket".
inline bool hosts_bucket(const BucketMap& map, std::string_view region) {
    for (const auto& b : map.buckets())
        if (b.home_region() == region) return true;
    return false;
}

// Where one region's blob traffic goes and what a GiB of it costs there.
struct PlanRoute {
    std::string bucket;       // the bucket's name, or "default"
    std::string home;         // the bucket's home region; empty for the default
    std::optional<double> km; // great circle, when both regions are in the catalogue
    double usd_per_gib = 0;
    std::string basis; // which price, from where

    bool is_default() const { return home.empty(); }
};

// The prices and distances of routes, from one catalogue and price table.
// A bucket serving its own region costs the price table's s3_same_region; in
// another region, the catalogue's transfer price out of the bucket's home,
// else the price table's s3_cross_region; the default costs
// cloudfront_internet — the rules the simulator prices by, made regional.
class PlanPricing {
public:
    PlanPricing(const RegionCatalogue& catalogue, const PriceTable& prices)
        : m_catalogue(catalogue)
        , m_prices(prices) {}

    PlanRoute via_bucket(const Bucket& b, std::string_view client) const;
    PlanRoute via_new_bucket(std::string_view region) const;
    PlanRoute via_default() const;
    // What `client`'s traffic does under `map` today.
    PlanRoute today(const BucketMap& map, std::string_view client) const;

    const RegionCatalogue& catalogue() const { return m_catalogue; }
    const PriceTable& prices() const { return m_prices; }

private:
    std::optional<double> km(std::string_view a, std::string_view b) const;

    const RegionCatalogue& m_catalogue;
    PriceTable m_prices;
};

} // namespace ociproxy
