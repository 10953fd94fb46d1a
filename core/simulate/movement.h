#pragma once

#include "core/simulate/simulation.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ociproxy {

// Whether a movement's requests route somewhere else under B: the one rule
// the CLI's summaries and reports and the console's Compare view mark by.
inline bool has_moved(const Movement& m) {
    return m.from_backend != m.to_backend || m.from != m.to;
}

// The requests that route differently under B.
inline std::uint64_t moved_requests(const CompareResult& c) {
    std::uint64_t n = 0;
    for (const auto& m : c.moves)
        if (has_moved(m)) n += m.requests;
    return n;
}

// A destination (bucket, "default" or backend) that gains or loses requests
// under B, with its estimated cost under each.
struct ChangedDestination {
    std::string name;
    double usd_a = 0, usd_b = 0;
};

// The destinations whose requests change, largest cost change first, at
// most `limit`: what the console's Compare chart and the reports' charts show.
std::vector<ChangedDestination> changed_destinations(const CompareResult& c, std::size_t limit);

} // namespace ociproxy
