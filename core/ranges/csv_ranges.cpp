#include "core/ranges/range_readers.h"

#include <algorithm>
#include <cctype>
#include <vector>

namespace ociproxy::detail {
namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
        s.remove_suffix(1);
    if (s.size() >= 2 && s.front() == '"' && s.back() == '"') s = s.substr(1, s.size() - 2);
    return s;
}

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

// The routing rules test for "GCP" and "AWS" by name, so the usual spellings
// of the three big clouds are folded to the names the JSON readers use.
std::string canonical_cloud(std::string_view c) {
    if (iequals(c, "aws") || iequals(c, "amazon")) return "AWS";
    if (iequals(c, "gcp") || iequals(c, "google") || iequals(c, "google cloud")) return "GCP";
    if (iequals(c, "azure")) return "Azure";
    return std::string(c);
}

} // namespace

Status read_csv_ranges(std::string_view text, RangeSet& out) {
    out.format = RangeFormat::Csv;
    std::size_t line_no = 0;
    bool first_row = true;
    std::vector<std::string_view> fields;
    while (!text.empty()) {
        const auto nl = text.find('\n');
        std::string_view line = text.substr(0, nl);
        text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
        ++line_no;
        const auto where = [&] { return out.source + ":" + std::to_string(line_no); };
        const std::string_view body = trim(line);
        if (body.empty() || body.front() == '#') continue;
        fields.clear();
        std::size_t start = 0;
        while (true) {
            const auto comma = line.find(',', start);
            fields.push_back(trim(line.substr(start, comma - start)));
            if (comma == std::string_view::npos) break;
            start = comma + 1;
        }
        if (first_row) {
            first_row = false;
            if (iequals(fields[0], "cidr") || iequals(fields[0], "prefix")) continue;
        }
        if (fields.size() < 3 || fields.size() > 4) {
            return Error{"expected cidr,cloud,region[,service], got " +
                             std::to_string(fields.size()) + " fields",
                         where()};
        }
        auto prefix = IpPrefix::parse(fields[0]);
        if (!prefix) return Error{prefix.error().message, where()};
        if (fields[1].empty()) return Error{"empty cloud", where()};
        out.entries.push_back(
            RangeEntry{*prefix, canonical_cloud(fields[1]), std::string(fields[2]),
                       fields.size() == 4 ? std::string(fields[3]) : std::string()});
    }
    if (out.entries.empty()) return Error{"no prefixes in CSV", out.source};
    return {};
}

} // namespace ociproxy::detail
