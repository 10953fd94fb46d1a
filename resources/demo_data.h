#pragma once

#include "core/ranges/range_set.h"
#include "core/result.h"
#include "core/workspace/workspace.h"

#include <span>
#include <string_view>
#include <vector>

namespace ociproxy::demo {

struct DemoFile {
    std::string_view name;
    std::string_view text;
};

// Every built-in demo file (range sets in each supported format, demo
// traffic), by file name.
std::span<const DemoFile> files();
std::string_view file(std::string_view name);

// The demo range sets, parsed; sources are named "demo:<file>".
Result<std::vector<RangeSet>> range_sets();

// The built-in demo workspace: the demo ranges in all four formats, the
// production bucket map, settings and prices.
const Workspace& workspace();

namespace detail {
extern const DemoFile kFiles[];
extern const std::size_t kFileCount;
} // namespace detail

} // namespace ociproxy::demo
