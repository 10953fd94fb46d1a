#pragma once

#include <cstdint>
#include <optional>

namespace ociproxy {

// Bytes one simulated request moves: a HEAD none (DESIGN §5); else the size
// its traffic row gives, else for a blob redirect the inventory's size of
// the blob, else the scenario's default layer size; any other answer none.
// The simulator and the drill-down both count with it.
inline std::uint64_t request_bytes(bool head, bool blob_redirect, std::optional<std::uint64_t> row,
                                   std::optional<std::uint64_t> inventory,
                                   std::uint64_t default_blob_bytes) {
    if (head) return 0;
    if (row) return *row;
    return blob_redirect ? inventory.value_or(default_blob_bytes) : 0;
}

} // namespace ociproxy
