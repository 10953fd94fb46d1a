#include "core/request/client_ip.h"

#include <array>

namespace ociproxy {
namespace {

bool valid_port(std::string_view p) {
    if (p.empty() || p.size() > 5) return false;
    unsigned v = 0;
    for (char c : p) {
        if (c < '0' || c > '9') return false;
        v = v * 10 + unsigned(c - '0');
    }
    return v <= 65535;
}

Error bad_peer(std::string_view peer, std::string_view why) {
    return Error{"peer address '" + std::string(peer.substr(0, 80)) + "' " + std::string(why), {}};
}

} // namespace

Result<IpAddress> parse_peer_address(std::string_view peer) {
    if (!peer.empty() && peer.front() == '[') {
        const auto close = peer.find(']');
        if (close == std::string_view::npos) return bad_peer(peer, "has an unterminated '['");
        const std::string_view rest = peer.substr(close + 1);
        if (!rest.empty() && (rest.front() != ':' || !valid_port(rest.substr(1))))
            return bad_peer(peer, "has an invalid port");
        auto a = IpAddress::parse(peer.substr(1, close - 1));
        if (!a || a->is_v4()) return bad_peer(peer, "is not [IPv6]:port");
        return a;
    }
    const auto colon = peer.find(':');
    if (colon != std::string_view::npos && peer.find(':', colon + 1) == std::string_view::npos) {
        if (!valid_port(peer.substr(colon + 1))) return bad_peer(peer, "has an invalid port");
        auto a = IpAddress::parse(peer.substr(0, colon));
        if (!a) return bad_peer(peer, "is not IP:port");
        return a;
    }
    auto a = IpAddress::parse(peer);
    if (!a) return bad_peer(peer, "is not an IP address");
    return a;
}

Result<ClientIp> client_ip(std::string_view xff, std::string_view peer) {
    // HTTP strips optional whitespace (spaces and tabs) around a field value.
    while (!xff.empty() && (xff.front() == ' ' || xff.front() == '\t'))
        xff.remove_prefix(1);
    while (!xff.empty() && (xff.back() == ' ' || xff.back() == '\t'))
        xff.remove_suffix(1);
    if (xff.empty()) {
        auto a = parse_peer_address(peer);
        if (!a) return a.error();
        return ClientIp{*a, ClientIpSource::Peer};
    }
    // Only the last two entries matter; keep a ring of them while splitting.
    std::array<std::string_view, 2> tail{};
    std::size_t count = 0;
    std::size_t i = 0;
    while (i < xff.size()) {
        while (i < xff.size() && (xff[i] == ',' || xff[i] == ' '))
            ++i;
        if (i >= xff.size()) break;
        std::size_t j = i;
        while (j < xff.size() && xff[j] != ',' && xff[j] != ' ')
            ++j;
        tail[count % 2] = xff.substr(i, j - i);
        ++count;
        i = j;
    }
    if (count < 2) {
        return Error{"X-Forwarded-For '" + std::string(xff.substr(0, 80)) +
                         "' has fewer than two entries (expected '<client>, <load balancer>')",
                     {}};
    }
    const std::string_view entry = tail[count % 2]; // second from the end
    auto a = IpAddress::parse(entry);
    if (!a) {
        return Error{"X-Forwarded-For client entry '" + std::string(entry.substr(0, 80)) +
                         "' is not an IP address",
                     {}};
    }
    return ClientIp{*a, ClientIpSource::ForwardedFor};
}

} // namespace ociproxy
