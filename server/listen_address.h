#pragma once

#include "core/result.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace ociproxy::server {

// "ADDR:PORT", "[IPv6]:PORT" or ":PORT" (all interfaces, IPv4 and IPv6).
struct ListenAddress {
    std::string host; // empty: all interfaces
    std::uint16_t port = 0;

    static Result<ListenAddress> parse(std::string_view text);
    std::string to_string() const;
};

} // namespace ociproxy::server
