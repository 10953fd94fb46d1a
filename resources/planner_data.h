#pragma once

#include "core/plan/region_catalogue.h"
#include "core/result.h"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ociproxy::builtin {

// The region catalogue compiled in (resources/planner/aws-regions.json).
const RegionCatalogue& region_catalogue();

// The catalogue a workspace names (planner.catalogue, --catalogue), else the
// built-in one. Errors name the file and field.
Result<RegionCatalogue> region_catalogue(const std::string& path);

// The hand-drawn world outline for maps: polygons of (longitude, latitude).
using Polygon = std::vector<std::pair<double, double>>;
const std::vector<Polygon>& world_outline();

} // namespace ociproxy::builtin
