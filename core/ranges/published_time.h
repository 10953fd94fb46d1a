#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace ociproxy {

// When a range file was published, in Unix seconds (UTC), from its own
// publication field: AWS createDate "2025-07-14-17-23-30", Google
// creationTime "2025-07-14T07:06:47.113936". Azure's changeNumber and CSV
// files carry no date: nullopt, so an age alert never fires on a guess.
std::optional<std::int64_t> published_unix_seconds(std::string_view published);

} // namespace ociproxy
