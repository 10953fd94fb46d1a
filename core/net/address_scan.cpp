#include "core/net/address_scan.h"

#include <bit>
#include <cstring>

#ifdef __SSE2__
#include <emmintrin.h>
#include <tmmintrin.h>
#endif

// The scans need SSSE3 (every x86-64 CPU since about 2011 has it), checked
// at run time: the build targets plain x86-64. Elsewhere they take
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

// Where pshufb moves a dotted quad's last bytes, by its length n: loaded
// from its last 8 bytes (its last 4 when n is 7) into bytes 8 to n - 1 (4 to
// 6); the rest read 0 (index 0x80), the first bytes coming from the load at
// the start.
struct QuadEnds {
    alignas(16) unsigned char at[16][16];
};

constexpr QuadEnds make_quad_ends() {
    QuadEnds e{};
    for (unsigned n = 0; n < 16; ++n)
        for (unsigned i = 0; i < 16; ++i) {
            const unsigned from = n >= 8 ? 8 : 4, loaded_at = n >= 8 ? n - 8 : 3;
            e.at[n][i] =
                n >= 7 && i >= from && i < n ? static_cast<unsigned char>(i - loaded_at) : 0x80;
        }
    return e;
}

constexpr QuadEnds kQuadEnds = make_quad_ends();

// The text's 7 to 15 bytes are read with two loads that stay inside it (its
// first 8 bytes and its last 8, or 4 and 4), straight into vector registers,
// the second's bytes moved to their places by pshufb (zero past the end).
// Built in general registers first, the words went through the stack to
// the vector unit and the scan waited on that store (a tenth of the IPv4
// parse-only time); a vector load of bytes just stored in pieces would
// stall the same way. The form is checked on the masks alone (three dots, fields of 1 to 3 digits,
// no leading zero) and the values are gathered and multiplied in the vector unit, with no loop over
// the fields: their lengths are random in real traffic, and a loop taking
// them one at a time spent more time on the chain of separator positions
// than on the digits.
__attribute__((target("ssse3"))) bool scan_dotted_quad_ssse3(std::string_view text,
                                                             std::uint32_t& out) {
    const std::size_t n = text.size();
    if (n < 7 || n > 15) return false;
    const char* const p = text.data();
    // The first 8 (or 4) bytes, and the last 8 (or 4) moved to their places.
    __m128i head, last;
    if (n >= 8) {
        head = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(p));
        last = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(p + n - 8));
    } else {
        head = _mm_cvtsi32_si128(int(load4(p)));
        last = _mm_cvtsi32_si128(int(load4(p + 3)));
    }
    const __m128i v = _mm_or_si128(
        head,
        _mm_shuffle_epi8(last, _mm_load_si128(reinterpret_cast<const __m128i*>(kQuadEnds.at[n]))));
    const __m128i values = _mm_sub_epi8(v, _mm_set1_epi8('0'));
    // Past the end the bytes are 0: neither a dot, a digit nor a '0'.
    const auto dots = std::uint32_t(movemask(_mm_cmpeq_epi8(v, _mm_set1_epi8('.'))));
    const auto digits = std::uint32_t(movemask(at_most(values, 9)));
    const auto zeros = std::uint32_t(movemask(_mm_cmpeq_epi8(v, _mm_set1_epi8('0'))));
    const std::uint32_t all = (1u << n) - 1;
    // The dots' positions, and each field's length less one: with fewer
    // than three dots countr_zero gives 32 and the lengths fail their check.
    // (Bit 31 stands in for a missing dot, so that countr_zero needs no test
    // for zero.)
    const std::uint32_t second = dots & (dots - 1), third = second & (second - 1);
    const unsigned d0 = unsigned(std::countr_zero(dots | 1u << 31));
    const unsigned d1 = unsigned(std::countr_zero(second | 1u << 31));
    const unsigned d2 = unsigned(std::countr_zero(third | 1u << 31));
    const unsigned l0 = d0 - 1, l1 = d1 - d0 - 2, l2 = d2 - d1 - 2, l3 = unsigned(n) - d2 - 2;
    // Three dots, every field 1 to 3 long. (Bitwise, not &&: each test
    // would be a branch.)
    const bool shaped =
        (third != 0) & ((third & (third - 1)) == 0) & (l0 < 3) & (l1 < 3) & (l2 < 3) & (l3 < 3);
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

// How a full IPv6 address's half (four groups of 1 to 4 hex digits, 256
// shapes) is gathered from a 32-byte window of its digits' values: group g's
// digits go to bytes 4g..4g+3, right-aligned, the missing leading ones
// reading 0. The first half is read from the window starting at the text's
// start, the second from the one ending at its end, so that both windows are
// whole lanes already in registers (a window loaded back from memory at the
// colon's offset waited on the stores of the lanes it spanned). A pshufb
// reaches 16 bytes, so each shape has a pattern per lane of the window.
struct HalfShapes {
    alignas(16) unsigned char lane[256][2][16];
};

constexpr HalfShapes make_half_shapes(bool from_end) {
    HalfShapes s{};
    for (unsigned shape = 0; shape < 256; ++shape) {
        unsigned len[4], span = 3; // the half's bytes, its three colons too
        for (unsigned g = 0; g < 4; ++g)
            span += len[g] = (shape >> (2 * g) & 3) + 1;
        unsigned start = from_end ? 32 - span : 0;
        for (unsigned g = 0; g < 4; ++g) {
            for (unsigned q = 0; q < 4; ++q) {
                const unsigned j = 4 * g + q;
                s.lane[shape][0][j] = s.lane[shape][1][j] = 0x80;
                if (q < 4 - len[g]) continue;
                const unsigned from = start + q - (4 - len[g]);
                s.lane[shape][from / 16][j] = static_cast<unsigned char>(from % 16);
            }
            start += len[g] + 1;
        }
    }
    return s;
}

