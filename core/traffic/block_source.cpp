#include "core/traffic/block_source.h"

#include "core/text_lines.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace ociproxy {
namespace {

bool is_json_space(char c) {
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

} // namespace

bool BlockSource::next(LineBlock& b) {
    std::lock_guard lock(m_mutex);
    b.text.clear();
    b.record_lines.clear();
    if (!m_error.empty()) return false;
    if (m_framing == Framing::Unknown) {
        // The first bytes decide; they stay for whichever reader follows.
        if (!read_raw(m_raw)) {
            m_framing = Framing::Lines;
            return false;
        }
        std::string_view head = m_raw;
        if (head.starts_with("\xEF\xBB\xBF")) head.remove_prefix(3);
        const auto first = std::find_if_not(head.begin(), head.end(), is_json_space);
        if (first != head.end() && *first == '[') {
            // The scan starts inside the array, its lines counted so far.
            m_framing = Framing::JsonArray;
            m_line += std::size_t(std::count(head.begin(), first, '\n'));
            m_rawAt = std::size_t(&*first - m_raw.data()) + 1;
            m_depth = 1;
        } else {
            m_framing = Framing::Lines;
            m_carry = std::move(m_raw);
            m_raw.clear();
        }
    }
    return m_framing == Framing::JsonArray ? next_array(b) : next_lines(b);
}

std::size_t BlockSource::read_some(char* into, std::size_t max) {
    if (m_eof) return 0;
    if (m_fd < 0) {
        const std::size_t n = std::min(max, m_text.size() - m_pos);
        std::memcpy(into, m_text.data() + m_pos, n);
        m_pos += n;
        if (n == 0) m_eof = true;
        if (m_hash) m_hash->update({into, n});
        return n;
    }
    ssize_t n;
    do {
        n = ::read(m_fd, into, max);
    } while (n < 0 && errno == EINTR);
    if (n < 0) m_error = std::strerror(errno);
    if (n <= 0) m_eof = true;
    if (m_hash && n > 0) m_hash->update({into, std::size_t(n)});
    return std::size_t(std::max<ssize_t>(n, 0));
}

bool BlockSource::read_raw(std::string& into) {
    into.resize(kLineBlockBytes);
    into.resize(read_some(into.data(), kLineBlockBytes));
    return !into.empty();
}

void BlockSource::fail(std::string why) {
    if (!m_error.empty()) return;
    m_error = std::move(why);
    m_errorLine = m_line;
}

bool BlockSource::next_lines(LineBlock& b) {
    b.first_line = m_line;
    fill_line_block(b.text, m_carry, m_eof,
                    [this](char* into, std::size_t max) { return read_some(into, max); });
    if (b.text.empty()) return false;
    m_line += count_newlines(b.text);
    m_done += b.text.size();
    return true;
}

// Splits the array into its elements without parsing them: a scan that only
// tracks strings and nesting. Newlines between tokens become spaces (JSON
// strings cannot hold a raw newline), so each element is one line.
bool BlockSource::next_array(LineBlock& b) {
    b.first_line = m_line;
    while (b.text.size() < kLineBlockBytes && m_error.empty()) {
        if (m_rawAt >= m_raw.size()) {
            m_done += m_raw.size();
            m_rawAt = 0;
            if (!read_raw(m_raw)) break;
        }
        const char c = m_raw[m_rawAt++];
        if (c == '\n') ++m_line;
        if (m_depth >= 2) {
            m_element += (c == '\n' || c == '\r') ? ' ' : c;
            if (m_inString) {
                if (m_escape)
                    m_escape = false;
                else if (c == '\\')
                    m_escape = true;
                else if (c == '"')
                    m_inString = false;
            } else if (c == '"') {
                m_inString = true;
            } else if (c == '{' || c == '[') {
                ++m_depth;
            } else if ((c == '}' || c == ']') && --m_depth == 1) {
                b.text += m_element;
                b.text += '\n';
                b.record_lines.push_back(m_elementLine);
                m_element.clear();
            }
            continue;
        }
        if (is_json_space(c)) continue;
        if (m_depth == 0) {
            fail("text after the end of the JSON array");
        } else if (c == ',') {
            continue;
        } else if (c == ']') {
            m_depth = 0;
        } else if (c == '{') {
            m_depth = 2;
            m_element.assign(1, c);
            m_elementLine = m_line;
        } else {
            fail(std::string("expected an object in the JSON array, found '") + c + "'");
        }
    }
    if (m_error.empty() && m_eof && m_rawAt >= m_raw.size() && m_depth > 0 && b.text.empty()) {
        // Name the entry that was cut, when there is one.
        if (m_depth >= 2) m_line = m_elementLine;
        fail("the JSON array ends early (is the file cut off?)");
    }
    if (!m_error.empty()) return false;
    return !b.text.empty();
}

} // namespace ociproxy
