#include "core/traffic/replay_requests.h"

#include "core/request/client_ip.h"
#include "core/text_lines.h"
#include "core/traffic/traffic_format.h"

#include <algorithm>

namespace ociproxy {

Result<std::vector<ReplayRequest>> replay_requests(std::string_view text, const std::string& source,
                                                   std::string_view default_target,
                                                   std::size_t max_per_row, std::size_t limit) {
    auto layout = detect_traffic_layout(text.substr(0, 64 * 1024), source);
    if (!layout) return layout.error();
    std::vector<ReplayRequest> out;
    TrafficRecord rec;
    std::string why;
    for_each_line(text, [&](std::string_view line, std::size_t) {
        if (out.size() >= limit) return false;
        rec = TrafficRecord{};
        if (parse_traffic_line(*layout, line, rec, why) != LineKind::Record) return true;
        ReplayRequest r;
        r.method = std::string(rec.method);
        r.target = std::string(rec.target.empty() ? default_target : rec.target);
        if (!rec.forwarded_for.empty()) {
            r.forwarded_for = std::string(rec.forwarded_for);
        } else {
            auto peer = parse_peer_address(rec.peer);
            if (!peer) return true;
            r.forwarded_for = peer->to_string() + ", 127.0.0.1";
        }
        const std::size_t n = std::size_t(std::min<std::uint64_t>(rec.count, max_per_row));
        for (std::size_t i = 0; i < n && out.size() < limit; ++i)
            out.push_back(r);
        return true;
    });
    if (out.empty()) return Error{"no request to replay", source};
    return out;
}

} // namespace ociproxy
