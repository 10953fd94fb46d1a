#pragma once

#include "core/ranges/range_set.h"

#include <optional>
#include <string_view>

namespace ociproxy::detail {

// Reads an AWS ip-ranges.json or Google cloud.json of the usual shape as it
// streams past, without building a JSON document: the document of AWS's
// 2.5 MB list costs about 8 MiB, which a reload holds on top of the running
// table (massif: the document is two fifths of a reload's peak). Returns
// nullopt for anything unusual (another format, a mistyped or missing
// field, a bad prefix, invalid JSON): the document reader then reads it
// again and names what is wrong, so every error keeps its exact path. When
// it returns a set, it is the one the document reader would have built,
// entry for entry.
std::optional<RangeSet> read_prefix_feed_streaming(std::string_view body);

} // namespace ociproxy::detail
