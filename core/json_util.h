#pragma once

#include "core/result.h"

#include <boost/json/string.hpp>
#include <boost/json/value.hpp>
#include <string>
#include <string_view>

namespace ociproxy {

// Parses JSON into `storage` (a monotonic resource makes the 2.5 MB AWS file
// cheap to parse and free). Syntax errors carry "source:line:column" and the
// byte offset, so a truncated download is easy to see for what it is.
Result<boost::json::value> parse_json(std::string_view text, const std::string& source,
                                      boost::json::storage_ptr storage = {});

// Field access that reports the JSON path of what is missing or mistyped,
// e.g. "ip-ranges.json: prefixes[12].ip_prefix: expected a string".
class JsonPath {
public:
    explicit JsonPath(const std::string& source)
        : m_source(source) {}

    Error error(const std::string& where, const std::string& message) const {
        return Error{message, where.empty() ? m_source : m_source + ": " + where};
    }
    // The member `key` of `obj` as a string; `where` is the object's path.
    Result<std::string_view> string_field(const boost::json::object& obj, std::string_view key,
                                          const std::string& where) const;
    // The member `key` as a string, or nullptr when missing or mistyped; for
    // hot loops that spell the path only on failure (see field_error).
    static const boost::json::string* find_string(const boost::json::object& obj,
                                                  std::string_view key) {
        const auto* v = obj.if_contains(key);
        return v ? v->if_string() : nullptr;
    }
    // Why find_string() failed, at `where`.`key`.
    Error field_error(const boost::json::object& obj, std::string_view key,
                      const std::string& where) const;

    const std::string& source() const { return m_source; }

private:
    const std::string& m_source;
};

std::string json_index_path(std::string_view array, std::size_t i);

} // namespace ociproxy

namespace ociproxy {

// Appends `s` as a JSON string literal (quoted, escaped). Invalid UTF-8 is
// passed through byte for byte; output is only as valid as its input text.
void append_json_string(std::string& out, std::string_view s);

// Two-space indented JSON with a final newline, for files people diff and
// review (workspaces); arrays of scalars stay on one line.
std::string pretty_json(const boost::json::value& v);

} // namespace ociproxy
