#pragma once

#include "core/plan/alias_table.h"
#include "core/plan/region_catalogue.h"
#include "core/simulate/simulation.h"
#include "ui/plan/world_map_widget.h"

#include <vector>

namespace ociproxy::ui {

// Puts a simulation on a map: the catalogue's regions as the bucket map
// treats them, a line per (client region → bucket home) sized by bytes, and
// — for a plan — the recommended aliases dashed and the chosen region
// ringed. Traffic to the default base URL has no place on a map: the caption
// says how much there is, and so do regions the catalogue lacks.
void show_traffic_on_map(WorldMapWidget* map, const SimulationResult& sim, const BucketMap& buckets,
                         const RegionCatalogue& catalogue,
                         const std::vector<AliasRow>& proposed = {}, const QString& highlight = {});

} // namespace ociproxy::ui
