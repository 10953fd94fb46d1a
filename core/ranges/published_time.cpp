#include "core/ranges/published_time.h"

#include <array>
#include <chrono>

namespace ociproxy {

namespace {

// Reads `width` digits at `pos`; nullopt when any is not a digit.
std::optional<int> digits(std::string_view s, std::size_t pos, std::size_t width) {
    if (pos + width > s.size()) return std::nullopt;
    int v = 0;
    for (std::size_t i = pos; i < pos + width; ++i) {
        if (s[i] < '0' || s[i] > '9') return std::nullopt;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

} // namespace

std::optional<std::int64_t> published_unix_seconds(std::string_view s) {
    // Both layouts are YYYY?MM?DD?hh?mm?ss with one separator between fields;
    // Google adds a fraction, which is dropped.
    constexpr std::array<std::size_t, 6> pos = {0, 5, 8, 11, 14, 17};
    constexpr std::array<std::size_t, 6> width = {4, 2, 2, 2, 2, 2};
    std::array<int, 6> f{};
    for (std::size_t i = 0; i < pos.size(); ++i) {
        const auto v = digits(s, pos[i], width[i]);
        if (!v) return std::nullopt;
        f[i] = *v;
    }
    for (std::size_t sep : {4u, 7u, 10u, 13u, 16u})
        if (s[sep] != '-' && s[sep] != 'T' && s[sep] != ':' && s[sep] != ' ') return std::nullopt;
    if (s.size() > 19 && s[19] != '.' && s[19] != 'Z') return std::nullopt;
    using namespace std::chrono;
    const year_month_day ymd{year{f[0]}, month{unsigned(f[1])}, day{unsigned(f[2])}};
    if (!ymd.ok() || f[3] > 23 || f[4] > 59 || f[5] > 60) return std::nullopt;
    const auto t = sys_days{ymd} + hours{f[3]} + minutes{f[4]} + seconds{f[5]};
    return std::int64_t(duration_cast<seconds>(t.time_since_epoch()).count());
}

} // namespace ociproxy
