#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace ociproxy {

// Walks the '\n'-separated lines of `text` (without the newline; a last line
// without one counts), calling fn(line, line_number) from 1. fn returns false
// to stop early; the result says whether the walk reached the end.
template <class Fn> bool for_each_line(std::string_view text, Fn&& fn) {
    std::size_t line_no = 0;
    while (!text.empty()) {
        const auto nl = text.find('\n');
        const std::string_view line = text.substr(0, nl);
        text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
        if (!fn(line, ++line_no)) return false;
    }
    return true;
}

// How many '\n' bytes `text` holds. The block reader counts every block's
// lines for their numbers: std::count widened each byte's match into a 64-bit
// sum, a sixth of the parse-only floor. Here 16 bytes at a time add their
// matches into byte counters, summed every 255 rounds before they can wrap;
// the bytes after the last whole 16 (every text's end) are counted one by one.
inline std::size_t count_newlines(std::string_view text) {
    std::size_t count = 0;
    const char* p = text.data();
    const char* const end = p + text.size();
#ifdef __SSE2__
    const __m128i newline = _mm_set1_epi8('\n');
    while (end - p >= 16) {
        __m128i bytes = _mm_setzero_si128(); // per byte lane: matches so far, up to 255
        for (int round = 0; round < 255 && end - p >= 16; ++round, p += 16) {
            const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
            bytes = _mm_sub_epi8(bytes, _mm_cmpeq_epi8(chunk, newline)); // a match is -1
        }
        const __m128i sums = _mm_sad_epu8(bytes, _mm_setzero_si128());
        // Two sums of at most 8 * 255 * 255: their low 32 bits hold them.
        count += std::uint32_t(_mm_cvtsi128_si32(sums)) +
                 std::uint32_t(_mm_cvtsi128_si32(_mm_srli_si128(sums, 8)));
    }
#endif
    for (; p != end; ++p)
        count += *p == '\n';
    return count;
}

// `s` without leading and trailing spaces, tabs and carriage returns.
inline std::string_view trim_blanks(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
        s.remove_suffix(1);
    return s;
}

} // namespace ociproxy
