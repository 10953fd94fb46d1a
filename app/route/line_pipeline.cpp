#include "app/route/line_pipeline.h"

#include "core/traffic/block_source.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
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
    if (threads == 0) threads = 1;
    std::string carry;
    bool eof = false;
    Error error;
    std::vector<std::string> blocks(threads);
    std::vector<OutputBlock> outs(threads);
    while (true) {
        std::size_t n = 0;
        while (n < threads && read_block(in_fd, carry, eof, blocks[n], error))
            ++n;
        if (!error.message.empty()) return error;
        if (n == 0) return {};
        std::vector<std::thread> workers;
        for (std::size_t i = 1; i < n; ++i) {
            workers.emplace_back([&, i] {
                outs[i].clear();
                fn(blocks[i], outs[i]);
            });
        }
        outs[0].clear();
        fn(blocks[0], outs[0]);
        for (auto& w : workers)
            w.join();
        for (std::size_t i = 0; i < n; ++i)
            if (!write_all(out_fd, outs[i].view()))
                return errno == EPIPE ? Status{} : Status{Error{std::strerror(errno), "output"}};
        if (eof && carry.empty()) return {};
    }
}

} // namespace ociproxy::cli
