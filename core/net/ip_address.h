#pragma once

#include "core/net/uint128.h"
#include "core/result.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace ociproxy {

enum class Family : std::uint8_t { V4, V6 };

constexpr int address_bits(Family f) {
    return f == Family::V4 ? 32 : 128;
}

// An IPv4 or IPv6 address. IPv4 lives in the low 32 bits of `bits`.
class IpAddress {
public:
    IpAddress() = default;
    static IpAddress v4(std::uint32_t bits) { return IpAddress(Family::V4, bits); }
    static IpAddress v6(u128 bits) { return IpAddress(Family::V6, bits); }

    // Strict parsing: dotted-quad IPv4 without leading zeros (they mean octal
    // to some parsers and decimal to others), RFC 4291 IPv6 text with an
    // optional trailing dotted quad. Zone ids, brackets, ports and whitespace
    // are errors: callers that accept those forms strip them first.
    static Result<IpAddress> parse(std::string_view text);
    // parse() without the error: false for exactly what parse() refuses.
    // For the streaming readers (10 M lines), where building a Result cost
    // as much as the parsing; the common forms go through address_scan.h.
    static bool try_parse(std::string_view text, IpAddress& out);
    // try_parse() for text that scan_address() (address_scan.h) already
    // refused: the full parser alone.
    static bool try_parse_unscanned(std::string_view text, IpAddress& out);

    // RFC 5952 canonical text for IPv6 (mixed notation for IPv4-mapped).
    std::string to_string() const;
    void append_to(std::string& out) const;

    Family family() const { return m_family; }
    bool is_v4() const { return m_family == Family::V4; }
    u128 bits() const { return m_bits; }
    std::uint32_t v4_bits() const { return static_cast<std::uint32_t>(m_bits); }

    bool is_v4_mapped() const { return m_family == Family::V6 && (m_bits >> 32) == 0xffff; }
    // ::ffff:a.b.c.d becomes a.b.c.d; anything else is returned unchanged.
    // Dual-stack sockets report IPv4 peers this way, and the range tables only
    // list them as IPv4.
    IpAddress unmapped() const {
        return is_v4_mapped() ? IpAddress::v4(static_cast<std::uint32_t>(m_bits)) : *this;
    }

    friend bool operator==(const IpAddress&, const IpAddress&) = default;

private:
    IpAddress(Family f, u128 bits)
        : m_family(f)
        , m_bits(bits) {}
    Family m_family = Family::V4;
    u128 m_bits = 0;
};

} // namespace ociproxy
