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
        const std::string where = json_index_path(array_key, i);
        if (!items[i].is_object()) return json.error(where, "expected an object");
        const auto& obj = items[i].get_object();
        auto text = json.string_field(obj, prefix_key, where);
        if (!text) return text.error();
        auto prefix = parse_prefix_field(*text, json, where + "." + std::string(prefix_key));
        if (!prefix) return prefix.error();
        auto region = json.string_field(obj, "region", where);
        if (!region) return region.error();
        auto service = json.string_field(obj, "service", where);
        if (!service) return service.error();
        out.entries.push_back(
            RangeEntry{*prefix, "AWS", std::string(*region), std::string(*service)});
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
