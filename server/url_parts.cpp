#include "server/url_parts.h"

namespace ociproxy::server {

std::optional<UrlParts> UrlParts::parse(std::string_view url) {
    UrlParts u;
    if (url.substr(0, 8) == "https://") {
        u.tls = true;
        url.remove_prefix(8);
    } else if (url.substr(0, 7) == "http://") {
        url.remove_prefix(7);
    } else {
        return std::nullopt;
    }
    const auto slash = url.find('/');
    const std::string_view authority = url.substr(0, slash);
    u.target = slash == std::string_view::npos ? "/" : std::string(url.substr(slash));
    if (authority.empty()) return std::nullopt;
    u.host_header = std::string(authority);
    std::string_view host = authority;
    std::string_view port;
    if (host.front() == '[') {
        const auto close = host.find(']');
        if (close == std::string_view::npos) return std::nullopt;
        if (close + 1 < host.size()) {
            if (host[close + 1] != ':') return std::nullopt;
            port = host.substr(close + 2);
        }
        host = host.substr(1, close - 1);
    } else if (const auto colon = host.rfind(':'); colon != std::string_view::npos) {
        port = host.substr(colon + 1);
        host = host.substr(0, colon);
    }
    if (host.empty()) return std::nullopt;
    u.host = std::string(host);
    u.port = port.empty() ? (u.tls ? "443" : "80") : std::string(port);
    return u;
}

} // namespace ociproxy::server
