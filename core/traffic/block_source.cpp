#include "core/traffic/block_source.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace ociproxy {
namespace {

constexpr std::size_t kBlockBytes = std::size_t(4) << 20;

} // namespace

bool BlockSource::next(LineBlock& b) {
    std::lock_guard lock(m_mutex);
    b.first_line = m_line;
    b.text.clear();
    if (m_fd < 0) {
        if (m_pos >= m_text.size()) return false;
        std::size_t end = std::min(m_text.size(), m_pos + kBlockBytes);
        if (end < m_text.size()) {
            const auto nl = m_text.find('\n', end);
            end = nl == std::string_view::npos ? m_text.size() : nl + 1;
        }
        b.text.assign(m_text.substr(m_pos, end - m_pos));
        m_pos = end;
    } else {
        // Each caller's block keeps its buffer from call to call; only the
        // partial last line moves.
        b.text.assign(m_carry);
        m_carry.clear();
        while (b.text.size() < kBlockBytes && !m_eof) {
            const std::size_t at = b.text.size();
            b.text.resize(kBlockBytes + at);
            const ssize_t n = ::read(m_fd, b.text.data() + at, kBlockBytes);
            if (n < 0 && errno == EINTR) {
                b.text.resize(at);
                continue;
            }
            if (n < 0) m_error = std::strerror(errno);
            b.text.resize(at + std::size_t(std::max<ssize_t>(n, 0)));
            if (n <= 0) m_eof = true;
        }
        if (!m_eof) {
            const auto nl = b.text.rfind('\n');
            if (nl != std::string::npos) {
                m_carry.assign(b.text, nl + 1);
                b.text.resize(nl + 1);
            }
        }
        if (b.text.empty()) return false;
    }
    m_line += std::size_t(std::count(b.text.begin(), b.text.end(), '\n'));
    m_done += b.text.size();
    return true;
}

} // namespace ociproxy
