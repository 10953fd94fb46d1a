#include "core/net/ip_address.h"

#include "core/net/address_scan.h"

#include <array>

namespace ociproxy {
namespace {

Error bad(std::string_view text, std::string_view why) {
    std::string shown(text.substr(0, 64));
    if (text.size() > 64) shown += "...";
    return Error{"'" + shown + "' is not an IP address: " + std::string(why), {}};
}

// Parses exactly a dotted quad: nullptr, or why it is not one. A reason as
// a pointer to a literal costs the success path nothing; the streaming
// readers parse 10 M lines and never look at it.
const char* parse_v4(std::string_view s, std::uint32_t& out) {
    const char* p = s.data();
    const char* const end = p + s.size();
    const auto digit = [&](const char* q) {
        return q != end && static_cast<unsigned char>(*q - '0') <= 9;
    };
    std::uint32_t value = 0;
    for (int octet = 0; octet < 4; ++octet) {
        if (!digit(p))
            return octet == 0 ? "expected a decimal octet" : "expected four dot-separated octets";
        unsigned v = unsigned(*p++ - '0');
        if (digit(p)) {
            if (v == 0) return "octet with a leading zero";
            v = v * 10 + unsigned(*p++ - '0');
            if (digit(p)) {
                v = v * 10 + unsigned(*p++ - '0');
                if (v > 255 || digit(p)) return "octet out of range";
            }
        }
        value = (value << 8) | v;
        if (octet < 3) {
            if (p == end || *p != '.') return "expected four dot-separated octets";
            ++p;
        }
    }
    if (p != end) return "trailing characters";
    out = value;
    return nullptr;
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

// RFC 4291 text: nullptr, or why it is not an IPv6 address.
const char* parse_v6(std::string_view s, u128& out) {
    std::array<std::uint16_t, 8> groups{};
    int count = 0;
    int gap = -1; // group index where "::" sits
    std::size_t i = 0;
    if (s.size() >= 2 && s[0] == ':' && s[1] == ':') {
        gap = 0;
        i = 2;
    } else if (!s.empty() && s[0] == ':') {
        return "leading single colon";
    }
    while (i < s.size()) {
        if (count == 8) return "too many groups";
        // A dotted quad may end the address and fills two groups.
        std::size_t j = i;
        unsigned g = 0;
        for (int h; j < s.size() && (h = hex_value(s[j])) >= 0; ++j)
            g = (g << 4) | unsigned(h);
        if (j < s.size() && s[j] == '.') {
            if (count > 6) return "embedded IPv4 address in the wrong place";
            std::uint32_t v4 = 0;
            if (const char* why = parse_v4(s.substr(i), v4)) return why;
            groups[std::size_t(count++)] = std::uint16_t(v4 >> 16);
            groups[std::size_t(count++)] = std::uint16_t(v4 & 0xffff);
            i = s.size();
            break;
        }
        if (j == i) return s[i] == '%' ? "zone ids are not accepted" : "expected a hex group";
        if (j - i > 4) return "hex group longer than 4 digits";
        groups[std::size_t(count++)] = std::uint16_t(g);
        i = j;
        if (i == s.size()) break;
        if (s[i] != ':') return s[i] == '%' ? "zone ids are not accepted" : "unexpected character";
        ++i;
        if (i < s.size() && s[i] == ':') {
            if (gap >= 0) return "more than one '::'";
            gap = count;
            ++i;
        } else if (i == s.size()) {
            return "trailing single colon";
        }
    }
    if (gap < 0 && count != 8) return "expected 8 groups";
    if (gap >= 0 && count == 8) return "'::' must stand for at least one group";
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
    return nullptr;
}

// Why `text` is not an address, or nullptr with `out` set. IPv4 first: it
// fails within a few characters on IPv6 text.
const char* parse_any(std::string_view text, IpAddress& out) {
    std::uint32_t v4 = 0;
    const char* why_v4 = parse_v4(text, v4);
    if (!why_v4) {
        out = IpAddress::v4(v4);
        return nullptr;
    }
    if (text.find(':') == std::string_view::npos) return text.empty() ? "empty" : why_v4;
    u128 v = 0;
    if (const char* why = parse_v6(text, v)) return why;
    out = IpAddress::v6(v);
    return nullptr;
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
    IpAddress a;
    if (const char* why = parse_any(text, a)) return bad(text, why);
    return a;
}

bool IpAddress::try_parse(std::string_view text, IpAddress& out) {
    u128 bits;
    switch (scan_address(text, bits)) {
    case ScannedForm::V4:
        out = IpAddress::v4(std::uint32_t(bits));
        return true;
    case ScannedForm::V6:
        out = IpAddress::v6(bits);
        return true;
    case ScannedForm::None:
        break;
    }
    return parse_any(text, out) == nullptr;
}

bool IpAddress::try_parse_unscanned(std::string_view text, IpAddress& out) {
    return parse_any(text, out) == nullptr;
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
