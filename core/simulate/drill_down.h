#pragma once

#include "core/simulate/simulation.h"
#include "core/simulate/top_counter.h"

#include <optional>

namespace ociproxy {

// Which simulated requests a drill-down looks at: an unset field matches
// anything, so a table row (every field set) and a rollup (some) are both
// groups.
struct DrillFilter {
    std::optional<Backend> backend;
    std::optional<std::string> bucket, cloud, region;
    std::optional<int> status;
    // Only clients that no published range covers (whatever they asked).
    bool no_range = false;

    bool matches(const Aggregate& a) const;
    // "bucket s3/eu-west-3, cloud AWS, status 307".
    std::string describe() const;
    // The filter that selects exactly `row`'s group.
    static DrillFilter of(const Aggregate& row);
    // Clients no published range covers.
    static DrillFilter unmatched();
};

struct DrillDown {
    std::string source, group;
    std::uint64_t lines = 0, requests = 0, bytes = 0; // of the group
    std::vector<TopCounter::Item> clients_by_requests, clients_by_bytes;
    std::vector<TopCounter::Item> prefixes; // matched prefixes, by requests (exact)
    bool clients_exact = true; // false: more distinct clients than counters (see overcount)
    std::size_t capacity = 0;
};

// A second streaming pass over a traffic file for one group of a simulation:
// its top clients by requests and by bytes (in `capacity` counters each,
// whatever the file's size) and its matched prefixes. The routing, bytes
// and prices are the simulation's (the same Scenario), one request at a time.
Result<DrillDown> drill_down_file(const std::string& path, const Scenario& scenario,
                                  const DrillFilter& filter, std::size_t top_n,
                                  std::size_t capacity, const SimulationOptions& options = {});
Result<DrillDown> drill_down_text(std::string_view text, const std::string& source,
                                  const Scenario& scenario, const DrillFilter& filter,
                                  std::size_t top_n, std::size_t capacity,
                                  const SimulationOptions& options = {});

// The top clients as CSV: client,requests,bytes,overcount.
std::string drill_clients_csv(const DrillDown& d);

} // namespace ociproxy
