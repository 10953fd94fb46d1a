#pragma once

#include "core/simulate/simulation.h"

#include <cstdint>

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

} // namespace ociproxy
