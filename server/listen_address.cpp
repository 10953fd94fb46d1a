#include "server/listen_address.h"

#include "core/net/ip_address.h"

namespace ociproxy::server {

Result<ListenAddress> ListenAddress::parse(std::string_view text) {
    const auto bad = [&](const char* why) {
        return Error{"invalid listen address '" + std::string(text.substr(0, 80)) + "': " + why,
                     {}};
    };
    const auto colon = text.rfind(':');
    if (colon == std::string_view::npos) return bad("expected ADDR:PORT or :PORT");
    std::string_view host = text.substr(0, colon);
    const std::string_view port = text.substr(colon + 1);
    unsigned value = 0;
    if (port.empty() || port.size() > 5) return bad("invalid port");
    for (char c : port) {
        if (c < '0' || c > '9') return bad("invalid port");
        value = value * 10 + unsigned(c - '0');
    }
    if (value > 65535) return bad("port out of range");
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
        host = host.substr(1, host.size() - 2);
        auto a = IpAddress::parse(host);
        if (!a || a->is_v4()) return bad("invalid IPv6 address");
    } else if (!host.empty() && host != "localhost") {
        auto a = IpAddress::parse(host);
        if (!a || !a->is_v4()) return bad("address must be an IP (IPv6 in brackets) or empty");
    }
    return ListenAddress{std::string(host), std::uint16_t(value)};
}

std::string ListenAddress::to_string() const {
    const bool v6 = host.find(':') != std::string::npos;
    return (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

} // namespace ociproxy::server
