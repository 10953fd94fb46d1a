#include "core/plan/plan_inputs.h"

#include "core/decide/region_summary.h"
#include "core/report/report_text.h"

namespace ociproxy {

PlanAssumptions plan_assumptions(const PlannerSettings& s, const BlobPresence* presence) {
    PlanAssumptions a;
    a.horizon_months = s.horizon_months;
    a.traffic_days = s.traffic_days;
    if (s.store_bytes > 0) {
        a.store_bytes = s.store_bytes;
        a.store_basis = "given";
    } else if (const auto* inv = dynamic_cast<const BlobInventory*>(presence);
               inv && inv->total_bytes() > 0) {
        a.store_bytes = inv->total_bytes();
        a.store_basis = format_text("the blob inventory: %zu blobs", inv->size());
    }
    return a;
}

PlanInputs plan_inputs(const SimulationResult& sim, const Router& router, const PriceTable& prices,
                       const RegionCatalogue& catalogue, PlanAssumptions assumptions,
                       std::uint64_t default_blob_bytes) {
    PlanInputs in;
    in.catalogue = &catalogue;
    in.buckets = &router.buckets();
    in.prices = prices;
    in.traffic = aws_blob_traffic(sim);
    for (const auto& r : summarize_regions(router))
        if (r.cloud == "AWS") in.range_regions.push_back(r.region);
    in.assumptions = std::move(assumptions);
    in.traffic_source = sim.source;
    in.bytes_basis = "each blob GET moves the size its traffic row gives, else the inventory's, "
                     "else " +
                     human_bytes(double(default_blob_bytes)) + "; a HEAD moves none";
    return in;
}

} // namespace ociproxy
