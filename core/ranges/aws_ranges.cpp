#include "core/ranges/range_readers.h"

namespace ociproxy::detail {
namespace {

Status read_array(const boost::json::object& root, std::string_view array_key,
                  std::string_view prefix_key, const JsonPath& json, RangeSet& out) {
    const auto* arr = root.if_contains(array_key);
    if (!arr) return {}; // AWS files before 2016 have no ipv6_prefixes
    if (!arr->is_array()) return json.error(std::string(array_key), "expected an array");
    const auto& items = arr->get_array();
    out.entries.reserve(out.entries.size() + items.size());
    for (std::size_t i = 0; i < items.size(); ++i) {
        // Paths are spelled out only on failure: this loop runs 16k times.
        const auto where = [&] { return json_index_path(array_key, i); };
        const auto* obj = items[i].if_object();
        if (!obj) return json.error(where(), "expected an object");
        const auto* text = JsonPath::find_string(*obj, prefix_key);
        const auto* region = JsonPath::find_string(*obj, "region");
        const auto* service = JsonPath::find_string(*obj, "service");
        if (!text) return json.field_error(*obj, prefix_key, where());
        if (!region) return json.field_error(*obj, "region", where());
        if (!service) return json.field_error(*obj, "service", where());
        auto prefix = IpPrefix::parse(std::string_view(text->data(), text->size()));
        if (!prefix)
            return json.error(where() + "." + std::string(prefix_key), prefix.error().message);
        out.entries.push_back(RangeEntry{*prefix, "AWS",
                                         std::string(region->data(), region->size()),
                                         std::string(service->data(), service->size())});
    }
    return {};
}

} // namespace

Status read_aws_ranges(const boost::json::object& root, const JsonPath& json, RangeSet& out) {
    out.format = RangeFormat::Aws;
    if (auto v = json.string_field(root, "createDate", {})) out.published = std::string(*v);
    if (auto v = json.string_field(root, "syncToken", {})) out.sync_token = std::string(*v);
    if (!root.contains("prefixes")) return json.error("prefixes", "missing");
    if (auto s = read_array(root, "prefixes", "ip_prefix", json, out); !s) return s;
    return read_array(root, "ipv6_prefixes", "ipv6_prefix", json, out);
}

} // namespace ociproxy::detail
