#pragma once

#include "core/ranges/range_set.h"
#include "core/result.h"

#include <string>
#include <string_view>

namespace ociproxy {

// Detects the format from the content (never from the file name, which is
// often just "ip-ranges.json" or a download id) and parses it. `source`
// names the input in errors and in the provenance of every prefix.
Result<RangeSet> parse_ranges(std::string_view text, const std::string& source);

// Reads and parses a file; errors name the file.
Result<RangeSet> load_range_file(const std::string& path);

// Only the detection, for callers that show it before loading.
Result<RangeFormat> detect_range_format(std::string_view text, const std::string& source);

} // namespace ociproxy
