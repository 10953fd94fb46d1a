#pragma once

#include "core/result.h"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace ociproxy {

// One request as a replayer sends it to a proxy listening on loopback.
struct ReplayRequest {
    std::string method;
    std::string target;        // path and query
    std::string forwarded_for; // X-Forwarded-For that makes the proxy see the row's client
};

// The requests of a traffic text (any format the simulator reads), in order,
// for replaying against a real proxy. Over loopback every peer is 127.0.0.1,
// so the row's client travels in X-Forwarded-For: a row that has the header
// keeps it; a row with only a peer gets "<peer>, 127.0.0.1", whose second
// entry from the end is the client (DESIGN §3). A row's count repeats it, at
// most `max_per_row` times; rows without a target ask for `default_target`.
// Stops after `limit` requests. Bad rows are skipped; a text with no request
// at all is an error naming `source`.
Result<std::vector<ReplayRequest>> replay_requests(std::string_view text, const std::string& source,
                                                   std::string_view default_target,
                                                   std::size_t max_per_row, std::size_t limit);

} // namespace ociproxy
