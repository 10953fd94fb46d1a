#include "core/ranges/range_set.h"

#include <algorithm>

namespace ociproxy {

const char* range_format_name(RangeFormat f) {
    switch (f) {
    case RangeFormat::Aws:
        return "aws";
    case RangeFormat::Gcp:
        return "gcp";
    case RangeFormat::Azure:
        return "azure";
    case RangeFormat::Csv:
        return "csv";
    }
    return "?";
}

std::size_t RangeSet::count(Family f) const {
    return std::size_t(std::count_if(entries.begin(), entries.end(),
                                     [f](const RangeEntry& e) { return e.prefix.family() == f; }));
}

} // namespace ociproxy
