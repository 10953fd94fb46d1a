#pragma once

#include <cstddef>

namespace ociproxy {

// Keys the table maps walk together, at most (Ipv4Map and IntervalMap::find_batch), and so
// the size of an AddressBatch. Under a quarter of real keys go below the IPv4 root, so with
// 64 a level had some 16 fetches in flight and its first read came before its fetch did;
// 256 let them overlap (10 M lines, simulate, one thread: 0.369 -> 0.353 s at 128,
// 0.345 -> 0.338 s from 128 to 256), and 1024 more so, with the fixed cost of a batch
// spread over four times the keys (209 -> 196 ms simulate, 277 -> 258 ms lookup --from;
// 512 and 2048 no better). An AddressBatch is about 31 KiB at 1024: within a 48 KiB L1
// (the machine those figures come from), not every CPU's.
inline constexpr std::size_t kLookupBatch = 1024;

} // namespace ociproxy
