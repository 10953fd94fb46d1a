#pragma once

#include "core/net/ip_address.h"
#include "core/table/prefix_table.h"

#include <optional>
#include <string>
#include <string_view>

namespace ociproxy {

// The metric label values of DESIGN §6.
enum class RequestKind {
    Blob,
    Manifest,
    Signature,
    Ping,
    Catalog,
    Info,
    Privacy,
    NotFound,
    BadRequest,
    MethodNotAllowed
};
enum class Backend { S3, Default, Upstream, Signature, None };

std::string_view request_kind_name(RequestKind k);
std::string_view backend_name(Backend b);

// One request as the server sees it. An empty forwarded_for means the header
// is absent, as Go's Header.Get makes it.
struct HttpRequest {
    std::string_view method = "GET";
    std::string_view target; // request-target: path and optional "?query", still escaped
    std::string_view peer = "127.0.0.1:0";
    std::string_view forwarded_for; // X-Forwarded-For
};

// The answer, with everything an operator asks "why" about.
struct Decision {
    int status = 0;
    std::string location; // empty unless 307
    std::string reason;   // which rule fired, in words
    RequestKind kind = RequestKind::NotFound;
    Backend backend = Backend::None;

    // Blob requests only.
    std::optional<IpAddress> client_ip;
    std::uint32_t entry = kNoEntry; // matched range entry
    std::string cloud, region, prefix;
    std::string bucket;        // base URL the blob was looked for at (a bucket or the default)
    std::string bucket_name;   // its name in the bucket map, or "default"
    std::string bucket_region; // the bucket's home region (first listed); empty for the default
    std::string digest;
    std::string blob_url;          // bucket + "/containers/images/" + digest
    bool needs_blob_check = false; // status/location hold the upstream fallback until completed
};

} // namespace ociproxy
