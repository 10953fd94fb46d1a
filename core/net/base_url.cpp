#include "core/net/base_url.h"

#include "core/net/ip_address.h"

#include <cctype>

namespace ociproxy {
namespace {

bool is_alpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

Status bad(std::string_view url, const std::string& why) {
    std::string shown(url.substr(0, 120));
    return Error{"invalid URL '" + shown + "': " + why, {}};
}

Status check_host(std::string_view url, std::string_view host) {
    if (host.empty()) return bad(url, "missing host");
    if (host.front() == '[') {
        if (host.back() != ']') return bad(url, "unterminated IPv6 literal");
        auto a = IpAddress::parse(host.substr(1, host.size() - 2));
        if (!a || a->is_v4()) return bad(url, "invalid IPv6 literal");
        return {};
    }
    if (IpAddress::parse(host)) return {};
    if (host == "localhost") return {};
    std::size_t start = 0;
    std::string_view last;
    while (true) {
        const auto dot = host.find('.', start);
        const std::string_view label = host.substr(start, dot - start);
        if (label.empty() || label.size() > 63) return bad(url, "empty or overlong host label");
        if (label.front() == '-' || label.back() == '-')
            return bad(url, "host label starts or ends with '-'");
        for (char c : label)
            if (!is_alpha(c) && !is_digit(c) && c != '-')
                return bad(url, "invalid character in host");
        last = label;
        if (dot == std::string_view::npos) break;
        start = dot + 1;
    }
    if (last.data() == host.data()) return bad(url, "host has no domain");
    const bool idn =
        last.size() > 4 && (last.substr(0, 4) == "xn--" || last.substr(0, 4) == "XN--");
    if (!idn) {
        if (last.size() < 2) return bad(url, "top-level domain too short");
        for (char c : last)
            if (!is_alpha(c))
                return bad(url, "top-level domain '" + std::string(last) + "' is not alphabetic");
    }
    return {};
}

} // namespace

Status check_base_url(std::string_view url) {
    std::string_view rest;
    if (url.substr(0, 8) == "https://") {
        rest = url.substr(8);
    } else if (url.substr(0, 7) == "http://") {
        rest = url.substr(7);
    } else {
        return bad(url, "must start with https:// or http://");
    }
    const auto path_start = rest.find('/');
    std::string_view authority = rest.substr(0, path_start);
    const std::string_view path =
        path_start == std::string_view::npos ? std::string_view{} : rest.substr(path_start);
    if (authority.find('@') != std::string_view::npos) return bad(url, "user info is not allowed");
    std::string_view host = authority;
    const auto close = authority.rfind(']');
    const auto colon = authority.rfind(':');
    if (colon != std::string_view::npos && (close == std::string_view::npos || colon > close)) {
        const std::string_view port = authority.substr(colon + 1);
        if (port.empty() || port.size() > 5) return bad(url, "invalid port");
        unsigned value = 0;
        for (char c : port) {
            if (!is_digit(c)) return bad(url, "invalid port");
            value = value * 10 + unsigned(c - '0');
        }
        if (value == 0 || value > 65535) return bad(url, "port out of range");
        host = authority.substr(0, colon);
    }
    if (auto s = check_host(url, host); !s) return s;
    for (char c : path) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u >= 0x7f || c == '?' || c == '#' || c == '"' || c == '<' || c == '>' ||
            c == '\\')
            return bad(url, "path may not contain spaces, controls, '?', '#' or non-ASCII");
    }
    return {};
}

std::string without_trailing_slash(std::string_view url) {
    while (!url.empty() && url.back() == '/')
        url.remove_suffix(1);
    return std::string(url);
}

} // namespace ociproxy
