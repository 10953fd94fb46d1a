#pragma once

#include <string>
#include <utility>
#include <vector>

namespace ociproxy {

struct Workspace;

// Where a report's numbers come from, stated in every report: the inputs
// with their SHA-256, the scenario's settings, the tool and the time.
struct ReportProvenance {
    std::string tool;                                          // "oci-route 0.1.0"
    std::string created;                                       // ISO 8601, UTC
    std::vector<std::pair<std::string, std::string>> inputs;   // path, SHA-256
    std::vector<std::pair<std::string, std::string>> settings; // name, value
};

// The settings of a scenario as a report lists them (the workspace's bytes
// per unsized blob GET among them).
std::vector<std::pair<std::string, std::string>> scenario_settings(const Workspace& ws);

// The current time as ISO 8601 UTC, for `created`.
std::string iso_now();

} // namespace ociproxy
