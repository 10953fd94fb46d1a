#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ociproxy::server {

// An absolute http(s) URL taken apart for a client request.
struct UrlParts {
    bool tls = false;
    std::string host;        // without brackets
    std::string port;        // "443"/"80" when not given
    std::string target;      // path, at least "/"
    std::string host_header; // as the Host header spells it

    // Connections are pooled by this key.
    std::string pool_key() const { return (tls ? "https://" : "http://") + host_header; }

    static std::optional<UrlParts> parse(std::string_view url);
};

} // namespace ociproxy::server
