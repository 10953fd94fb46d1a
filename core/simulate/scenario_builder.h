#pragma once

#include "core/simulate/simulation.h"
#include "core/workspace/workspace.h"

namespace ociproxy {

// The one way a front end turns a workspace into a simulation scenario: its
// router and blob presence, its prices and its bytes per unsized blob GET.
// The CLI, the console's Simulation, Compare and Planner views all call it,
// so a number means the same wherever it is shown.
Scenario make_scenario(const Workspace& ws, const Router& router, BlobPresence& presence);

} // namespace ociproxy
