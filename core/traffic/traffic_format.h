#pragma once

#include "core/net/ip_address.h"
#include "core/result.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ociproxy {

// The traffic files the simulator reads (DESIGN §5), detected from content.
enum class TrafficFormat { IpList, Csv, CloudLogging, AccessLog, Combined };

const char* traffic_format_name(TrafficFormat f);

// A format plus what its header said (CSV column positions).
struct TrafficLayout {
    TrafficFormat format = TrafficFormat::IpList;
    int ip = -1, xff = -1, path = -1, method = -1, count = -1, bytes = -1; // CSV columns
};

// One request (or `count` alike) read from a traffic line. Views point into
// the line, or into `scratch` for values that had to be unescaped.
struct TrafficRecord {
    std::string_view peer;          // the client as a peer address ("IP" or "IP:port")
    std::string_view forwarded_for; // an X-Forwarded-For value, when the line has one
    std::string_view method = "GET";
    std::string_view target; // path and query; empty: the scenario's default blob path
    std::uint64_t count = 1;
    std::optional<std::uint64_t> bytes; // per request
    std::string scratch;
};

enum class LineKind { Record, Skip, Bad };

// Detects the format from the first line that is not blank or a '#'
// comment. `source` names the input in the error.
Result<TrafficLayout> detect_traffic_format(std::string_view first_line, const std::string& source);

// The layout of a traffic input from its start (the first bytes of a file
// are enough): its first line that is not blank or a '#' comment, or the
// first element of a JSON array (a Cloud Logging export). The simulator, the
// console's "is this dropped file traffic?" and the parse-only benchmark all
// ask here.
Result<TrafficLayout> detect_traffic_layout(std::string_view head, const std::string& source);

// Reads one line. Bad lines say why in `why`; blank lines, comments and a
// CSV header are Skip.
LineKind parse_traffic_line(const TrafficLayout& layout, std::string_view line, TrafficRecord& out,
                            std::string& why);

} // namespace ociproxy
