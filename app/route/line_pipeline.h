#pragma once

#include "core/result.h"

#include <cstring>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace ociproxy::cli {

// A block's output. Unlike std::string it hands out room that is written
// through a pointer and then committed: no zero-filling, no capacity check
// per small append, which is most of the cost of writing 10 M short rows.
class OutputBlock {
public:
    // Room for at least `n` more bytes, at the end of what was committed.
    char* reserve(std::size_t n) {
        if (m_size + n > m_capacity) grow(m_size + n);
        return m_data.get() + m_size;
    }
    void commit(std::size_t n) { m_size += n; }
    void append(std::string_view s) {
        std::memcpy(reserve(s.size()), s.data(), s.size());
        commit(s.size());
    }
    std::string_view view() const { return {m_data.get(), m_size}; }
    void clear() { m_size = 0; }

private:
    void grow(std::size_t at_least);
    std::unique_ptr<char[]> m_data;
    std::size_t m_size = 0, m_capacity = 0;
};

// Turns a block of whole lines into output text. Called concurrently on
// different blocks, so it must only read shared state.
using BlockFn = std::function<void(std::string_view lines, OutputBlock& out)>;

// Streams `in_fd` through `fn` in blocks of whole lines, several blocks at a
// time on `threads` threads, and writes the outputs to `out_fd` in input
// order. Memory stays at a few blocks whatever the input size. A closed
// output (EPIPE, e.g. "| head") ends the run quietly.
Status run_line_pipeline(int in_fd, int out_fd, const BlockFn& fn, unsigned threads);

// Writes all of `data`; false on error (EPIPE included).
bool write_all(int fd, std::string_view data);

} // namespace ociproxy::cli