constexpr HalfShapes kFirstHalf = make_half_shapes(false);
constexpr HalfShapes kSecondHalf = make_half_shapes(true);

// Indices for pshufb that shift a lane by k bytes (0 < k < 16), filling 0:
// loaded at kSlide + 16 - k, toward the end; at kSlide + 16 + k, toward the
// start.
alignas(16) constexpr signed char kSlide[48] = {
    -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128,
    0,    1,    2,    3,    4,    5,    6,    7,    8,    9,    10,   11,   12,   13,   14,   15,
    -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128};

__attribute__((target("ssse3"))) __m128i slide(__m128i v, int by) {
    return _mm_shuffle_epi8(v, lane_at(reinterpret_cast<const char*>(kSlide) + 16 + by));
}

// A half's 8 bytes, in text order, from its window's two lanes of values.
__attribute__((target("ssse3"))) __m128i gather_half(const HalfShapes& shapes, unsigned shape,
                                                     __m128i lane0, __m128i lane1) {
    const auto pattern = [&](int k) {
        return _mm_load_si128(reinterpret_cast<const __m128i*>(shapes.lane[shape][k]));
    };
    const __m128i digits =
        _mm_or_si128(_mm_shuffle_epi8(lane0, pattern(0)), _mm_shuffle_epi8(lane1, pattern(1)));
    // Each pair of digits to one byte: 16 * high + low.
    return _mm_maddubs_epi16(digits, _mm_set1_epi16(0x0110));
}

// 16 to 39 bytes: the masks and the digits' values come from loads at the
// start, at 16 and at the end (overlapping, never past the text). The seven
// colons' positions give the eight groups' lengths, which must each be 1 to
// 4 ("::" is the full parser's); each half of four groups is then gathered by
// its shape, in the vector unit. Taking the groups one at a time, each
// waiting for the previous colon's position, cost four times the
// instructions.
__attribute__((target("ssse3"))) bool scan_full_ipv6_ssse3(std::string_view text, u128& out) {
    const std::size_t n = text.size();
    if (n < 16 || n > kMaxText) return false;
    const char* const p = text.data();
    const HexLane head = hex_lane(lane_at(p));
    const HexLane tail = hex_lane(lane_at(p + n - 16));
    const bool long_text = n >= 32;
    const HexLane mid = long_text ? hex_lane(lane_at(p + 16)) : HexLane{{}, _mm_setzero_si128()};
    const std::uint64_t all = (std::uint64_t(1) << n) - 1;
    const std::uint64_t colons =
        (head.masks.sep | mid.masks.sep << 16 | tail.masks.sep << (n - 16)) & all;
    const std::uint64_t digits =
        head.masks.digit | mid.masks.digit << 16 | tail.masks.digit << (n - 16);
    // The colons' positions; with fewer than seven the lengths fail their
    // check (bit 63 stands in for a missing colon, so that countr_zero needs
    // no test for zero), with more the rest is not zero.
    unsigned at[8];
    std::uint64_t rest = colons;
    for (int c = 0; c < 7; ++c) {
        at[c] = unsigned(std::countr_zero(rest | std::uint64_t(1) << 63));
        rest &= rest - 1;
    }
    at[7] = unsigned(n);
    // Each group's length less one, two bits of its half's shape; any
    // length past 4 (or 0, which wraps) leaves a bit above those two in
    // `over`.
    unsigned shape[2] = {0, 0};
    unsigned over = 0;
    unsigned start = 0;
    for (int g = 0; g < 8; ++g) {
        const unsigned len_less_one = at[g] - start - 1;
        over |= len_less_one;
        shape[g / 4] |= (len_less_one & 3) << (2 * (g % 4));
        start = at[g] + 1;
    }
    if (over >= 4 || rest != 0 || ((colons | digits) & all) != all) return false;
    // The windows: bytes 0-31 and bytes n-32 to n-1. Text shorter than 32
    // has neither lane at 16 nor one at n - 32: they are the other end's
    // lane, shifted (what they hold outside the text is never gathered).
    const int short_by = long_text ? 0 : int(32 - n);
    const __m128i second_of_first = long_text ? mid.nibbles : slide(tail.nibbles, short_by);
    const __m128i first_of_second =
        long_text ? hex_lane(lane_at(p + n - 32)).nibbles : slide(head.nibbles, -short_by);
    const __m128i bytes =
        _mm_packus_epi16(gather_half(kFirstHalf, shape[0], head.nibbles, second_of_first),
                         gather_half(kSecondHalf, shape[1], first_of_second, tail.nibbles));
    // The 16 bytes are the address in network order: reversed, its value.
    const __m128i value =
        _mm_shuffle_epi8(bytes, _mm_set_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15));
    std::memcpy(&out, &value, sizeof out);
    return true;
}

} // namespace

bool address_scans_available() {
    if constexpr (std::endian::native != std::endian::little) return false;
    // A test of a word the compiler's runtime fills in before any static
    // initialiser runs: a flag of our own, set by one, was still false for
    // those of other files (the tests' among them), and a function-local
    // static put a guard and the registers it saves around every parse.
    return __builtin_cpu_supports("ssse3") != 0;
}

bool scan_dotted_quad(std::string_view text, std::uint32_t& out) {
    return address_scans_available() && scan_dotted_quad_ssse3(text, out);
}

bool scan_full_ipv6(std::string_view text, u128& out) {
    return address_scans_available() && scan_full_ipv6_ssse3(text, out);
}

namespace {

// One call for either form: the dotted quad's scan refusing every IPv6 line
// first, each behind its own call and check, was 8% of the parse-only
// floor's instructions.
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
