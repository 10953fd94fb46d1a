#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace ociproxy {

// The intervals (starts[i], values[i]) with each run of neighbours of equal
// value merged into its first, into `out_starts` and `out_values`: what both
// lookup maps build from (fewer intervals, more slots that are one value).
template <class Key>
void merge_equal_neighbours(const std::vector<Key>& starts,
                            const std::vector<std::uint32_t>& values, std::vector<Key>& out_starts,
                            std::vector<std::uint32_t>& out_values) {
    out_starts.clear();
    out_values.clear();
    for (std::size_t i = 0; i < starts.size(); ++i) {
        if (!out_values.empty() && out_values.back() == values[i]) continue;
        out_starts.push_back(starts[i]);
        out_values.push_back(values[i]);
    }
}

} // namespace ociproxy
