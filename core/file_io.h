#pragma once

#include "core/result.h"

#include <string>
#include <string_view>

namespace ociproxy {

// Whole-file read; the error names the path and the OS reason.
Result<std::string> read_file(const std::string& path);

// Writes to a temporary file beside `path` and renames it over, so a failed
// save never leaves a half-written file where a good one stood.
Status write_file_atomic(const std::string& path, std::string_view content);

} // namespace ociproxy
