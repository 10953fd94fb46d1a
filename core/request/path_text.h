#pragma once

#include "core/result.h"

#include <initializer_list>
#include <string>
#include <string_view>

namespace ociproxy {

// Resolves percent-escapes as Go's URL.Path does ("%2F" becomes "/"; "+"
// stays "+"). A '%' not followed by two hex digits is an error.
Result<std::string> percent_decode_path(std::string_view raw);

// Go's path.Clean: collapse "//", drop ".", resolve "..", no trailing "/".
std::string go_path_clean(std::string_view p);

// Go's path.Join: the non-empty elements joined by "/", then cleaned.
std::string go_path_join(std::initializer_list<std::string_view> elems);

// True when some "/"-separated segment is exactly "." or "..".
bool has_dot_segment(std::string_view path);

// Appends a decoded path to a URL, escaping what would change the URL's
// meaning or break the Location header (space, controls, '%', '?', '#',
// non-ASCII); RFC 3986 path characters stay as they are.
void append_escaped_path(std::string& out, std::string_view path);

// Appends a raw query string (still escaped, as received), escaping only what
// may not appear in a header or URL: controls, space, non-ASCII, '#'.
void append_sanitized_query(std::string& out, std::string_view query);

} // namespace ociproxy
