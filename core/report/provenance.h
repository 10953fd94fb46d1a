#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace ociproxy {

struct Workspace;
struct SimulationResult;

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

// Gives a range source's SHA-256 as the run used it.
using SourceDigest = std::function<std::string(const std::string& source)>;

// The one way a report's provenance is made, in the CLI and the console:
// `tool`, the time, the traffic with the digest of the very bytes the run
// read (SimulationResult::sha256; "-" when stdin was not hashed), every range
// source of `ws` with its digest, and the scenario's settings.
ReportProvenance run_provenance(std::string tool, const SimulationResult& run, const Workspace& ws,
                                const SourceDigest& digest);
// A comparison's: A's as above with its settings prefixed "A ", then B's
// range sources and settings prefixed "B " and what B changed.
ReportProvenance compare_provenance(std::string tool, const SimulationResult& run,
                                    const Workspace& a, const Workspace& b,
                                    const SourceDigest& digest, const std::string& b_changes);

// The current time as ISO 8601 UTC, for `created`.
std::string iso_now();

} // namespace ociproxy
