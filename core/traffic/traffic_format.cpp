#include "core/traffic/traffic_format.h"

#include "core/json_util.h"
#include "core/net/ip_address.h"
#include "core/request/client_ip.h"
#include "core/text_lines.h"
#include "core/traffic/block_source.h"

#include <boost/json.hpp>
#include <charconv>
#include <optional>
#include <vector>

namespace ociproxy {
namespace {

// The first space or tab. (string_view::find_first_of calls memchr on the set
// for every character, which is most of the cost of a short line.)
std::size_t find_blank(std::string_view s) {
    for (std::size_t i = 0; i < s.size(); ++i)
        if (s[i] == ' ' || s[i] == '\t') return i;
    return std::string_view::npos;
}

bool parse_u64(std::string_view s, std::uint64_t& out) {
    s = trim_blanks(s);
    if (s.empty()) return false;
    const auto r = std::from_chars(s.data(), s.data() + s.size(), out);
    return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

// CSV fields with RFC 4180 quotes ("35.180.1.1, 130.211.0.1"); unquoted
// fields are views into the line, quoted ones are copied into `scratch`.
std::vector<std::string_view> split_csv(std::string_view line, std::string& scratch) {
    std::vector<std::string_view> out;
    scratch.clear();
    scratch.reserve(line.size());
    std::size_t i = 0;
    while (true) {
        if (i < line.size() && line[i] == '"') {
            const std::size_t start = scratch.size();
            ++i;
            while (i < line.size()) {
                if (line[i] == '"') {
                    if (i + 1 < line.size() && line[i + 1] == '"') {
                        scratch += '"';
                        i += 2;
                        continue;
                    }
                    ++i;
                    break;
                }
                scratch += line[i++];
            }
            out.emplace_back(scratch.data() + start, scratch.size() - start);
            while (i < line.size() && line[i] != ',')
                ++i;
        } else {
            const std::size_t comma = line.find(',', i);
            const std::size_t end = comma == std::string_view::npos ? line.size() : comma;
            out.push_back(trim_blanks(line.substr(i, end - i)));
            i = end;
        }
        if (i >= line.size()) break;
        ++i; // the comma
    }
    return out;
}

std::string_view path_of_url(std::string_view url) {
    const auto scheme = url.find("://");
    if (scheme == std::string_view::npos) return url;
    const auto slash = url.find('/', scheme + 3);
    return slash == std::string_view::npos ? std::string_view("/") : url.substr(slash);
}

const boost::json::string* str(const boost::json::object& o, std::string_view key) {
    return JsonPath::find_string(o, key);
}

LineKind parse_json_line(const TrafficLayout& layout, std::string_view line, TrafficRecord& out,
                         std::string& why) {
    boost::system::error_code ec;
    const boost::json::value v = boost::json::parse(line, ec);
    if (ec || !v.is_object()) {
        why = "not a JSON object";
        return LineKind::Bad;
    }
    const boost::json::object* o = &v.get_object();
    std::string peer, method, target;
    std::optional<std::uint64_t> bytes;
    if (layout.format == TrafficFormat::CloudLogging) {
        const auto* req = o->if_contains("httpRequest");
        if (!req || !req->is_object()) {
            why = "no httpRequest object";
            return LineKind::Bad;
        }
        const auto& r = req->get_object();
        const auto* ip = str(r, "remoteIp");
        const auto* url = str(r, "requestUrl");
        if (!ip || !url) {
            why = "httpRequest needs remoteIp and requestUrl";
            return LineKind::Bad;
        }
        peer.assign(ip->data(), ip->size());
        target = path_of_url(std::string_view(url->data(), url->size()));
        if (const auto* m = str(r, "requestMethod")) method.assign(m->data(), m->size());
    } else {
        const auto* ip = str(*o, "client_ip");
        const auto* path = str(*o, "path");
        if (!ip || !path) {
            why = "an access log line needs client_ip and path";
            return LineKind::Bad;
        }
        // Truncated addresses ("35.180.1.0/24") still route like their prefix.
        std::string_view a(ip->data(), ip->size());
        peer = a.substr(0, a.find('/'));
        target.assign(path->data(), path->size());
        if (const auto* m = str(*o, "method")) method.assign(m->data(), m->size());
        if (const auto* b = o->if_contains("bytes"); b && b->is_number())
            bytes = b->to_number<std::uint64_t>();
    }
    // One buffer for the three strings the record points into.
    out.scratch = peer + '\n' + method + '\n' + target;
    const std::string_view s = out.scratch;
    out.peer = s.substr(0, peer.size());
    out.method =
        method.empty() ? std::string_view("GET") : s.substr(peer.size() + 1, method.size());
    out.target = s.substr(peer.size() + method.size() + 2);
    out.forwarded_for = {};
    out.count = 1;
    out.bytes = bytes;
    return LineKind::Record;
}

} // namespace

const char* traffic_format_name(TrafficFormat f) {
    switch (f) {
    case TrafficFormat::IpList:
        return "ip-list";
    case TrafficFormat::Csv:
        return "csv";
    case TrafficFormat::CloudLogging:
        return "cloud-logging";
    case TrafficFormat::AccessLog:
        return "access-log";
    case TrafficFormat::Combined:
        return "combined-log";
    }
    return "?";
}

Result<TrafficLayout> detect_traffic_format(std::string_view first, const std::string& source) {
    first = trim_blanks(first);
    TrafficLayout l;
    if (first.starts_with('{')) {
        if (first.find("\"httpRequest\"") != std::string_view::npos) {
            l.format = TrafficFormat::CloudLogging;
            return l;
        }
        if (first.find("\"client_ip\"") != std::string_view::npos) {
            l.format = TrafficFormat::AccessLog;
            return l;
        }
        return Error{"JSON lines, but neither Cloud Logging (httpRequest) nor an oci-proxy "
                     "access log (client_ip)",
                     source + ":1"};
    }
    // nginx/Apache combined: IP - user [time] "GET /path HTTP/1.1" ...
    if (const auto bracket = first.find(" [");
        bracket != std::string_view::npos &&
        first.find("] \"", bracket) != std::string_view::npos) {
        l.format = TrafficFormat::Combined;
        return l;
    }
    if (first.find(',') != std::string_view::npos) {
        std::string scratch;
        const auto cols = split_csv(first, scratch);
        for (int i = 0; i < int(cols.size()); ++i) {
            const std::string_view c = cols[std::size_t(i)];
            if (c == "ip" || c == "client_ip")
                l.ip = i;
            else if (c == "xff" || c == "x_forwarded_for")
                l.xff = i;
            else if (c == "path")
                l.path = i;
            else if (c == "method")
                l.method = i;
            else if (c == "count")
                l.count = i;
            else if (c == "bytes")
                l.bytes = i;
        }
        if (l.ip < 0 && l.xff < 0)
            return Error{"a CSV traffic file needs a header with an ip or xff column "
                         "(optional: path, method, count, bytes)",
                         source + ":1"};
        l.format = TrafficFormat::Csv;
        return l;
    }
    const auto space = find_blank(first);
    const std::string_view token = first.substr(0, space);
    if (!parse_peer_address(token))
        return Error{"not a traffic file: expected an IP list, CSV with a header, Cloud Logging "
                     "or access-log JSON lines, or a combined log",
                     source + ":1"};
    l.format = TrafficFormat::IpList;
    return l;
}

Result<TrafficLayout> detect_traffic_layout(std::string_view head, const std::string& source) {
    // Through the simulator's own reader, so that an array's first element
    // is seen as the one line it will be read as.
    BlockSource blocks(-1, head);
    LineBlock block;
    blocks.next(block);
    std::optional<Result<TrafficLayout>> found;
    for_each_line(block.text, [&](std::string_view line, std::size_t) {
        const std::string_view t = trim_blanks(line);
        if (t.empty() || t.front() == '#') return true;
        found = detect_traffic_format(t, source);
        return false;
    });
    if (!found) return Error{"no traffic in the input", source};
    return *found;
}

LineKind parse_traffic_line(const TrafficLayout& layout, std::string_view line, TrafficRecord& out,
                            std::string& why) {
    line = trim_blanks(line);
    if (line.empty() || line.front() == '#') return LineKind::Skip;
    switch (layout.format) {
    case TrafficFormat::IpList: {
        const auto space = find_blank(line);
        out.peer = line.substr(0, space);
        out.forwarded_for = {};
        out.method = "GET";
        out.target = {};
        out.bytes.reset();
        out.count = 1;
        if (space != std::string_view::npos && !parse_u64(line.substr(space), out.count)) {
            why = "expected \"ip [count]\"";
            return LineKind::Bad;
        }
        return LineKind::Record;
    }
    case TrafficFormat::Csv: {
        // Quoted fields are unescaped into the record's own buffer.
        const auto cols = split_csv(line, out.scratch);
        const auto col = [&](int i) {
            return i >= 0 && i < int(cols.size()) ? cols[std::size_t(i)] : std::string_view();
        };
        if (col(layout.ip) == "ip" || col(layout.xff) == "xff") return LineKind::Skip; // the header
        out.peer = col(layout.ip);
        out.forwarded_for = col(layout.xff);
        out.method = layout.method >= 0 && !col(layout.method).empty() ? col(layout.method) : "GET";
        out.target = col(layout.path);
        out.count = 1;
        out.bytes.reset();
        if (out.peer.empty() && out.forwarded_for.empty()) {
            why = "no ip or xff value";
            return LineKind::Bad;
        }
        if (layout.count >= 0 && !col(layout.count).empty() &&
            !parse_u64(col(layout.count), out.count)) {
            why = "count is not a whole number";
            return LineKind::Bad;
        }
        if (layout.bytes >= 0 && !col(layout.bytes).empty()) {
            std::uint64_t b;
            if (!parse_u64(col(layout.bytes), b)) {
                why = "bytes is not a whole number";
                return LineKind::Bad;
            }
            out.bytes = b;
        }
        return LineKind::Record;
    }
    case TrafficFormat::CloudLogging:
    case TrafficFormat::AccessLog:
        return parse_json_line(layout, line, out, why);
    case TrafficFormat::Combined: {
        const auto space = line.find(' ');
        const auto q1 = line.find('"');
        const auto q2 = q1 == std::string_view::npos ? q1 : line.find('"', q1 + 1);
        if (space == std::string_view::npos || q2 == std::string_view::npos) {
            why = "not a combined log line";
            return LineKind::Bad;
        }
        const std::string_view request = line.substr(q1 + 1, q2 - q1 - 1);
        const auto s1 = request.find(' ');
        const auto s2 = s1 == std::string_view::npos ? s1 : request.find(' ', s1 + 1);
        if (s1 == std::string_view::npos) {
            why = "no request in quotes";
            return LineKind::Bad;
        }
        out.peer = line.substr(0, space);
        out.forwarded_for = {};
        out.method = request.substr(0, s1);
        out.target = request.substr(s1 + 1, s2 == std::string_view::npos ? s2 : s2 - s1 - 1);
        out.count = 1;
        out.bytes.reset();
        // status then body bytes after the request; "-" means none.
        std::string_view rest = trim_blanks(line.substr(q2 + 1));
        const auto a = rest.find(' ');
        if (a != std::string_view::npos) {
            rest = rest.substr(a + 1);
            std::uint64_t b;
            if (parse_u64(rest.substr(0, rest.find(' ')), b) && b > 0) out.bytes = b;
        }
        return LineKind::Record;
    }
    }
    return LineKind::Bad;
}

} // namespace ociproxy
