#pragma once

#include <optional>
#include <string_view>

namespace ociproxy {

// longest: the most specific containing prefix wins (ours, the default).
// first: the shortest containing prefix wins, as archeio's trie answers when
// it stops at the first prefix found walking down from the root.
enum class MatchMode { Longest, First };

constexpr std::string_view match_mode_name(MatchMode m) {
    return m == MatchMode::Longest ? "longest" : "first";
}

inline std::optional<MatchMode> parse_match_mode(std::string_view s) {
    if (s == "longest") return MatchMode::Longest;
    if (s == "first") return MatchMode::First;
    return std::nullopt;
}

} // namespace ociproxy
