#pragma once

#include "core/decide/decision.h"
#include "core/result.h"
#include "core/text_lines.h"

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
    Status status;
    for_each_line(text, [&](std::string_view line, std::size_t line_no) {
        if (trim_blanks(line).empty()) return true;
        const std::string where = source + ":" + std::to_string(line_no);
        auto req = parse_request_line(line, where);
        if (!req) {
            status = req.error();
            return false;
        }
        fn(*req, where);
        return true;
    });
    return status;
}

} // namespace ociproxy::cli
