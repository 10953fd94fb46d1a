#include "core/diff/range_diff.h"

#include "core/json_util.h"
#include "core/report/pdf_document.h"
#include "core/report/report_text.h"

#include <boost/json.hpp>
#include <cstdio>
#include <set>
#include <tuple>

namespace ociproxy {
namespace {

using Key = std::pair<std::string, IpPrefix>; // cloud, prefix

struct KeyLess {
    bool operator()(const Key& a, const Key& b) const {
        return std::make_tuple(a.first, a.second.family(), a.second.first(), a.second.length()) <
               std::make_tuple(b.first, b.second.family(), b.second.first(), b.second.length());
    }
};

// Prefix → its regions (one almost always; a few prefixes are published
// under two), over every set. Services are irrelevant to routing.
std::map<Key, std::set<std::string>, KeyLess> index(const std::vector<RangeSet>& sets) {
    std::map<Key, std::set<std::string>, KeyLess> m;
    for (const auto& s : sets)
        for (const auto& e : s.entries)
            m[{e.cloud, e.prefix}].insert(e.region);
    return m;
}

std::set<std::string> regions(const std::map<Key, std::set<std::string>, KeyLess>& m) {
    std::set<std::string> out;
    for (const auto& [k, rs] : m)
        for (const auto& r : rs)
            out.insert(k.first + " " + r);
    return out;
}

std::string join(const std::set<std::string>& s) {
    std::string out;
    for (const auto& x : s)
        out += (out.empty() ? "" : "+") + x;
    return out;
}

} // namespace

RangeDiff diff_ranges(const std::vector<RangeSet>& before, const std::vector<RangeSet>& after,
                      const BucketMap& buckets) {
    const auto a = index(before), b = index(after);
    RangeDiff d;
    for (const auto& [k, rs] : a) {
        auto& counts = d.by_cloud[k.first];
        const auto it = b.find(k);
        if (it == b.end()) {
            for (const auto& r : rs)
                d.removed.push_back({k.second, k.first, r, {}});
            ++counts.removed;
        } else if (it->second != rs) {
            d.moved.push_back({k.first, k.second, join(rs), join(it->second)});
            ++counts.moved;
        } else {
            ++counts.unchanged;
        }
    }
    for (const auto& [k, rs] : b) {
        if (a.count(k)) continue;
        for (const auto& r : rs)
            d.added.push_back({k.second, k.first, r, {}});
        ++d.by_cloud[k.first].added;
    }
    const auto ra = regions(a), rb = regions(b);
    for (const auto& r : rb)
        if (!ra.count(r)) d.new_regions.push_back(r);
    for (const auto& r : ra)
        if (!rb.count(r)) d.vanished_regions.push_back(r);
    for (const auto& r : rb) {
        if (!r.starts_with("AWS ")) continue;
        const std::string region = r.substr(4);
        // GLOBAL marks anycast and edge ranges, not a place a bucket can be.
        if (region != "GLOBAL" && !buckets.for_region(region))
            d.unmapped_aws_regions.push_back(region);
    }
    return d;
}

std::string range_diff_summary(const RangeDiff& d, std::size_t list) {
    std::string s;
    s += format_text("%-10s %9s %9s %9s %11s\n", "cloud", "added", "removed", "moved", "unchanged");
    for (const auto& [cloud, c] : d.by_cloud)
        s += format_text("%-10s %9zu %9zu %9zu %11zu\n", cloud.c_str(), c.added, c.removed, c.moved,
                         c.unchanged);
    const auto names = [&](const char* title, const std::vector<std::string>& v) {
        s += format_text("\n%s: %zu\n", title, v.size());
        for (std::size_t i = 0; i < v.size() && i < list; ++i)
            s += "  " + v[i] + "\n";
        if (v.size() > list) s += format_text("  ... and %zu more\n", v.size() - list);
    };
    names("new regions", d.new_regions);
    names("vanished regions", d.vanished_regions);
    names("AWS regions with no bucket (their clients get the default URL)", d.unmapped_aws_regions);
    s += format_text("\nmoved prefixes: %zu\n", d.moved.size());
    for (std::size_t i = 0; i < d.moved.size() && i < list; ++i)
        s += "  " + d.moved[i].cloud + " " + d.moved[i].prefix.to_string() + ": " +
             d.moved[i].from + " -> " + d.moved[i].to + "\n";
    return s;
}

std::string range_diff_markdown(const RangeDiff& d, std::size_t list) {
    std::string s = "## IP range changes\n\n| cloud | added | removed | moved | unchanged |\n"
                    "|---|---:|---:|---:|---:|\n";
    for (const auto& [cloud, c] : d.by_cloud)
        s += format_text("| %s | %zu | %zu | %zu | %zu |\n", cloud.c_str(), c.added, c.removed,
                         c.moved, c.unchanged);
    const auto names = [&](const char* title, const std::vector<std::string>& v) {
        s += format_text("\n**%s** (%zu)", title, v.size());
        for (std::size_t i = 0; i < v.size() && i < list; ++i)
            s += (i ? ", `" : ": `") + v[i] + "`";
        s += "\n";
    };
    names("New regions", d.new_regions);
    names("Vanished regions", d.vanished_regions);
    names("AWS regions with no bucket", d.unmapped_aws_regions);
    if (!d.moved.empty()) {
        s += "\n| moved prefix | from | to |\n|---|---|---|\n";
        for (std::size_t i = 0; i < d.moved.size() && i < list; ++i)
            s += "| `" + d.moved[i].cloud + " " + d.moved[i].prefix.to_string() + "` | " +
                 d.moved[i].from + " | " + d.moved[i].to + " |\n";
    }
    return s;
}

std::string range_diff_csv(const RangeDiff& d) {
    std::string s = "change,cloud,prefix,from,to\n";
    for (const auto& m : d.moved)
        s += "moved," + m.cloud + "," + m.prefix.to_string() + "," + m.from + "," + m.to + "\n";
    for (const auto& e : d.added)
        s += "added," + e.cloud + "," + e.prefix.to_string() + ",," + e.region + "\n";
    for (const auto& e : d.removed)
        s += "removed," + e.cloud + "," + e.prefix.to_string() + "," + e.region + ",\n";
    return s;
}

std::string range_diff_json(const RangeDiff& d) {
    boost::json::object by_cloud;
    for (const auto& [cloud, c] : d.by_cloud)
        by_cloud[cloud] = {{"added", c.added},
                           {"removed", c.removed},
                           {"moved", c.moved},
                           {"unchanged", c.unchanged}};
    const auto strings = [](const std::vector<std::string>& v) {
        boost::json::array a;
        for (const auto& s : v)
            a.emplace_back(s);
        return a;
    };
    boost::json::array moved, added, removed;
    for (const auto& m : d.moved)
        moved.push_back(
            {{"cloud", m.cloud}, {"prefix", m.prefix.to_string()}, {"from", m.from}, {"to", m.to}});
    for (const auto& e : d.added)
        added.push_back(
            {{"cloud", e.cloud}, {"prefix", e.prefix.to_string()}, {"region", e.region}});
    for (const auto& e : d.removed)
        removed.push_back(
            {{"cloud", e.cloud}, {"prefix", e.prefix.to_string()}, {"region", e.region}});
    boost::json::object root{{"by_cloud", by_cloud},
                             {"new_regions", strings(d.new_regions)},
                             {"vanished_regions", strings(d.vanished_regions)},
                             {"unmapped_aws_regions", strings(d.unmapped_aws_regions)},
                             {"moved", moved},
                             {"added", added},
                             {"removed", removed}};
    return pretty_json(root);
}

std::string range_diff_html(const RangeDiff& d) {
    std::string s =
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>IP range changes"
        "</title></head><body><h1>IP range changes</h1><table border=1><tr><th>cloud</th>"
        "<th>added</th><th>removed</th><th>moved</th><th>unchanged</th></tr>";
    for (const auto& [cloud, c] : d.by_cloud)
        s += format_text("<tr><td>%s</td><td>%zu</td><td>%zu</td><td>%zu</td><td>%zu</td></tr>",
                         html_escape(cloud).c_str(), c.added, c.removed, c.moved, c.unchanged);
    const auto names = [&](const char* title, const std::vector<std::string>& v) {
        s += std::string("<p><b>") + title + "</b>: ";
        for (std::size_t i = 0; i < v.size(); ++i)
            s += (i ? ", " : "") + html_escape(v[i]);
        s += v.empty() ? "none</p>" : "</p>";
    };
    names("New regions", d.new_regions);
    names("Vanished regions", d.vanished_regions);
    names("AWS regions with no bucket", d.unmapped_aws_regions);
    s += "<h2>Moved prefixes</h2><table border=1><tr><th>prefix</th><th>from</th><th>to</th></tr>";
    for (const auto& m : d.moved)
        s += "<tr><td>" + html_escape(m.cloud) + " " + m.prefix.to_string() + "</td><td>" +
             html_escape(m.from) + "</td><td>" + html_escape(m.to) + "</td></tr>";
    return s + "</table></body></html>\n";
}

std::string range_diff_pdf(const RangeDiff& d) {
    PdfDocument doc;
    doc.new_page();
    double y = 60;
    doc.text(40, y, 16, "IP range changes", true);
    y += 24;
    const std::string text = range_diff_summary(d, 200);
    std::size_t start = 0;
    while (start < text.size()) {
        const auto nl = text.find('\n', start);
        const std::string l =
            text.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
        start = nl == std::string::npos ? text.size() : nl + 1;
        if (y > PdfDocument::kHeight - 50) {
            doc.new_page();
            y = 60;
        }
        doc.text(40, y, 8.5, l);
        y += 11;
    }
    return doc.finish();
}

} // namespace ociproxy
