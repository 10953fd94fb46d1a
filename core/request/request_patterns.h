#pragma once

#include <optional>
#include <string_view>

namespace ociproxy {

// The digest of a blob request, matching archeio's
// ^/v2/.*/blobs/([^/]+:[a-zA-Z0-9=_-]+)$ exactly (Go's '.' stops at '\n').
std::optional<std::string_view> blob_digest(std::string_view path);

// A cosign signature or attestation manifest:
// ^/v2/.*/manifests/sha256-[a-f0-9]{64}\.(sig|att)$
bool is_signature_path(std::string_view path);

} // namespace ociproxy
