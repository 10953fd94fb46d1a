#pragma once

#include "core/ranges/range_set.h"
#include "core/result.h"

#include <memory>
#include <string>

namespace ociproxy::ui {

// One range file as the console shows it: the parsed set plus what an
// operator checks before trusting it (size, digest, how long it took).
struct LoadedSource {
    RangeSet set;
    std::string sha256;
    std::size_t bytes = 0;
    double load_ms = 0;
};

using SharedSource = std::shared_ptr<const LoadedSource>;

// Reads, hashes and parses a workspace source (a path or "demo:<name>").
// Safe to run on any thread.
Result<SharedSource> load_source(const std::string& source);

} // namespace ociproxy::ui
