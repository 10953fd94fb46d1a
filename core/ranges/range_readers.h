#pragma once

// The per-format readers behind parse_ranges(). Each fills `out.entries` and
// the publication fields, or names the first bad entry.

#include "core/json_util.h"
#include "core/ranges/range_set.h"

#include <boost/json/object.hpp>

namespace ociproxy::detail {

Status read_aws_ranges(const boost::json::object& root, const JsonPath& json, RangeSet& out);
Status read_gcp_ranges(const boost::json::object& root, const JsonPath& json, RangeSet& out);
Status read_azure_ranges(const boost::json::object& root, const JsonPath& json, RangeSet& out);
Status read_csv_ranges(std::string_view text, RangeSet& out);

// A JSON range file read through a document: format detection, then the
// reader above for it. `body` starts at its '{' or '['.
Result<RangeSet> parse_ranges_document(std::string_view body, const std::string& source);

} // namespace ociproxy::detail
