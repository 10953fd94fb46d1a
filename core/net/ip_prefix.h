#pragma once

#include "core/net/ip_address.h"

namespace ociproxy {

// A CIDR prefix. Host bits are always zero: parse() masks them, because the
// published range files are read as "this network", and a stray host bit
// must not move a prefix out of the table.
class IpPrefix {
public:
    IpPrefix() = default;
    IpPrefix(IpAddress network, int length); // masks host bits

    static Result<IpPrefix> parse(std::string_view text);

    const IpAddress& network() const { return m_network; }
    int length() const { return m_length; }
    Family family() const { return m_network.family(); }

    // First and last address as integers in the family's width.
    u128 first() const { return m_network.bits(); }
    u128 last() const;

    bool contains(const IpAddress& a) const;
    bool contains(const IpPrefix& inner) const;

    std::string to_string() const;
    void append_to(std::string& out) const;

    friend bool operator==(const IpPrefix&, const IpPrefix&) = default;

private:
    IpAddress m_network;
    int m_length = 0;
};

// Mask with the top `length` bits of a `bits`-wide address set.
u128 prefix_mask(int bits, int length);

} // namespace ociproxy
