#include "core/plan/plan_route.h"

namespace ociproxy {

std::optional<double> PlanPricing::km(std::string_view a, std::string_view b) const {
    const auto* x = m_catalogue.find(a);
    const auto* y = m_catalogue.find(b);
    if (!x || !y) return std::nullopt;
    return great_circle_km(x->lat, x->lon, y->lat, y->lon);
}

PlanRoute PlanPricing::via_bucket(const Bucket& b, std::string_view client) const {
    PlanRoute r;
    r.bucket = b.name;
    r.home = b.home_region();
    r.km = km(r.home, client);
    if (r.home == client) {
        r.usd_per_gib = m_prices.s3_same_region;
        r.basis = "same region: price table s3_same_region";
        return r;
    }
    const auto* home = m_catalogue.find(r.home);
    if (home && home->transfer_inter_region) {
        r.usd_per_gib = *home->transfer_inter_region;
        r.basis = "transfer out of " + r.home + " to another region: catalogue";
    } else {
        r.usd_per_gib = m_prices.s3_cross_region;
        r.basis = "cross-region: price table s3_cross_region";
    }
    return r;
}

PlanRoute PlanPricing::via_new_bucket(std::string_view region) const {
    return via_bucket(
        Bucket{std::string(region), production_bucket_url(region), {std::string(region)}}, region);
}

PlanRoute PlanPricing::via_default() const {
    PlanRoute r;
    r.bucket = "default";
    r.usd_per_gib = m_prices.cloudfront_internet;
    r.basis = "default base URL: price table cloudfront_internet";
    return r;
}

PlanRoute PlanPricing::today(const BucketMap& map, std::string_view client) const {
    if (const Bucket* b = map.for_region(client)) return via_bucket(*b, client);
    return via_default();
}

} // namespace ociproxy
