#pragma once

#include "core/result.h"

#include <string>
#include <string_view>

namespace ociproxy {

// Whole-file read; the error names the path and the OS reason.
Result<std::string> read_file(const std::string& path);

// Reads from `fd` into [buf + used, buf + capacity) until the end of the
// file or of the buffer, `used` counting what is in it; the error names
// `path` and the OS reason. Leaves `fd` open.
Status read_into(int fd, char* buf, std::size_t capacity, std::size_t& used,
                 const std::string& path);

// Writes to a temporary file beside `path` and renames it over, so a failed
// save never leaves a half-written file where a good one stood.
Status write_file_atomic(const std::string& path, std::string_view content);

} // namespace ociproxy
