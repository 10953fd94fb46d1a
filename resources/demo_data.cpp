#include "resources/demo_data.h"

#include "core/workspace/range_source.h"

namespace ociproxy::demo {

std::span<const DemoFile> files() {
    return {detail::kFiles, detail::kFileCount};
}

std::string_view file(std::string_view name) {
    for (const auto& f : files())
        if (f.name == name) return f.text;
    return {};
}

namespace {

constexpr std::string_view kRangeFiles[] = {"aws-ip-ranges.json", "gcp-cloud.json",
                                            "azure-service-tags.json", "other-clouds.csv"};

} // namespace

Result<std::vector<RangeSet>> range_sets() {
    std::vector<RangeSet> sets;
    for (const auto& source : workspace().range_sources) {
        auto set = load_range_source(source, &file);
        if (!set) return set.error();
        sets.push_back(std::move(set).value());
    }
    return sets;
}

const Workspace& workspace() {
    static const Workspace ws = [] {
        Workspace w;
        for (const auto name : kRangeFiles)
            w.range_sources.push_back(std::string(kBuiltinScheme) + std::string(name));
        return w;
    }();
    return ws;
}

} // namespace ociproxy::demo
