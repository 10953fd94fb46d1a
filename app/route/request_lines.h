#pragma once

#include "core/decide/decision.h"
#include "core/result.h"

#include <string>
#include <string_view>

namespace ociproxy::cli {

// One request of a --requests file: {"method","path","peer","xff"}, missing
// keys taking the defaults (GET, "/", 127.0.0.1:0, no header).
struct RequestLine {
    std::string method = "GET";
    std::string path = "/";
    std::string peer = "127.0.0.1:0";
    std::string xff;

    HttpRequest view() const { return HttpRequest{method, path, peer, xff}; }
};

// Parses one JSON line; `where` ("file:line") names it in errors.
Result<RequestLine> parse_request_line(std::string_view line, const std::string& where);

// Calls fn(request, where) for each non-blank line of `text`; stops at the
// first malformed line and returns its error.
template <class Fn>
Status for_each_request_line(std::string_view text, const std::string& source, Fn&& fn) {
    std::size_t line_no = 0;
    while (!text.empty()) {
        const auto nl = text.find('\n');
        std::string_view line = text.substr(0, nl);
        text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
        ++line_no;
        if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
        const std::string where = source + ":" + std::to_string(line_no);
        auto req = parse_request_line(line, where);
        if (!req) return req.error();
        fn(*req, where);
    }
    return {};
}

} // namespace ociproxy::cli
