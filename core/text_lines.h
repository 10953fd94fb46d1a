#pragma once

#include <cstddef>
#include <string_view>

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

// `s` without leading and trailing spaces, tabs and carriage returns.
inline std::string_view trim_blanks(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
        s.remove_suffix(1);
    return s;
}

} // namespace ociproxy
