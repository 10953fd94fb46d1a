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
        const auto where = [&] { return json_index_path("prefixes", i); };
        const auto* obj = items[i].if_object();
        if (!obj) return json.error(where(), "expected an object");
        // Each entry carries exactly one of the two keys.
        const char* key = obj->contains("ipv4Prefix") ? "ipv4Prefix" : "ipv6Prefix";
        if (!obj->contains(key)) return json.error(where(), "missing ipv4Prefix or ipv6Prefix");
        const auto* text = JsonPath::find_string(*obj, key);
        if (!text) return json.field_error(*obj, key, where());
        auto prefix = IpPrefix::parse(std::string_view(text->data(), text->size()));
        if (!prefix) return json.error(where() + "." + key, prefix.error().message);
        const auto* scope = JsonPath::find_string(*obj, "scope");
        if (!scope) return json.field_error(*obj, "scope", where());
        const auto* service = JsonPath::find_string(*obj, "service");
        out.entries.push_back(
            RangeEntry{*prefix, "GCP", std::string(scope->data(), scope->size()),
                       service ? std::string(service->data(), service->size()) : "Google Cloud"});
    }
    return {};
}

} // namespace ociproxy::detail
