#include "core/plan/placement_plan.h"

#include "core/report/report_text.h"

#include <algorithm>
#include <map>

namespace ociproxy {
namespace {

constexpr double kGiB = 1024.0 * 1024.0 * 1024.0;
constexpr double kDaysPerMonth = 30;

std::string price_text(double usd) {
    return format_text("$%.4g/GiB", usd);
}

std::vector<std::pair<std::string, std::string>> explain(const PlanInputs& in, const Plan& p) {
    const auto& a = in.assumptions;
    const auto& prices = in.prices;
    std::vector<std::pair<std::string, std::string>> out;
    out.emplace_back(
        "traffic", format_text("%s: %llu blob requests from AWS clients, %s",
                               in.traffic_source.empty() ? "(unnamed)" : in.traffic_source.c_str(),
                               static_cast<unsigned long long>(p.requests),
                               human_bytes(p.gib_month / p.month_factor * kGiB).c_str()));
    if (!in.bytes_basis.empty()) out.emplace_back("bytes", in.bytes_basis);
    out.emplace_back("period", format_text("the traffic covers %g days; x%.4g for a 30-day month",
                                           a.traffic_days, p.month_factor));
    out.emplace_back("store", human_bytes(double(a.store_bytes)) + " (" + a.store_basis + ")");
    out.emplace_back("horizon",
                     format_text("the copy of the store into a new bucket is paid once and "
                                 "amortised over %g months",
                                 a.horizon_months));
    out.emplace_back("catalogue", in.catalogue->source() +
                                      (in.catalogue->as_of().empty()
                                           ? std::string()
                                           : ", prices as of " + in.catalogue->as_of()) +
                                      ": region coordinates, storage and transfer prices");
    out.emplace_back("prices",
                     "same region " + price_text(prices.s3_same_region) + ", cross-region " +
                         price_text(prices.s3_cross_region) +
                         " where the catalogue has no transfer price, default (CloudFront) " +
                         price_text(prices.cloudfront_internet) + " (price table)");
    out.emplace_back("new bucket", "serves its own region's clients only, and is filled by one "
                                   "copy from the nearest existing bucket");
    out.emplace_back("distance", "great circle between the regions' cities");
    return out;
}

} // namespace

Plan make_plan(const PlanInputs& in) {
    Plan plan;
    const PlanPricing pricing(*in.catalogue, in.prices);
    const BucketMap& map = *in.buckets;
    const PlanAssumptions& a = in.assumptions;
    plan.month_factor = a.traffic_days > 0 ? kDaysPerMonth / a.traffic_days : 1;

    std::map<std::string, const RegionTraffic*> traffic;
    std::vector<std::string> regions = in.range_regions;
    for (const auto& t : in.traffic) {
        traffic[t.region] = &t;
        regions.push_back(t.region);
        plan.requests += t.requests;
        plan.gib_month += double(t.bytes) / kGiB * plan.month_factor;
    }
    plan.aliases = alias_table(pricing, map, regions, plan.not_in_catalogue);
    for (auto& row : plan.aliases)
        if (const auto it = traffic.find(row.region); it != traffic.end()) {
            row.requests = it->second->requests;
            row.gib_month = double(it->second->bytes) / kGiB * plan.month_factor;
        }
    // Traffic from AWS regions that have a bucket but are not in the
    // catalogue is reported too: nothing about them can be priced.
    for (const auto& [region, _] : traffic)
        if (map.for_region(region) && !in.catalogue->find(region))
            plan.not_in_catalogue.push_back(region);
    // A bucket the catalogue cannot place is no alias target or copy source.
    for (const auto& b : map.buckets())
        if (!in.catalogue->find(b.home_region())) plan.not_in_catalogue.push_back(b.home_region());
    std::sort(plan.not_in_catalogue.begin(), plan.not_in_catalogue.end());
    plan.not_in_catalogue.erase(
        std::unique(plan.not_in_catalogue.begin(), plan.not_in_catalogue.end()),
        plan.not_in_catalogue.end());

    const double store_gib = double(a.store_bytes) / kGiB;
    const double horizon = a.horizon_months > 0 ? a.horizon_months : 1;
    for (const auto& site : in.catalogue->regions()) {
        if (hosts_bucket(map, site.region)) continue;
        PlacementCandidate c;
        c.region = site.region;
        c.city = site.city;
        if (const auto it = traffic.find(site.region); it != traffic.end()) {
            c.requests = it->second->requests;
            c.gib_month = double(it->second->bytes) / kGiB * plan.month_factor;
        }
        c.today = pricing.today(map, site.region);
        c.after = pricing.via_new_bucket(site.region);
        std::optional<PlanRoute> source;
        for (const auto& b : map.buckets()) {
            PlanRoute r = pricing.via_bucket(b, site.region);
            if (r.km &&
                (!source || std::tuple(*r.km, r.bucket) < std::tuple(*source->km, source->bucket)))
                source = r;
        }
        // With no bucket the catalogue can place, the copy is priced at the
        // price table's cross-region rate.
        c.replicate_from = source ? *source
                                  : PlanRoute{"", "", std::nullopt, in.prices.s3_cross_region,
                                              "cross-region: price table s3_cross_region"};
        const double per_gib_saved = c.today.usd_per_gib - c.after.usd_per_gib;
        c.egress_saving_month = c.gib_month * per_gib_saved;
        c.storage_month = store_gib * site.storage_gib_month;
        c.replication_once = store_gib * c.replicate_from.usd_per_gib;
        c.replication_month = c.replication_once / horizon;
        c.net_month = c.egress_saving_month - c.storage_month - c.replication_month;
        if (per_gib_saved > 0)
            c.break_even_gib_month = (c.storage_month + c.replication_month) / per_gib_saved;
        plan.candidates.push_back(std::move(c));
    }
    std::stable_sort(
        plan.candidates.begin(), plan.candidates.end(), [](const auto& x, const auto& y) {
            return x.net_month != y.net_month ? x.net_month > y.net_month : x.region < y.region;
        });
    plan.assumptions = explain(in, plan);
    return plan;
}

Result<BucketMap> plan_bucket_map(const BucketMap& current, const Plan& plan) {
    std::vector<Bucket> buckets = current.buckets();
    const PlacementCandidate* chosen = plan.chosen();
    if (chosen) {
        for (auto& b : buckets)
            std::erase(b.regions, chosen->region);
        buckets.push_back(
            Bucket{chosen->region, production_bucket_url(chosen->region), {chosen->region}});
    }
    for (const auto& row : plan.aliases) {
        if (!row.recommended || (chosen && row.region == chosen->region)) continue;
        for (auto& b : buckets)
            if (b.name == row.recommended->bucket) b.regions.push_back(row.region);
    }
    return BucketMap::create(current.default_url(), std::move(buckets), "plan");
}

} // namespace ociproxy
