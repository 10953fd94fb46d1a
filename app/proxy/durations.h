#pragma once

#include "core/result.h"

#include <chrono>
#include <string_view>

namespace ociproxy::proxy {

inline constexpr std::chrono::milliseconds kMaxDuration{24 * 3600 * 1000};

// "250ms", "5s", "1m", "2h" (one number, one unit); "0" alone is zero; at most
// kMaxDuration.
Result<std::chrono::milliseconds> parse_duration(std::string_view text);

} // namespace ociproxy::proxy
