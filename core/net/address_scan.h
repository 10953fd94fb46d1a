#pragma once

#include "core/net/uint128.h"

#include <cstdint>
#include <string_view>

namespace ociproxy {

// Branch-light parsers for the two forms that fill real traffic files: a
// dotted quad and a full eight-group IPv6 address. On random addresses the
// character-at-a-time parser mispredicts at every octet or group end (its
// length is random), which made parsing most of the streaming readers' time.
// These find the separators with byte masks and take each field's length
// from them instead.
//
// Each accepts exactly what IpAddress::parse accepts of its form and nothing
// else; false means "not this form", never "not an address": "::",
// embedded dotted quads and IPv6 text shorter than 16 bytes are left to the
// full parser, and so is everything where address_scans_available() is
// false (a CPU without SSSE3, a target other than x86).
bool address_scans_available();
bool scan_dotted_quad(std::string_view text, std::uint32_t& out);
bool scan_full_ipv6(std::string_view text, u128& out);

// Either of the two, chosen by the text's length: IpAddress::try_parse's
// fast path. An IPv4 address comes back in the low 32 bits.
enum class ScannedForm { None, V4, V6 };
ScannedForm scan_address(std::string_view text, u128& out);

} // namespace ociproxy
