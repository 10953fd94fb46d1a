#include "core/plan/region_catalogue.h"

#include "core/file_io.h"
#include "core/json_util.h"

#include <algorithm>
#include <boost/json.hpp>
#include <cmath>
#include <numbers>
#include <set>

namespace ociproxy {
namespace {

constexpr std::string_view kFormatKey = "oci_proxy_region_catalogue";

Result<double> number_field(const boost::json::object& o, std::string_view key,
                            const std::string& where, const JsonPath& json, double lo, double hi,
                            const char* what) {
    const auto* v = o.if_contains(key);
    if (!v)
        return json.error(where + "." + std::string(key), "missing (" + std::string(what) + ")");
    if (!v->is_number()) return json.error(where + "." + std::string(key), "expected a number");
    const double x = v->to_number<double>();
    if (!std::isfinite(x) || x < lo || x > hi)
        return json.error(where + "." + std::string(key),
                          "expected " + std::string(what) + " between " + std::to_string(int(lo)) +
                              " and " + std::to_string(int(hi)));
    return x;
}

} // namespace

Result<RegionCatalogue> RegionCatalogue::from_json(std::string_view text,
                                                   const std::string& source) {
    boost::json::monotonic_resource mr;
    auto v = parse_json(text, source, &mr);
    if (!v) return v.error();
    const JsonPath json(source);
    if (!v->is_object()) return json.error("", "a region catalogue is a JSON object");
    const auto& root = v->get_object();
    const auto* version = root.if_contains(kFormatKey);
    if (!version || !version->is_int64() || version->get_int64() != 1)
        return json.error(std::string(kFormatKey),
                          "not a region catalogue (expected \"oci_proxy_region_catalogue\": 1)");
    RegionCatalogue c;
    c.m_source = source;
    if (const auto* a = root.if_contains("as_of"); a && a->is_string())
        c.m_as_of = std::string(a->get_string());
    const auto* regions = root.if_contains("regions");
    if (!regions || !regions->is_array() || regions->get_array().empty())
        return json.error("regions", "expected a non-empty array of regions");
    std::set<std::string> seen;
    for (std::size_t i = 0; i < regions->get_array().size(); ++i) {
        const std::string where = json_index_path("regions", i);
        const auto& item = regions->get_array()[i];
        if (!item.is_object()) return json.error(where, "expected an object");
        const auto& o = item.get_object();
        CatalogueRegion r;
        auto name = json.string_field(o, "region", where);
        if (!name) return name.error();
        if (name->empty()) return json.error(where + ".region", "empty region name");
        r.region = std::string(*name);
        if (const auto* city = o.if_contains("city"); city && city->is_string())
            r.city = std::string(city->get_string());
        auto lat = number_field(o, "lat", where, json, -90, 90, "a latitude");
        if (!lat) return lat.error();
        auto lon = number_field(o, "lon", where, json, -180, 180, "a longitude");
        if (!lon) return lon.error();
        auto storage = number_field(o, "storage_gib_month", where, json, 0, 100,
                                    "a storage price in USD per GiB-month");
        if (!storage) return storage.error();
        r.lat = *lat;
        r.lon = *lon;
        r.storage_gib_month = *storage;
        for (const auto& [key, member] :
             {std::pair{"transfer_inter_region", &CatalogueRegion::transfer_inter_region},
              std::pair{"transfer_internet", &CatalogueRegion::transfer_internet}}) {
            if (!o.if_contains(key)) continue;
            auto price = number_field(o, key, where, json, 0, 100, "a price in USD per GiB");
            if (!price) return price.error();
            r.*member = *price;
        }
        if (!seen.insert(r.region).second)
            return json.error(where + ".region", "region '" + r.region + "' is listed twice");
        c.m_regions.push_back(std::move(r));
    }
    // find() searches by name.
    std::sort(c.m_regions.begin(), c.m_regions.end(),
              [](const auto& a, const auto& b) { return a.region < b.region; });
    return c;
}

Result<RegionCatalogue> RegionCatalogue::load_file(const std::string& path) {
    auto text = read_file(path);
    if (!text) return text.error();
    return from_json(*text, path);
}

const CatalogueRegion* RegionCatalogue::find(std::string_view region) const {
    const auto it =
        std::lower_bound(m_regions.begin(), m_regions.end(), region,
                         [](const auto& r, std::string_view k) { return r.region < k; });
    return it != m_regions.end() && it->region == region ? &*it : nullptr;
}

double great_circle_km(double lat1, double lon1, double lat2, double lon2) {
    constexpr double kEarthKm = 6371.0088; // IUGG mean radius
    constexpr double rad = std::numbers::pi / 180.0;
    const double dlat = (lat2 - lat1) * rad, dlon = (lon2 - lon1) * rad;
    // Haversine: well conditioned for the short distances between
    // neighbouring regions, where the spherical law of cosines is not.
    const double h =
        std::sin(dlat / 2) * std::sin(dlat / 2) +
        std::cos(lat1 * rad) * std::cos(lat2 * rad) * std::sin(dlon / 2) * std::sin(dlon / 2);
    return 2 * kEarthKm * std::asin(std::min(1.0, std::sqrt(h)));
}

} // namespace ociproxy
