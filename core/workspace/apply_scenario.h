#pragma once

#include "core/workspace/scenario_overrides.h"
#include "core/workspace/workspace.h"

namespace ociproxy {

// Scenario B's workspace: `a` with the overrides applied. The files they
// name are read here (bucket map, prices; range files are only named, the
// caller loads them like any range source); an error names the file. The
// result keeps A's scenarios and traffic file, so applying B to the
// workspace loses nothing.
Result<Workspace> apply_scenario(const Workspace& a, const ScenarioOverrides& b);

} // namespace ociproxy
