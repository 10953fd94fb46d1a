#include "app/route/line_pipeline.h"

#include "core/traffic/block_source.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <thread>
#include <unistd.h>
#include <vector>

namespace ociproxy::cli {
namespace {

// Reads the next block of whole lines into `block`, keeping the partial last
// line in `carry` for the next call. Returns false at the end of input, or
// on a read error (in `error`).
bool read_block(int fd, std::string& carry, bool& eof, std::string& block, Error& error) {
    fill_line_block(block, carry, eof, [&](char* into, std::size_t max) -> std::size_t {
        ssize_t n;
        do {
            n = ::read(fd, into, max);
        } while (n < 0 && errno == EINTR);
        if (n >= 0) return std::size_t(n);
        error = Error{std::strerror(errno), "input"};
        return 0;
    });
    return error.message.empty() && !block.empty();
}

} // namespace

void OutputBlock::grow(std::size_t at_least) {
    const std::size_t capacity = std::max(at_least, m_capacity * 2);
    auto data = std::make_unique_for_overwrite<char[]>(capacity);
    if (m_size > 0) std::memcpy(data.get(), m_data.get(), m_size);
    m_data = std::move(data);
    m_capacity = capacity;
}

bool write_all(int fd, std::string_view data) {
    while (!data.empty()) {
        const ssize_t n = ::write(fd, data.data(), data.size());
        if (n < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        data.remove_prefix(std::size_t(n));
    }
    return true;
}

Status run_line_pipeline(int in_fd, int out_fd, const BlockFn& fn, unsigned threads) {
    // Each worker takes the next block (reading is one at a time, under
    // `read_lock`), turns it into output with no lock held, then waits for
    // its turn to write, so the output keeps the input's order. The threads
    // live for the whole run, and one reads while the others work. Started
    // per round of `threads` blocks, with every read and write between the
    // rounds, two threads took 0.35 s for 10 M lines where they now take 0.24.
    // One thread is the calling thread alone: its locks are never contended.
    std::mutex read_lock, write_lock;
    std::condition_variable turn;
    std::string carry;
    bool eof = false;
    std::atomic<bool> stop{false}; // set under write_lock, read under either lock
    Error error;
    std::uint64_t next_read = 0, next_write = 0;
    const auto worker = [&] {
        std::string block;
        OutputBlock out;
        while (true) {
            std::uint64_t seq;
            {
                std::lock_guard lock(read_lock);
                if (stop || (eof && carry.empty())) return;
                Error read_error;
                if (!read_block(in_fd, carry, eof, block, read_error)) {
                    if (!read_error.message.empty()) {
                        std::lock_guard w(write_lock);
                        if (error.message.empty()) error = read_error;
                        stop = true;
                        turn.notify_all();
                    }
                    return;
                }
                seq = next_read++;
            }
            out.clear();
            fn(block, out);
            std::unique_lock lock(write_lock);
            turn.wait(lock, [&] { return next_write == seq || stop; });
            if (stop) return;
            if (!write_all(out_fd, out.view())) {
                if (errno != EPIPE) error = Error{std::strerror(errno), "output"};
                stop = true; // a closed pipe ends the run quietly
            }
            ++next_write;
            turn.notify_all();
        }
    };
    std::vector<std::thread> pool;
    for (unsigned i = 1; i < threads; ++i)
        pool.emplace_back(worker);
    worker();
    for (auto& t : pool)
        t.join();
    if (!error.message.empty()) return error;
    return {};
}

} // namespace ociproxy::cli
