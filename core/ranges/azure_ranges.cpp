#include "core/ranges/range_readers.h"

namespace ociproxy::detail {

Status read_azure_ranges(const boost::json::object& root, const JsonPath& json, RangeSet& out) {
    out.format = RangeFormat::Azure;
    if (const auto* v = root.if_contains("changeNumber"); v && v->is_int64())
        out.published = "changeNumber " + std::to_string(v->get_int64());
    const auto* arr = root.if_contains("values");
    if (!arr || !arr->is_array()) return json.error("values", "expected an array");
    const auto& items = arr->get_array();
    static constexpr std::string_view kTag = "AzureCloud.";
    for (std::size_t i = 0; i < items.size(); ++i) {
        const std::string where = json_index_path("values", i);
        if (!items[i].is_object()) return json.error(where, "expected an object");
        const auto& obj = items[i].get_object();
        auto name = json.string_field(obj, "name", where);
        if (!name) return name.error();
        // Only the AzureCloud.<region> tags carry per-region ranges; service
        // tags (Storage.WestEurope, ...) repeat subsets of them.
        if (name->size() <= kTag.size() || name->substr(0, kTag.size()) != kTag) continue;
        const auto* props = obj.if_contains("properties");
        if (!props || !props->is_object())
            return json.error(where + ".properties", "expected an object");
        const auto& p = props->get_object();
        std::string region(name->substr(kTag.size()));
        if (auto r = json.string_field(p, "region", where + ".properties"); r && !r->empty())
            region = std::string(*r);
        const auto* list = p.if_contains("addressPrefixes");
        const std::string list_where = where + ".properties.addressPrefixes";
        if (!list || !list->is_array()) return json.error(list_where, "expected an array");
        const auto& prefixes = list->get_array();
        for (std::size_t k = 0; k < prefixes.size(); ++k) {
            const auto where_k = [&] { return json_index_path(list_where, k); };
            const auto* text = prefixes[k].if_string();
            if (!text) return json.error(where_k(), "expected a string");
            auto prefix = IpPrefix::parse(std::string_view(text->data(), text->size()));
            if (!prefix) return json.error(where_k(), prefix.error().message);
            out.entries.push_back(RangeEntry{*prefix, "Azure", region, "AzureCloud"});
        }
    }
    return {};
}

} // namespace ociproxy::detail
