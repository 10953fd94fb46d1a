#pragma once

#include "app/route/line_pipeline.h"
#include "core/decide/router.h"
#include "core/table/address_batch.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ociproxy::cli {

// How a row's fixed-size pieces are copied: in 16-byte moves (any x86-64),
// or in 32-byte AVX2 moves, half the stores (the default where the CPU has
// AVX2). A choice so that the tests can run both on one machine.
enum class RowCopies { Detect, Baseline, Avx2 };

// The rows of `oci-route lookup`, one per input line, in order:
//   IP<TAB>cloud<TAB>region<TAB>prefix<TAB>bucket
// or one JSON object per line. The text after the echoed IP depends only on
// the matched entry, so it is rendered once per entry ("tails") and copied
// per line.
class LookupRenderer {
public:
    LookupRenderer(const Router& router, bool json, RowCopies copies = RowCopies::Detect);

    // A block of lines (run_line_pipeline's): its addresses are parsed first
    // and looked up together (PrefixTable::lookup_batch), then the rows are
    // written in order. Reads only shared state, so blocks may be rendered
    // on several threads at once.
    void render(std::string_view lines, OutputBlock& out) const;

    // One line's row, appended to `out`: a line that is not an address
    // gives cloud ERROR and the reason.
    void render_line(std::string_view line, std::string& out) const;

    // Whether rows are copied with AVX2 moves.
    bool wide() const { return m_wide; }

private:
    // Plain arrays, each field stored where it is read from: a line kept
    // as a {string_view, bool} pair was built on the stack and copied out
    // with wider loads than its stores, which stalled a fifth of the
    // renderer's time on store forwarding.
    struct Batch {
        static constexpr std::size_t kSize = AddressBatch::kSize;
        const char* text[kSize]; // the trimmed lines
        std::size_t size[kSize];
        bool ok[kSize];   // parsed
        AddressBatch ips; // of the parsed lines, in order
        std::size_t count = 0;
        std::size_t text_bytes = 0; // of the parsed lines
    };

    void emit(Batch& b, const char* block_end, OutputBlock& out) const;
    template <bool Json>
    [[gnu::always_inline]] inline void write_rows_body(const Batch& b, const char* block_end,
                                                       OutputBlock& out) const;
    template <bool Json>
    void write_rows(const Batch& b, const char* block_end, OutputBlock& out) const;
    template <bool Json>
#if defined(__x86_64__)
    __attribute__((target("avx2")))
#endif
    void
    write_rows_avx2(const Batch& b, const char* block_end, OutputBlock& out) const;
    template <bool Json>
    char* write_row(std::string_view line, const char* block_end, std::string_view tail,
                    char* p) const;

    // Tail i + 1 is table entry i's; tail 0 is "no match".
    static std::size_t slot(std::uint32_t entry) {
        return entry == kNoEntry ? 0 : std::size_t(entry) + 1;
    }
    std::string_view tail_of(std::uint32_t entry) const {
        const std::size_t i = slot(entry);
        return std::string_view(m_tailText).substr(m_tailAt[i], m_tailAt[i + 1] - m_tailAt[i]);
    }
    std::string tail(std::uint32_t entry) const;
    std::string fields(std::string_view cloud, std::string_view region, std::string_view prefix,
                       std::string_view bucket, std::string_view error) const;
    void error_line(std::string_view line, const std::string& why, std::string& out) const;

    const Router& m_router;
    bool m_json;
    bool m_wide;
    static constexpr std::size_t kTailCopy = 128;
    static constexpr std::size_t kLineCopy = 64;
    // A row's bytes besides its line and tail: the JSON around the address,
    // and what the fixed-size line copy writes past a short line.
    static constexpr std::size_t kRowExtra = 8 + kLineCopy;
    std::size_t m_tailRoom = kTailCopy; // what a tail's copy writes, at most
    // Every tail in one buffer, read near each other, padded at the end.
    std::string m_tailText;
    // Tail i is [m_tailAt[i], m_tailAt[i + 1]). 32-bit offsets: half the
    // random reads' footprint (a tail is under 200 bytes, so 4 GiB of them
    // would take some 20 million table entries).
    std::vector<std::uint32_t> m_tailAt;
};

} // namespace ociproxy::cli
