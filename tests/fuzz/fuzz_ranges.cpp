// Fuzz target: range files, bucket maps and metrics scrapes of any shape. Parsing either
// succeeds or names an error; a successful parse builds a table that answers
// lookups.

#include "core/buckets/bucket_map.h"
#include "core/metrics/prometheus_parser.h"
#include "core/ranges/range_loader.h"
#include "core/table/prefix_table.h"

#include <cstdint>
#include <cstdlib>
#include <string_view>

using namespace ociproxy;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    auto set = parse_ranges(text, "fuzz");
    if (!set) {
        if (set.error().what().empty()) std::abort();
    } else {
        const std::vector<RangeSet> sets = {*set};
        const PrefixTable t = PrefixTable::build(sets);
        for (const auto& e : set->entries) {
            const auto hit = t.lookup(e.prefix.network(), MatchMode::Longest);
            if (hit == kNoEntry || !t.entry(hit).prefix.contains(e.prefix.network())) std::abort();
            (void)t.explain(e.prefix.network());
        }
        (void)t.overlaps();
    }
    auto map = BucketMap::from_json(text, "fuzz");
    if (map) {
        auto again = BucketMap::from_json(map->to_json(), "again");
        if (!again || !(*again == *map)) std::abort();
    }
    // The same bytes as a /metrics scrape: every issue names a real line.
    const Scrape scrape = parse_prometheus_text(text);
    for (const auto& issue : scrape.issues)
        if (issue.line == 0 || issue.message.empty()) std::abort();
    return 0;
}
