#include "core/net/ip_address.h"

#include <array>

namespace ociproxy {
namespace {

Error bad(std::string_view text, std::string_view why) {
    std::string shown(text.substr(0, 64));
    if (text.size() > 64) shown += "...";
    return Error{"'" + shown + "' is not an IP address: " + std::string(why), {}};
}

// Parses exactly a dotted quad; returns false on any deviation. This is the
// hot path of `oci-route lookup` (10 M lines), hence the unrolled digits.
bool parse_v4(std::string_view s, std::uint32_t& out, std::string_view& why) {
    const char* p = s.data();
    const char* const end = p + s.size();
    const auto digit = [&](const char* q) {
        return q != end && static_cast<unsigned char>(*q - '0') <= 9;
    };
    std::uint32_t value = 0;
    for (int octet = 0; octet < 4; ++octet) {
        if (!digit(p)) {
            why = octet == 0 ? "expected a decimal octet" : "expected four dot-separated octets";
            return false;
        }
        unsigned v = unsigned(*p++ - '0');
        if (digit(p)) {
            if (v == 0) {
                why = "octet with a leading zero";
                return false;
            }
            v = v * 10 + unsigned(*p++ - '0');
            if (digit(p)) {
                v = v * 10 + unsigned(*p++ - '0');
                if (v > 255 || digit(p)) {
                    why = "octet out of range";
                    return false;
                }
            }
        }
        value = (value << 8) | v;
        if (octet < 3) {
            if (p == end || *p != '.') {
                why = "expected four dot-separated octets";
                return false;
            }
            ++p;
        }
    }
    if (p != end) {
        why = "trailing characters";
        return false;
    }
    out = value;
    return true;
}

// Hex digit values, -1 for anything else: a table, because the three range
// tests mispredict on random hex text (IPv6 parsing was 4x slower).
constexpr std::array<std::int8_t, 256> kHex = [] {
    std::array<std::int8_t, 256> t{};
    for (auto& v : t)
        v = -1;
    for (int c = 0; c < 10; ++c)
        t[std::size_t('0' + c)] = std::int8_t(c);
    for (int c = 0; c < 6; ++c) {
        t[std::size_t('a' + c)] = std::int8_t(10 + c);
        t[std::size_t('A' + c)] = std::int8_t(10 + c);
    }
    return t;
}();

int hex_value(char c) {
    return kHex[static_cast<unsigned char>(c)];
}

bool parse_v6(std::string_view s, u128& out, std::string_view& why) {
    std::array<std::uint16_t, 8> groups{};
    int count = 0;
    int gap = -1; // group index where "::" sits
    std::size_t i = 0;
    if (s.size() >= 2 && s[0] == ':' && s[1] == ':') {
        gap = 0;
        i = 2;
    } else if (!s.empty() && s[0] == ':') {
        why = "leading single colon";
        return false;
    }
    while (i < s.size()) {
        if (count == 8) {
            why = "too many groups";
            return false;
        }
        // A dotted quad may end the address and fills two groups.
        std::size_t j = i;
        unsigned g = 0;
        for (int h; j < s.size() && (h = hex_value(s[j])) >= 0; ++j)
            g = (g << 4) | unsigned(h);
        if (j < s.size() && s[j] == '.') {
            std::uint32_t v4 = 0;
            if (count > 6 || !parse_v4(s.substr(i), v4, why)) {
                if (count > 6) why = "embedded IPv4 address in the wrong place";
                return false;
            }
            groups[std::size_t(count++)] = std::uint16_t(v4 >> 16);
            groups[std::size_t(count++)] = std::uint16_t(v4 & 0xffff);
            i = s.size();
            break;
        }
        if (j == i) {
            why = s[i] == '%' ? "zone ids are not accepted" : "expected a hex group";
            return false;
        }
        if (j - i > 4) {
            why = "hex group longer than 4 digits";
            return false;
        }
        groups[std::size_t(count++)] = std::uint16_t(g);
        i = j;
        if (i == s.size()) break;
        if (s[i] != ':') {
            why = s[i] == '%' ? "zone ids are not accepted" : "unexpected character";
            return false;
        }
        ++i;
        if (i < s.size() && s[i] == ':') {
            if (gap >= 0) {
                why = "more than one '::'";
                return false;
            }
            gap = count;
            ++i;
        } else if (i == s.size()) {
            why = "trailing single colon";
            return false;
        }
    }
    if (gap < 0 && count != 8) {
        why = "expected 8 groups";
        return false;
    }
    if (gap >= 0 && count == 8) {
        why = "'::' must stand for at least one group";
        return false;
    }
    u128 v = 0;
    const int zeros = 8 - count;
    int g = 0;
    for (int k = 0; k < 8; ++k) {
        std::uint16_t word = 0;
        if (gap >= 0 && k >= gap && k < gap + zeros) {
            word = 0;
        } else {
            word = groups[std::size_t(g++)];
        }
        v = (v << 16) | word;
    }
    out = v;
    return true;
}

void append_v4(std::string& out, std::uint32_t v) {
    char buf[16];
    char* p = buf;
    for (int shift = 24; shift >= 0; shift -= 8) {
        unsigned o = (v >> shift) & 0xff;
        if (o >= 100) *p++ = char('0' + o / 100);
        if (o >= 10) *p++ = char('0' + (o / 10) % 10);
        *p++ = char('0' + o % 10);
        if (shift) *p++ = '.';
    }
    out.append(buf, std::size_t(p - buf));
}

} // namespace

Result<IpAddress> IpAddress::parse(std::string_view text) {
    std::string_view why = "empty";
    std::uint32_t v4 = 0;
    // IPv4 first: it fails within a few characters on IPv6 text.
    if (parse_v4(text, v4, why)) return IpAddress::v4(v4);
    if (text.find(':') != std::string_view::npos) {
        u128 v = 0;
        if (parse_v6(text, v, why)) return IpAddress::v6(v);
    } else if (text.empty()) {
        why = "empty";
    }
    return bad(text, why);
}

void IpAddress::append_to(std::string& out) const {
    if (m_family == Family::V4) {
        append_v4(out, v4_bits());
        return;
    }
    std::array<unsigned, 8> g{};
    for (int k = 0; k < 8; ++k)
        g[std::size_t(k)] = unsigned(m_bits >> (112 - 16 * k)) & 0xffff;
    if (is_v4_mapped()) {
        out += "::ffff:";
        append_v4(out, v4_bits());
        return;
    }
    // RFC 5952 §4.2: the longest run of two or more zero groups becomes
    // "::"; on a tie the first run wins.
    int best = -1, best_len = 1;
    for (int k = 0; k < 8;) {
        if (g[std::size_t(k)] != 0) {
            ++k;
            continue;
        }
        int e = k;
        while (e < 8 && g[std::size_t(e)] == 0)
            ++e;
        if (e - k > best_len) {
            best = k;
            best_len = e - k;
        }
        k = e;
    }
    static constexpr char digits[] = "0123456789abcdef";
    for (int k = 0; k < 8; ++k) {
        if (k == best) {
            out += "::";
            k += best_len - 1;
            continue;
        }
        if (k > 0 && k != best + best_len) out += ':';
        unsigned v = g[std::size_t(k)];
        bool started = false;
        for (int shift = 12; shift >= 0; shift -= 4) {
            unsigned d = (v >> shift) & 0xf;
            if (d || started || shift == 0) {
                out += digits[d];
                started = true;
            }
        }
    }
}

std::string IpAddress::to_string() const {
    std::string s;
    append_to(s);
    return s;
}

} // namespace ociproxy
