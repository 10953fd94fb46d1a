#pragma once

#include "core/ranges/range_set.h"
#include "core/result.h"

#include <string>
#include <string_view>

namespace ociproxy {

inline constexpr std::string_view kBuiltinScheme = "demo:";

// Built-in files are compiled into the binaries that ship them (the demo
// data), not into the core; the caller passes the lookup. It returns an empty
// view for an unknown name.
using BuiltinFiles = std::string_view (*)(std::string_view name);

bool is_builtin_source(std::string_view source);

// Loads one workspace range source: a file path or "demo:<name>".
Result<RangeSet> load_range_source(const std::string& source, BuiltinFiles builtin);

// The bytes of a source, for its SHA-256 and for re-parsing.
Result<std::string> read_range_source(const std::string& source, BuiltinFiles builtin);

} // namespace ociproxy
