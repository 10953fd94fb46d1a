#include "resources/planner_data.h"

#include "core/json_util.h"
#include "resources/demo_data.h"

#include <boost/json.hpp>
#include <cstdio>
#include <cstdlib>

namespace ociproxy::builtin {

const RegionCatalogue& region_catalogue() {
    static const RegionCatalogue c = [] {
        auto r = RegionCatalogue::from_json(demo::file("aws-regions.json"), "built-in catalogue");
        // Checked by the tests; a build that broke it must not run at all.
        if (!r) {
            std::fprintf(stderr, "%s\n", r.error().what().c_str());
            std::abort();
        }
        return std::move(r).value();
    }();
    return c;
}

Result<RegionCatalogue> region_catalogue(const std::string& path) {
    if (path.empty()) return region_catalogue();
    return RegionCatalogue::load_file(path);
}

const std::vector<Polygon>& world_outline() {
    static const std::vector<Polygon> outline = [] {
        std::vector<Polygon> out;
        auto v = parse_json(demo::file("world-outline.json"), "world-outline.json");
        if (!v || !v->is_object()) return out;
        const auto* polys = v->get_object().if_contains("polygons");
        if (!polys || !polys->is_array()) return out;
        for (const auto& p : polys->get_array()) {
            const auto* pts = p.is_object() ? p.get_object().if_contains("points") : nullptr;
            if (!pts || !pts->is_array()) continue;
            Polygon poly;
            for (const auto& xy : pts->get_array())
                if (xy.is_array() && xy.get_array().size() == 2 && xy.get_array()[0].is_number() &&
                    xy.get_array()[1].is_number())
                    poly.emplace_back(xy.get_array()[0].to_number<double>(),
                                      xy.get_array()[1].to_number<double>());
            if (poly.size() >= 3) out.push_back(std::move(poly));
        }
        return out;
    }();
    return outline;
}

} // namespace ociproxy::builtin
