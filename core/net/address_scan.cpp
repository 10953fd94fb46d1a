#include "core/net/address_scan.h"

#include <bit>
#include <cstring>

#ifdef __SSE2__
#include <emmintrin.h>
#include <tmmintrin.h>
#endif

// The scans need SSSE3 (every x86-64 CPU since about 2011 has it), checked
// once at run time: the build targets plain x86-64. Elsewhere they take
// nothing and IpAddress::try_parse falls through to the full parser: a
// scalar copy of them would be code no build here compiles or tests.

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

// How a dotted quad's digits are gathered, by its fields' lengths (each 1
// to 3, 81 shapes): pshufb moves field i's digits to bytes 4i..4i+2 as
// hundreds, tens and units, a missing place reading 0 (index 0x80), so that
// one multiply-add of the bytes by 100, 10, 1, 0 and one of the pairs by 1
// gives the four values in 32-bit lanes.
struct QuadShapes {
    alignas(16) unsigned char gather[81][16];
};

constexpr QuadShapes make_quad_shapes() {
    QuadShapes s{};
    for (unsigned shape = 0; shape < 81; ++shape) {
        const unsigned len[4] = {shape / 27 + 1, shape / 9 % 3 + 1, shape / 3 % 3 + 1,
                                 shape % 3 + 1};
        unsigned start = 0;
        for (unsigned f = 0; f < 4; ++f) {
            unsigned char* g = s.gather[shape] + 4 * f;
            const unsigned units = start + len[f] - 1;
            g[0] = len[f] == 3 ? static_cast<unsigned char>(units - 2) : 0x80;
            g[1] = len[f] >= 2 ? static_cast<unsigned char>(units - 1) : 0x80;
            g[2] = static_cast<unsigned char>(units);
            g[3] = 0x80;
            start += len[f] + 1;
        }
    }
    return s;
}

constexpr QuadShapes kQuadShapes = make_quad_shapes();

// The text's 7 to 15 bytes are read into two words (zero past the end) with
// loads that stay inside it, and the masks are taken from the words in a
// register: a vector load of bytes just stored in pieces would stall on the
// store buffer, which cost more than the parsing. The form is checked on the
// masks alone (three dots, fields of 1 to 3 digits, no leading zero) and the
// values are gathered and multiplied in the vector unit, with no loop over
// the fields: their lengths are random in real traffic, and a loop taking
// them one at a time spent more time on the chain of separator positions
// than on the digits.
__attribute__((target("ssse3"))) bool scan_dotted_quad_ssse3(std::string_view text,
                                                             std::uint32_t& out) {
    const std::size_t n = text.size();
    if (n < 7 || n > 15) return false;
    const char* const p = text.data();
    std::uint64_t w0, w1 = 0;
    if (n >= 8) {
        w0 = load8(p);
        w1 = (load8(p + n - 8) >> (8 * (15 - n))) >> 8;
    } else {
        w0 = load4(p) | std::uint64_t(load4(p + n - 4)) << (8 * (n - 4));
    }
    const __m128i v = _mm_set_epi64x(std::int64_t(w1), std::int64_t(w0));
    const __m128i values = _mm_sub_epi8(v, _mm_set1_epi8('0'));
    // Past the end the bytes are 0: neither a dot, a digit nor a '0'.
    const auto dots = std::uint32_t(movemask(_mm_cmpeq_epi8(v, _mm_set1_epi8('.'))));
    const auto digits = std::uint32_t(movemask(at_most(values, 9)));
    const auto zeros = std::uint32_t(movemask(_mm_cmpeq_epi8(v, _mm_set1_epi8('0'))));
    const std::uint32_t all = (1u << n) - 1;
    // The dots' positions, and each field's length less one: with fewer
    // than three dots countr_zero gives 32 and the lengths fail their check.
    const std::uint32_t second = dots & (dots - 1), third = second & (second - 1);
    const unsigned d0 = unsigned(std::countr_zero(dots));
    const unsigned d1 = unsigned(std::countr_zero(second));
    const unsigned d2 = unsigned(std::countr_zero(third));
    const unsigned l0 = d0 - 1, l1 = d1 - d0 - 2, l2 = d2 - d1 - 2, l3 = unsigned(n) - d2 - 2;
    const bool shaped = third != 0 && (third & (third - 1)) == 0 && l0 < 3 && l1 < 3 && l2 < 3 &&
                        l3 < 3;                         // three dots, every field 1 to 3 long
    const std::uint32_t firsts = (dots << 1 | 1) & all; // each field's first byte
    // A field that starts with '0' and goes on ("01" means octal to some
    // parsers) is refused.
    const bool form = shaped && (dots | digits) == all && (zeros & firsts & (digits >> 1)) == 0;
    const unsigned shape = form ? l0 * 27 + l1 * 9 + l2 * 3 + l3 : 0;
    const __m128i gathered = _mm_shuffle_epi8(
        values, _mm_load_si128(reinterpret_cast<const __m128i*>(kQuadShapes.gather[shape])));
    const __m128i pairs = _mm_maddubs_epi16(gathered, _mm_set1_epi32(0x00010a64)); // 100, 10, 1, 0
    const __m128i fields = _mm_madd_epi16(pairs, _mm_set1_epi16(1));
    const bool in_range = movemask(_mm_cmpgt_epi32(fields, _mm_set1_epi32(255))) == 0;
    if (!(form && in_range)) return false;
    // The low byte of each lane, the first field the most significant.
    out = std::uint32_t(
        _mm_cvtsi128_si32(_mm_shuffle_epi8(fields, _mm_set_epi32(-1, -1, -1, 0x0004080c))));
    return true;
}

