#pragma once

#include <cstdint>

namespace ociproxy {

// GCC and Clang have a native 128-bit integer; __extension__ keeps
// -Wpedantic quiet about it. IPv6 arithmetic (masks, interval ends) becomes
// plain integer arithmetic, which is what makes the lookup table simple.
__extension__ using u128 = unsigned __int128;

} // namespace ociproxy
