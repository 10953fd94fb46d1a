#pragma once

#include "core/digest/sha256.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace ociproxy {

// The size of a block of lines, for BlockSource and the CLI's line
// pipeline alike. Small enough that a block, and what a worker makes of it,
// stay in the cache while it is worked on: with 4 MiB blocks the parse-only
// floor and `simulate` were a quarter slower, and `lookup` (whose output is
// twice its input) a third.
inline constexpr std::size_t kLineBlockBytes = std::size_t(256) << 10;

// Fills `block` with the partial line carried over in `carry` and what
// `read(into, max)` gives (0 at the end of input, which sets `eof`), until it
// holds kLineBlockBytes and ends a line; what follows its last newline goes
// back to `carry`. A line longer than a block is handed out whole, never cut
// in two; at the end of input the last line goes out without its newline.
// `block` keeps its buffer from call to call: only the partial line moves.
template <class Read>
void fill_line_block(std::string& block, std::string& carry, bool& eof, Read&& read) {
    block.assign(carry);
    carry.clear();
    std::size_t last_nl = std::string::npos; // the carry holds none
    while (!eof && (block.size() < kLineBlockBytes || last_nl == std::string::npos)) {
        const std::size_t at = block.size();
        block.resize(at + kLineBlockBytes);
        const std::size_t n = read(block.data() + at, kLineBlockBytes);
        block.resize(at + n);
        if (n == 0) eof = true;
        const auto nl = std::string_view(block).substr(at).rfind('\n');
        if (nl != std::string_view::npos) last_nl = at + nl;
    }
    if (!eof && last_nl != std::string::npos) {
        carry.assign(block, last_nl + 1);
        block.resize(last_nl + 1);
    }
}

// A block of whole lines and where they came from.
struct LineBlock {
    std::string text;
    std::size_t first_line = 1;
    // For a JSON array input: the input line each record (one line of
    // `text`) starts on. Empty when `text` holds the input's own lines.
    std::vector<std::size_t> record_lines;

    std::size_t line_of(std::size_t nth_line) const { // from 1
        return record_lines.empty() ? first_line + nth_line - 1 : record_lines[nth_line - 1];
    }
};

// Hands out blocks of whole lines (about 256 KiB each) from a file descriptor
// or a text, one caller at a time, so that worker threads can pull the next
// block as soon as they are done with theirs. The simulator reads through
// it, and so does the parse-only benchmark that is its floor.
//
// An input whose first character is '[' is one JSON array of records, as
// `gcloud logging read --format=json` and the Logs Explorer download write
// Cloud Logging entries (pretty-printed, an entry over many lines): each
// element is handed out as one line, so the line readers take it like JSON
// lines, in memory that does not grow with the file.
class BlockSource {
public:
    BlockSource(int fd, std::string_view text)
        : m_fd(fd)
        , m_text(text) {}

    // The next block into `b` (its buffers are reused); false at the end.
    bool next(LineBlock& b);
    // Hash every byte as it is read (before the first next()); sha256()
    // then gives the input's digest once next() has returned false.
    void hash_input() { m_hash = std::make_unique<Sha256Stream>(); }
    std::string sha256() { return m_hash ? m_hash->hex() : std::string(); }
    std::uint64_t done() const { return m_done; }
    // Why reading stopped early, or empty; and the input line it names (0:
    // none, e.g. a read error).
    const std::string& error() const { return m_error; }
    std::size_t error_line() const { return m_errorLine; }

private:
    enum class Framing { Unknown, Lines, JsonArray };
    bool next_lines(LineBlock& b);
    bool next_array(LineBlock& b);
    // Up to `max` bytes of the input; 0 at the end (or on an error).
    std::size_t read_some(char* into, std::size_t max);
    // The next raw chunk into `into` (replacing it); false at the end.
    bool read_raw(std::string& into);
    void fail(std::string why);

    std::mutex m_mutex;
    std::unique_ptr<Sha256Stream> m_hash;
    int m_fd;
    std::string_view m_text;
    std::size_t m_pos = 0;
    std::string m_carry;
    bool m_eof = false;
    std::size_t m_line = 1;
    std::uint64_t m_done = 0;
    std::string m_error;
    std::size_t m_errorLine = 0;
    Framing m_framing = Framing::Unknown;

    // JSON array framing: the raw chunk being scanned and the scanner's state.
    std::string m_raw;
    std::size_t m_rawAt = 0;
    int m_depth = 0; // 1: between elements, more: inside one, 0: after the ']'
    bool m_inString = false, m_escape = false;
    std::string m_element;
    std::size_t m_elementLine = 0;
};

} // namespace ociproxy