// 16 to 39 bytes: the masks and the digits' values come from loads at the
// start, at 16 and at the end (overlapping, never past the text); the values
// are stored in a buffer in the same three 16-byte pieces, the last piece
// last, and each group reads its four bytes there. Converting the digits 16
// at a time, not each group's bytes one by one, took most of the scan's
// instructions away.
__attribute__((target("ssse3"))) bool scan_full_ipv6_ssse3(std::string_view text, u128& out) {
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

// Read once at start-up. Set at static initialisation: a parse before then
// (none is) would see false and take the full parser, which is only slower.
// A function-local static put a guard and the registers it saves around
// every call.
bool detect_ssse3() {
    __builtin_cpu_init();
    return __builtin_cpu_supports("ssse3") != 0;
}
const bool kHasSsse3 = detect_ssse3();

} // namespace

bool address_scans_available() {
    if constexpr (std::endian::native != std::endian::little) return false;
    return kHasSsse3;
}

bool scan_dotted_quad(std::string_view text, std::uint32_t& out) {
    return address_scans_available() && scan_dotted_quad_ssse3(text, out);
}

bool scan_full_ipv6(std::string_view text, u128& out) {
    return address_scans_available() && scan_full_ipv6_ssse3(text, out);
}

namespace {

// One call for either form: the dotted quad's scan refusing every IPv6 line
// first, each behind its own call and check, cost a fifth of the parsing.
__attribute__((target("ssse3"))) ScannedForm scan_address_ssse3(std::string_view text, u128& out) {
    if (text.size() <= 15) {
        std::uint32_t v4;
        if (!scan_dotted_quad_ssse3(text, v4)) return ScannedForm::None;
        out = v4;
        return ScannedForm::V4;
    }
    return scan_full_ipv6_ssse3(text, out) ? ScannedForm::V6 : ScannedForm::None;
}

} // namespace

ScannedForm scan_address(std::string_view text, u128& out) {
    return address_scans_available() ? scan_address_ssse3(text, out) : ScannedForm::None;
}

#else

bool address_scans_available() {
    return false;
}

ScannedForm scan_address(std::string_view, u128&) {
    return ScannedForm::None;
}

bool scan_dotted_quad(std::string_view, std::uint32_t&) {
    return false;
}

bool scan_full_ipv6(std::string_view, u128&) {
    return false;
}

#endif

} // namespace ociproxy
