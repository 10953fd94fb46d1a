#include "resources/demo_data.h"

#include "core/ranges/range_loader.h"

namespace ociproxy::demo {

std::span<const DemoFile> files() {
    return {detail::kFiles, detail::kFileCount};
}

std::string_view file(std::string_view name) {
    for (const auto& f : files())
        if (f.name == name) return f.text;
    return {};
}

Result<std::vector<RangeSet>> range_sets() {
    std::vector<RangeSet> sets;
    for (const auto name :
         {"aws-ip-ranges.json", "gcp-cloud.json", "azure-service-tags.json", "other-clouds.csv"}) {
        auto set = parse_ranges(file(name), "demo:" + std::string(name));
        if (!set) return set.error();
        sets.push_back(std::move(set).value());
    }
    return sets;
}

} // namespace ociproxy::demo
