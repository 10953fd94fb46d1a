#include "core/json_util.h"

#include <boost/json/parser.hpp>
#include <boost/json/serialize.hpp>

namespace ociproxy {

Result<boost::json::value> parse_json(std::string_view text, const std::string& source,
                                      boost::json::storage_ptr storage) {
    // The constructor's resource is only for the parser's scratch space; the
    // value's storage is set by reset().
    boost::json::parser parser;
    parser.reset(std::move(storage));
    boost::system::error_code ec;
    // write() wants one complete document: truncation and trailing bytes are
    // errors, and the count tells where parsing stopped.
    const std::size_t consumed = parser.write(text.data(), text.size(), ec);
    if (ec) {
        std::size_t line = 1, col = 1;
        for (std::size_t i = 0; i < consumed && i < text.size(); ++i) {
            if (text[i] == '\n') {
                ++line;
                col = 1;
            } else {
                ++col;
            }
        }
        return Error{"invalid JSON: " + ec.message() + " (byte offset " + std::to_string(consumed) +
                         ")",
                     source + ":" + std::to_string(line) + ":" + std::to_string(col)};
    }
    return parser.release();
}

Result<std::string_view> JsonPath::string_field(const boost::json::object& obj,
                                                std::string_view key,
                                                const std::string& where) const {
    const auto* v = obj.if_contains(key);
    if (v && v->is_string()) {
        const auto& s = v->get_string();
        return std::string_view(s.data(), s.size());
    }
    // The path is only spelled out on failure: this runs for every field of
    // every prefix in a 2.5 MB file.
    std::string field = where;
    if (!field.empty()) field += '.';
    field.append(key);
    return error(field, v ? "expected a string" : "missing");
}

Error JsonPath::field_error(const boost::json::object& obj, std::string_view key,
                            const std::string& where) const {
    std::string field = where;
    if (!field.empty()) field += '.';
    field.append(key);
    return error(field, obj.contains(key) ? "expected a string" : "missing");
}

std::string json_index_path(std::string_view array, std::size_t i) {
    return std::string(array) + "[" + std::to_string(i) + "]";
}

} // namespace ociproxy

namespace ociproxy {

namespace {

// Length of the well-formed UTF-8 sequence starting at s[i] (RFC 3629:
// no overlongs, no surrogates, nothing above U+10FFFF), or 0.
std::size_t utf8_sequence(std::string_view s, std::size_t i) {
    const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
    const auto cont = [&](std::size_t k) { return i + k < s.size() && (b(k) & 0xC0) == 0x80; };
    const unsigned char c = b(0);
    if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        if (!cont(1) || !cont(2)) return 0;
        if (c == 0xE0 && b(1) < 0xA0) return 0; // overlong
        if (c == 0xED && b(1) > 0x9F) return 0; // surrogate
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (!cont(1) || !cont(2) || !cont(3)) return 0;
        if (c == 0xF0 && b(1) < 0x90) return 0; // overlong
        if (c == 0xF4 && b(1) > 0x8F) return 0; // above U+10FFFF
        return 4;
    }
    return 0;
}

} // namespace

void append_json_string(std::string& out, std::string_view s) {
    static constexpr char hex[] = "0123456789abcdef";
    out += '"';
    std::size_t run = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') continue;
        if (c >= 0x80) {
            // Valid UTF-8 passes through; any other byte (request bytes are
            // not text) becomes the code point of the same value, so every
            // line stays valid JSON and no byte is lost.
            if (const std::size_t n = utf8_sequence(s, i)) {
                i += n - 1;
                continue;
            }
        }
        out.append(s.data() + run, i - run);
        run = i + 1;
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            out += "\\u00";
            out += hex[c >> 4];
            out += hex[c & 0xf];
        }
    }
    out.append(s.data() + run, s.size() - run);
    out += '"';
}

namespace {

void append_pretty(std::string& out, const boost::json::value& v, int indent) {
    const auto newline = [&](int n) {
        out += '\n';
        out.append(std::size_t(n) * 2, ' ');
    };
    if (const auto* o = v.if_object()) {
        if (o->empty()) {
            out += "{}";
            return;
        }
        out += '{';
        bool first = true;
        for (const auto& [key, value] : *o) {
            if (!first) out += ',';
            first = false;
            newline(indent + 1);
            append_json_string(out, key);
            out += ": ";
            append_pretty(out, value, indent + 1);
        }
        newline(indent);
        out += '}';
    } else if (const auto* a = v.if_array()) {
        bool scalars = true;
        for (const auto& x : *a)
            scalars = scalars && !x.is_structured();
        out += '[';
        for (std::size_t i = 0; i < a->size(); ++i) {
            if (i) out += scalars ? ", " : ",";
            if (!scalars) newline(indent + 1);
            append_pretty(out, (*a)[i], indent + 1);
        }
        if (!scalars && !a->empty()) newline(indent);
        out += ']';
    } else {
        out += boost::json::serialize(v);
    }
}

} // namespace

std::string pretty_json(const boost::json::value& v) {
    std::string out;
    append_pretty(out, v, 0);
    out += '\n';
    return out;
}

} // namespace ociproxy
