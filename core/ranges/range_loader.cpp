#include "core/ranges/range_loader.h"

#include "core/file_bytes.h"
#include "core/file_io.h"
#include "core/json_util.h"
#include "core/ranges/prefix_feed_stream.h"
#include "core/ranges/range_readers.h"

#include <boost/json.hpp>

namespace ociproxy {

namespace {

std::string_view strip_bom_and_space(std::string_view t) {
    if (t.size() >= 3 && t.substr(0, 3) == "\xEF\xBB\xBF") t.remove_prefix(3);
    while (!t.empty() &&
           (t.front() == ' ' || t.front() == '\n' || t.front() == '\r' || t.front() == '\t'))
        t.remove_prefix(1);
    return t;
}

const std::string kFormats =
    "expected AWS ip-ranges.json (prefixes[].ip_prefix), Google cloud.json "
    "(prefixes[].ipv4Prefix), Azure Service Tags (values[]) or CSV (cidr,cloud,region[,service])";
const std::string kUnknown = "JSON, but not a known range format: " + kFormats;
const std::string kBinary = "binary data, not a range file: " + kFormats;

// Range files are text. A NUL or another control character near the start
// means an image, an archive or a binary picked by mistake: say so, instead
// of a CSV error about its first "line".
bool looks_binary(std::string_view t) {
    for (const char c : t.substr(0, 8192)) {
        const auto u = static_cast<unsigned char>(c);
        if ((u < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || u == 0x7f)
            return true;
    }
    return false;
}

Result<RangeFormat> detect_json(const boost::json::object& root, const std::string& source) {
    // The publication stamps identify the feeds even when their arrays are
    // empty or damaged; then the first entry's keys decide.
    if (root.contains("createDate") || root.contains("ipv6_prefixes")) return RangeFormat::Aws;
    if (root.contains("creationTime")) return RangeFormat::Gcp;
    if (const auto* p = root.if_contains("prefixes");
        p && p->is_array() && !p->get_array().empty() && p->get_array()[0].is_object()) {
        const auto& first = p->get_array()[0].get_object();
        if (first.contains("ip_prefix")) return RangeFormat::Aws;
        if (first.contains("ipv4Prefix") || first.contains("ipv6Prefix")) return RangeFormat::Gcp;
    }
    if (root.contains("values")) return RangeFormat::Azure;
    return Error{kUnknown, source};
}

} // namespace

Result<RangeFormat> detect_range_format(std::string_view text, const std::string& source) {
    const auto body = strip_bom_and_space(text);
    if (body.empty()) return Error{"empty file", source};
    if (looks_binary(body)) return Error{kBinary, source};
    if (body.front() != '{' && body.front() != '[') return RangeFormat::Csv;
    boost::json::monotonic_resource mr;
    auto v = parse_json(body, source, &mr);
    if (!v) return v.error();
    if (!v->is_object()) return Error{kUnknown, source};
    return detect_json(v->get_object(), source);
}

namespace detail {

Result<RangeSet> parse_ranges_document(std::string_view body, const std::string& source) {
    RangeSet set;
    set.source = source;
    boost::json::monotonic_resource mr;
    auto v = parse_json(body, source, &mr);
    if (!v) return v.error();
    if (!v->is_object()) return Error{kUnknown, source};
    const auto& root = v->get_object();
    auto format = detect_json(root, source);
    if (!format) return format.error();
    const JsonPath json(source);
    Status s;
    switch (*format) {
    case RangeFormat::Aws:
        s = detail::read_aws_ranges(root, json, set);
        break;
    case RangeFormat::Gcp:
        s = detail::read_gcp_ranges(root, json, set);
        break;
    case RangeFormat::Azure:
        s = detail::read_azure_ranges(root, json, set);
        break;
    case RangeFormat::Csv:
        break;
    }
    if (!s) return s.error();
    return set;
}

} // namespace detail

Result<RangeSet> parse_ranges(std::string_view text, const std::string& source) {
    RangeSet set;
    set.source = source;
    const auto body = strip_bom_and_space(text);
    if (body.empty()) return Error{"empty file", source};
    if (looks_binary(body)) return Error{kBinary, source};
    if (body.front() != '{' && body.front() != '[') {
        // Only the BOM goes: skipped blank lines must still count in line numbers.
        const auto csv =
            text.substr(text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0);
        if (auto s = detail::read_csv_ranges(csv, set); !s) return s.error();
        return set;
    }
    // The usual AWS and Google lists are read as they stream; anything
    // else, and every error, by the document reader, which names the field.
    if (auto streamed = detail::read_prefix_feed_streaming(body)) {
        streamed->source = source;
        return std::move(*streamed);
    }
    return detail::parse_ranges_document(body, source);
}

Result<RangeSet> load_range_file(const std::string& path) {
    auto bytes = FileBytes::read(path);
    if (!bytes) return bytes.error();
    return parse_ranges(bytes->view(), path);
}

} // namespace ociproxy
