#pragma once

#include "core/net/ip_address.h"

#include <string_view>

namespace ociproxy {

// The server's peer address as the socket reports it: "IP", "IP:port" or
// "[IPv6]:port" (a bare IPv6 address is accepted too).
Result<IpAddress> parse_peer_address(std::string_view peer);

enum class ClientIpSource { Peer, ForwardedFor };

struct ClientIp {
    IpAddress address;
    ClientIpSource source;
};

// DESIGN §3: without X-Forwarded-For, the peer. Otherwise the header split on
// commas and spaces (empty entries dropped) must have at least two entries,
// and the client is the second from the end: the Google load balancer
// appends "<client-ip>,<lb-ip>" to whatever the client sent. An empty
// header counts as absent, as Go's Header.Get makes it.
Result<ClientIp> client_ip(std::string_view forwarded_for, std::string_view peer);

} // namespace ociproxy
