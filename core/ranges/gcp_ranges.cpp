#include "core/ranges/range_readers.h"

namespace ociproxy::detail {

Status read_gcp_ranges(const boost::json::object& root, const JsonPath& json, RangeSet& out) {
    out.format = RangeFormat::Gcp;
    if (auto v = json.string_field(root, "creationTime", {})) out.published = std::string(*v);
    if (auto v = json.string_field(root, "syncToken", {})) out.sync_token = std::string(*v);
    const auto* arr = root.if_contains("prefixes");
    if (!arr) return json.error("prefixes", "missing");
    if (!arr->is_array()) return json.error("prefixes", "expected an array");
    const auto& items = arr->get_array();
    out.entries.reserve(items.size());
    for (std::size_t i = 0; i < items.size(); ++i) {
        const std::string where = json_index_path("prefixes", i);
        if (!items[i].is_object()) return json.error(where, "expected an object");
        const auto& obj = items[i].get_object();
        // Each entry carries exactly one of the two keys.
        const char* key = obj.contains("ipv4Prefix") ? "ipv4Prefix" : "ipv6Prefix";
        if (!obj.contains(key)) return json.error(where, "missing ipv4Prefix or ipv6Prefix");
        auto text = json.string_field(obj, key, where);
        if (!text) return text.error();
        auto prefix = parse_prefix_field(*text, json, where + "." + key);
        if (!prefix) return prefix.error();
        auto scope = json.string_field(obj, "scope", where);
        if (!scope) return scope.error();
        std::string service = "Google Cloud";
        if (auto s = json.string_field(obj, "service", where)) service = std::string(*s);
        out.entries.push_back(RangeEntry{*prefix, "GCP", std::string(*scope), std::move(service)});
    }
    return {};
}

} // namespace ociproxy::detail
