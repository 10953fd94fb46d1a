#pragma once

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>

namespace ociproxy {

// A block of whole lines and the number of its first line.
struct LineBlock {
    std::string text;
    std::size_t first_line = 1;
};

// Hands out blocks of whole lines (about 4 MiB each) from a file descriptor
// or a text, one caller at a time, so that worker threads can pull the next
// block as soon as they are done with theirs. The simulator reads through
// it, and so does the parse-only benchmark that is its floor.
class BlockSource {
public:
    BlockSource(int fd, std::string_view text)
        : m_fd(fd)
        , m_text(text) {}

    // The next block into `b` (its buffer is reused); false at the end.
    bool next(LineBlock& b);
    std::uint64_t done() const { return m_done; }
    // Why reading stopped early, or empty.
    const std::string& error() const { return m_error; }

private:
    std::mutex m_mutex;
    int m_fd;
    std::string_view m_text;
    std::size_t m_pos = 0;
    std::string m_carry;
    bool m_eof = false;
    std::size_t m_line = 1;
    std::uint64_t m_done = 0;
    std::string m_error;
};

} // namespace ociproxy
