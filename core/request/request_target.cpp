#include "core/request/request_target.h"

namespace ociproxy {

namespace {

bool starts_with_nocase(std::string_view s, std::string_view prefix) {
    if (s.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
        if (c != prefix[i]) return false;
    }
    return true;
}

} // namespace

std::string_view origin_form(std::string_view target) {
    std::size_t skip = 0;
    if (starts_with_nocase(target, "http://"))
        skip = 7;
    else if (starts_with_nocase(target, "https://"))
        skip = 8;
    else
        return target;
    // The authority ends at the first '/', '?' or '#'.
    const std::size_t end = target.find_first_of("/?#", skip);
    if (end == std::string_view::npos) return "/";
    if (target[end] == '/') return target.substr(end);
    // "http://host?q": an empty path is "/"; the query is not routable
    // without a path, so it is dropped with the host.
    return "/";
}

} // namespace ociproxy
