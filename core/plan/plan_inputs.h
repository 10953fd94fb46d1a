#pragma once

#include "core/decide/blob_presence.h"
#include "core/decide/router.h"
#include "core/plan/placement_plan.h"
#include "core/simulate/simulation.h"
#include "core/workspace/workspace.h"

namespace ociproxy {

// The planner's assumptions from the workspace's planner settings: the store
// size given, else the blob inventory's total (when the blob policy is one),
// else 1 TiB — each saying which.
PlanAssumptions plan_assumptions(const PlannerSettings& s, const BlobPresence* presence);

// Everything make_plan() needs from a simulation run with `router` (the
// front ends call this, so the CLI and the console plan from the same
// numbers).
PlanInputs plan_inputs(const SimulationResult& sim, const Router& router, const PriceTable& prices,
                       const RegionCatalogue& catalogue, PlanAssumptions assumptions,
                       std::uint64_t default_blob_bytes);

} // namespace ociproxy
