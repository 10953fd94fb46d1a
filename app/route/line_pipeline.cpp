#include "app/route/line_pipeline.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <thread>
#include <unistd.h>
#include <vector>

namespace ociproxy::cli {
namespace {

// Small enough that a block and its output stay in the cache while a worker
// makes one from the other: with 4 MiB blocks `lookup` (whose output is
// twice its input) was a third slower.
constexpr std::size_t kBlockBytes = std::size_t(256) << 10;

// Reads the next block of whole lines into `block`, keeping the partial last
// line in `carry` for the next call. Returns false at the end of input.
bool read_block(int fd, std::string& carry, bool& eof, std::string& block, Error& error) {
    block.swap(carry);
    carry.clear();
    while (!eof) {
        const std::size_t old = block.size();
        block.resize(old + kBlockBytes);
        ssize_t n;
        do {
            n = ::read(fd, block.data() + old, kBlockBytes);
        } while (n < 0 && errno == EINTR);
        if (n < 0) {
            error = Error{std::strerror(errno), "input"};
            block.resize(old);
            eof = true;
            return false;
        }
        block.resize(old + std::size_t(n));
        if (n == 0) eof = true;
        const auto nl = block.rfind('\n');
        if (nl != std::string::npos && (block.size() >= kBlockBytes || eof)) {
            carry.assign(block, nl + 1);
            block.resize(nl + 1);
            break;
        }
    }
    if (eof && !carry.empty()) { // last line without a newline
        block += carry;
        carry.clear();
    }
    return !block.empty();
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
