#pragma once

#include "core/result.h"

#include <chrono>
#include <string_view>

namespace ociproxy::server {

// "250ms", "5s", "1m", "2h" (one number, one unit); "0" alone is zero.
Result<std::chrono::milliseconds> parse_duration(std::string_view text);

} // namespace ociproxy::server
