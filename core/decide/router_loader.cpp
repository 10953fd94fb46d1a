#include "core/decide/router_loader.h"

#include "core/ranges/range_loader.h"

namespace ociproxy {

Result<LoadedRouting> load_routing(const RoutingSources& sources,
                                   std::span<const RangeSet> fallback_sets) {
    std::vector<RangeSet> sets;
    for (const auto& f : sources.range_files) {
        auto set = load_range_file(f);
        if (!set) return set.error();
        sets.push_back(std::move(set).value());
    }
    BucketMap buckets = BucketMap::production();
    if (!sources.bucket_file.empty()) {
        auto loaded = BucketMap::load_file(sources.bucket_file);
        if (!loaded) return loaded.error();
        buckets = std::move(loaded).value();
    }
    PriceTable prices;
    if (!sources.price_file.empty()) {
        auto loaded = PriceTable::load_file(sources.price_file);
        if (!loaded) return loaded.error();
        prices = *loaded;
    }
    const std::optional<MatchMode> only =
        sources.match_mode_only ? std::optional(sources.settings.match) : std::nullopt;
    // The loaded sets are the table's input only: it takes them, and frees
    // each as it goes (a reload builds next to the running table).
    auto table = sets.empty() ? PrefixTable::build(fallback_sets, only)
                              : PrefixTable::build_consuming(std::move(sets), only);
    auto router = Router::create(std::move(table), std::move(buckets), sources.settings);
    if (!router) return router.error();
    return LoadedRouting{std::move(router).value(), prices};
}

} // namespace ociproxy
