#include "core/ranges/range_readers.h"
#include "core/text_lines.h"

#include <algorithm>
#include <cctype>
#include <vector>

namespace ociproxy::detail {
namespace {

// A field without surrounding blanks and double quotes.
std::string_view field_text(std::string_view s) {
    s = trim_blanks(s);
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
    bool first_row = true;
    std::vector<std::string_view> fields;
    Status status;
    for_each_line(text, [&](std::string_view line, std::size_t line_no) {
        const auto where = [&] { return out.source + ":" + std::to_string(line_no); };
        const std::string_view body = trim_blanks(line);
        if (body.empty() || body.front() == '#') return true;
        fields.clear();
        std::size_t start = 0;
        while (true) {
            const auto comma = line.find(',', start);
            fields.push_back(field_text(line.substr(start, comma - start)));
            if (comma == std::string_view::npos) break;
            start = comma + 1;
        }
        if (first_row) {
            first_row = false;
            if (iequals(fields[0], "cidr") || iequals(fields[0], "prefix")) return true;
        }
        if (fields.size() < 3 || fields.size() > 4) {
            status = Error{"expected cidr,cloud,region[,service], got " +
                               std::to_string(fields.size()) + " fields",
                           where()};
            return false;
        }
        auto prefix = IpPrefix::parse(fields[0]);
        if (!prefix) {
            status = Error{prefix.error().message, where()};
            return false;
        }
        if (fields[1].empty()) {
            status = Error{"empty cloud", where()};
            return false;
        }
        out.entries.push_back(
            RangeEntry{*prefix, canonical_cloud(fields[1]), std::string(fields[2]),
                       fields.size() == 4 ? std::string(fields[3]) : std::string()});
        return true;
    });
    if (!status) return status;
    if (out.entries.empty()) return Error{"no prefixes in CSV", out.source};
    return {};
}

} // namespace ociproxy::detail
