#include "core/workspace/apply_scenario.h"

#include <filesystem>

namespace ociproxy {

std::string describe_overrides(const ScenarioOverrides& o) {
    std::string out;
    const auto add = [&out](const std::string& part) {
        if (!out.empty()) out += "; ";
        out += part;
    };
    const auto name = [](const std::string& path) {
        return std::filesystem::path(path).filename().string();
    };
    if (!o.bucket_file.empty()) add("buckets " + name(o.bucket_file));
    for (const auto& r : o.range_files)
        add("ranges " + name(r));
    if (o.match) add("match " + std::string(match_mode_name(*o.match)));
    if (!o.default_url.empty()) add("default " + o.default_url);
    if (o.default_blob_bytes) add(std::to_string(*o.default_blob_bytes) + " bytes per unsized GET");
    if (!o.price_file.empty()) add("prices " + name(o.price_file));
    return out.empty() ? "same as A" : out;
}

Result<Workspace> apply_scenario(const Workspace& a, const ScenarioOverrides& b) {
    Workspace ws = a;
    if (!b.bucket_file.empty()) {
        auto map = BucketMap::load_file(b.bucket_file);
        if (!map) return map.error();
        ws.buckets = std::move(map).value();
    }
    if (!b.range_files.empty()) ws.range_sources = b.range_files;
    if (b.match) ws.settings.match = *b.match;
    if (!b.default_url.empty()) ws.settings.default_aws_base = b.default_url;
    if (b.default_blob_bytes) ws.default_blob_bytes = *b.default_blob_bytes;
    if (!b.price_file.empty()) {
        auto prices = PriceTable::load_file(b.price_file);
        if (!prices) return prices.error();
        ws.prices = *prices;
    }
    // The same check a workspace file gets: B must be able to route.
    auto probe = Router::create(PrefixTable{}, ws.buckets, ws.settings);
    if (!probe) return probe.error();
    return ws;
}

} // namespace ociproxy
