#pragma once

#include "core/decide/decision.h"

#include <string>
#include <string_view>

namespace ociproxy {

// A blob GET path: what a request that names none asks for (an IP list's
// rows), and the request operators usually mean by "where does IP X go".
inline constexpr std::string_view kSampleBlobPath =
    "/v2/pause/blobs/sha256:7031c1b283388d2c2e09b57badb803c05ebed362dc88d84b480cc47f72a21097";

// Where an answer sends the request, by name: the bucket for S3 and the
// default base URL ("default"), else the backend ("upstream", "none"). The
// simulator's groups, its drill-down and the Ranges Diff consequences name
// destinations with it, so the same request is named alike everywhere.
inline std::string destination_name(const Decision& d) {
    if (d.backend == Backend::S3 || d.backend == Backend::Default) return d.bucket_name;
    return std::string(backend_name(d.backend));
}

} // namespace ociproxy
