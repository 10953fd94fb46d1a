#include "core/net/address_scan.h"

#include <bit>
#include <cstring>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

// The scans need SSE2 (every x86-64 has it). Elsewhere they take nothing
// and IpAddress::try_parse falls through to the full parser: a scalar copy
// of them would be code no build here compiles or tests.

namespace ociproxy {

#ifdef __SSE2__
namespace {

// The longest text either form can have: 8 groups of 4 and 7 colons.
constexpr std::size_t kMaxText = 39;

// Byte masks of a text: bit i describes byte i.
struct Masks {
    std::uint64_t sep = 0;   // the separator ('.' or ':')
    std::uint64_t digit = 0; // a digit of the field's base
};

std::uint64_t load8(const char* p) {
    std::uint64_t v;
    std::memcpy(&v, p, 8);
    return v;
}

std::uint32_t load4(const char* p) {
    std::uint32_t v;
    std::memcpy(&v, p, 4);
    return v;
}

using Lane = __m128i;

Lane lane_at(const char* p) {
    return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
}

std::uint64_t movemask(__m128i v) {
    return static_cast<std::uint32_t>(_mm_movemask_epi8(v));
}

// Unsigned x <= limit, per byte (SSE2 has no unsigned byte compare).
__m128i at_most(__m128i x, char limit) {
    return _mm_cmpeq_epi8(_mm_min_epu8(x, _mm_set1_epi8(limit)), x);
}

Masks decimal_masks(Lane v) {
    return {movemask(_mm_cmpeq_epi8(v, _mm_set1_epi8('.'))),
            movemask(at_most(_mm_sub_epi8(v, _mm_set1_epi8('0')), 9))};
}

// A hex lane: its masks, and every byte's value as a digit (0 where it is
// not one), so that a group's value is its bytes put together.
struct HexLane {
    Masks masks;
    __m128i nibbles;
};

HexLane hex_lane(Lane v) {
    const __m128i dec_value = _mm_sub_epi8(v, _mm_set1_epi8('0'));
    const __m128i dec = at_most(dec_value, 9);
    // Setting bit 0x20 folds 'A'-'F' onto 'a'-'f' and maps no other byte there.
    const __m128i low = _mm_or_si128(v, _mm_set1_epi8(0x20));
    const __m128i alpha_value = _mm_sub_epi8(low, _mm_set1_epi8('a'));
    const __m128i alpha = at_most(alpha_value, 5);
    const __m128i nibbles =
        _mm_or_si128(_mm_and_si128(dec, dec_value),
                     _mm_and_si128(alpha, _mm_add_epi8(alpha_value, _mm_set1_epi8(10))));
    return {{movemask(_mm_cmpeq_epi8(v, _mm_set1_epi8(':'))), movemask(_mm_or_si128(dec, alpha))},
            nibbles};
}

// The fields of a text between its separators, from its masks: each next()
// gives a field's start and length, the last field running to the end. Too
// few separators leave a field running to bit 64, too long to pass; too many
// are left over for done() to refuse.
class Fields {
public:
    // false when a byte is neither a separator nor a digit.
    bool take(const Masks& m, std::size_t n) {
        const std::uint64_t all = (std::uint64_t(1) << n) - 1;
        m_seps = m.sep & all;
        m_n = n;
        return ((m_seps | m.digit) & all) == all;
    }
    std::size_t next(bool last, std::size_t& start) {
        start = m_start;
        std::size_t end = m_n;
        if (!last) {
            end = std::size_t(std::countr_zero(m_seps));
            m_seps &= m_seps - 1;
        }
        m_start = end + 1;
        return end - start;
    }
    bool done() const { return m_seps == 0; }

private:
    std::uint64_t m_seps = 0;
    std::size_t m_n = 0, m_start = 0;
};

} // namespace

// The text's 7 to 15 bytes are read into two words (zero past the end) with
// loads that stay inside it, and the masks are taken from the words in a
// register: a vector load of bytes just stored in pieces would stall on the
// store buffer, which cost more than the parsing.
bool scan_dotted_quad(std::string_view text, std::uint32_t& out) {
    if constexpr (std::endian::native != std::endian::little) return false;
    const std::size_t n = text.size();
    if (n < 7 || n > 15) return false;
    const char* const p = text.data();
    std::uint64_t w[3] = {0, 0, 0}; // the third word: reads just past a field
    if (n >= 8) {
        w[0] = load8(p);
        w[1] = (load8(p + n - 8) >> (8 * (15 - n))) >> 8;
    } else {
        w[0] = load4(p) | std::uint64_t(load4(p + n - 4)) << (8 * (n - 4));
    }
    const auto* const b = reinterpret_cast<const unsigned char*>(w);
    const Masks m = decimal_masks(_mm_set_epi64x(std::int64_t(w[1]), std::int64_t(w[0])));
    Fields fields;
    if (!fields.take(m, n)) return false;
    // Multipliers of a field's first three bytes by its length: bytes past
    // its end (a dot, the next field, the zero padding) are multiplied by 0.
    static constexpr unsigned kMul[4][3] = {{0, 0, 0}, {1, 0, 0}, {10, 1, 0}, {100, 10, 1}};
    std::uint32_t value = 0;
    bool bad = false;
    for (int field = 0; field < 4; ++field) {
        std::size_t start;
        const std::size_t len = fields.next(field == 3, start);
        const std::size_t l = len <= 3 ? len : 0;
        const std::size_t at = l ? start : 0; // in the words, whatever the field
        const unsigned d0 = b[at] - '0', d1 = b[at + 1] - '0', d2 = b[at + 2] - '0';
        const unsigned v = d0 * kMul[l][0] + d1 * kMul[l][1] + d2 * kMul[l][2];
        // Empty or too long, a leading zero ("01" means octal to some
        // parsers), or past 255.
        bad |= l == 0 || (l > 1 && d0 == 0) || v > 255;
        value = (value << 8) | (v & 0xff);
    }
    if (bad || !fields.done()) return false; // a fourth dot
    out = value;
    return true;
}

// 16 to 39 bytes: the masks and the digits' values come from loads at the
// start, at 16 and at the end (overlapping, never past the text); the values
// are stored in a buffer in the same three 16-byte pieces, the last piece
// last, and each group reads its four bytes there. Converting the digits 16
// at a time, not each group's bytes one by one, took most of the scan's
// instructions away.
bool scan_full_ipv6(std::string_view text, u128& out) {
    if constexpr (std::endian::native != std::endian::little) return false;
    const std::size_t n = text.size();
    if (n < 16 || n > kMaxText) return false;
    const char* const p = text.data();
    const HexLane head = hex_lane(lane_at(p));
    const HexLane tail = hex_lane(lane_at(p + n - 16));
    const HexLane mid = n >= 32 ? hex_lane(lane_at(p + 16)) : HexLane{{}, _mm_setzero_si128()};
    alignas(16) unsigned char b[48];
    const auto store = [&b](std::size_t at, __m128i v) {
        _mm_storeu_si128(reinterpret_cast<__m128i*>(b + at), v);
    };
    store(32, _mm_setzero_si128()); // what a group's value reads past the end
    store(0, head.nibbles);
    store(16, mid.nibbles);
    store(n - 16, tail.nibbles);
    const Masks m{head.masks.sep | mid.masks.sep << 16 | tail.masks.sep << (n - 16),
                  head.masks.digit | mid.masks.digit << 16 | tail.masks.digit << (n - 16)};
    Fields fields;
    if (!fields.take(m, n)) return false;
    std::uint64_t half[2] = {0, 0}; // groups 0-3 and 4-7: two short chains, not one of u128
    bool bad = false;
    for (int group = 0; group < 8; ++group) {
        std::size_t start;
        const std::size_t len = fields.next(group == 7, start);
        const std::size_t l = len <= 4 ? len : 0;
        const unsigned char* g = b + (l ? start : 0);
        // Four values from the group's start; those past its end (a colon's
        // 0, the next group, the zeros) are shifted out.
        const unsigned four =
            unsigned(g[0]) << 12 | unsigned(g[1]) << 8 | unsigned(g[2]) << 4 | unsigned(g[3]);
        bad |= l == 0; // an empty group ("::", a leading or trailing colon) or a long one
        half[group / 4] = (half[group / 4] << 16) | ((four >> (4 * (4 - l))) & 0xffffu);
    }
    if (bad || !fields.done()) return false; // an eighth colon
    out = u128(half[0]) << 64 | half[1];
    return true;
}

#else

bool scan_dotted_quad(std::string_view, std::uint32_t&) {
    return false;
}

bool scan_full_ipv6(std::string_view, u128&) {
    return false;
}

#endif

} // namespace ociproxy
