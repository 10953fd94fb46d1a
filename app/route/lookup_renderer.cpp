#include "app/route/lookup_renderer.h"

#include "core/json_util.h"
#include "core/text_lines.h"

#include <algorithm>
#include <cstring>

namespace ociproxy::cli {
namespace {

bool cpu_has_avx2() {
#if defined(__x86_64__)
    return __builtin_cpu_supports("avx2") != 0;
#else
    return false;
#endif
}

// `Bytes` bytes in 32-byte pieces, lowered to what the calling code's target
// has: two 16-byte moves each on plain x86-64, one in write_rows_avx2(),
// where a fixed-size memcpy stays in 16-byte moves whatever the target.
template <std::size_t Bytes>
[[gnu::always_inline]] inline void copy_fixed(char* to, const char* from) {
    using Piece = char __attribute__((vector_size(32), aligned(1), may_alias));
    static_assert(Bytes % sizeof(Piece) == 0);
    for (std::size_t i = 0; i < Bytes; i += sizeof(Piece))
        *reinterpret_cast<Piece*>(to + i) = *reinterpret_cast<const Piece*>(from + i);
}

} // namespace

LookupRenderer::LookupRenderer(const Router& router, bool json, RowCopies copies)
    : m_router(router)
    , m_json(json)
    , m_wide(copies == RowCopies::Detect ? cpu_has_avx2()
                                         : copies == RowCopies::Avx2 && cpu_has_avx2()) {
    const auto& table = router.table();
    m_tailAt.reserve(table.size() + 2);
    m_tailAt.push_back(0);
    m_tailText += tail(kNoEntry);
    m_tailAt.push_back(std::uint32_t(m_tailText.size()));
    for (std::uint32_t i = 0; i < table.size(); ++i) {
        m_tailText += tail(i);
        m_tailAt.push_back(std::uint32_t(m_tailText.size()));
    }
    // Tails are copied in fixed sizes the compiler inlines (see write_row);
    // the padding keeps the last copy's read in bounds.
    m_tailText.append(kTailCopy, '\0');
    for (std::size_t i = 0; i + 1 < m_tailAt.size(); ++i)
        m_tailRoom = std::max(m_tailRoom, std::size_t(m_tailAt[i + 1] - m_tailAt[i]));
}

void LookupRenderer::render(std::string_view lines, OutputBlock& out) const {
    const char* const block_end = lines.data() + lines.size();
    thread_local Batch b;
    for_each_line(lines, [&](std::string_view line, std::size_t) {
        line = trim_blanks(line);
        const bool ok = b.ips.add_parsed(line);
        b.text[b.count] = line.data();
        b.size[b.count] = line.size();
        b.ok[b.count] = ok;
        ++b.count;
        b.text_bytes += ok ? line.size() : 0;
        if (b.count == Batch::kSize) emit(b, block_end, out);
        return true;
    });
    emit(b, block_end, out);
}

void LookupRenderer::emit(Batch& b, const char* block_end, OutputBlock& out) const {
    m_router.table().lookup_batch(b.ips, m_router.settings().match);
    // No prefetch pass over the batch's tails: it waited on each tail's
    // offset (a random read) and cost more than it saved (10 M lines, one
    // thread, alternating: 294.1 -> 286.5 ms at best).
    // One loop per output form, so no row tests the form.
    if (m_json)
        m_wide ? write_rows_avx2<true>(b, block_end, out) : write_rows<true>(b, block_end, out);
    else
        m_wide ? write_rows_avx2<false>(b, block_end, out) : write_rows<false>(b, block_end, out);
    b.count = 0;
    b.text_bytes = 0;
    b.ips.clear();
}

// The batch's rows, in order, at the end of `out`. Room for all of them is
// reserved at once, so the rows are written through a pointer kept in a
// register, where a reserve() and commit() per row reloaded and stored the
// block's size around every row.
template <bool Json>
void LookupRenderer::write_rows_body(const Batch& b, const char* block_end,
                                     OutputBlock& out) const {
    thread_local std::string slow;
    const std::size_t room = b.text_bytes + b.ips.size() * (kRowExtra + m_tailRoom);
    char* start = out.reserve(room);
    char* p = start;
    std::size_t k = 0;
    for (std::size_t i = 0; i < b.count; ++i) {
        const std::string_view line(b.text[i], b.size[i]);
        if (!b.ok[i]) {
            out.commit(std::size_t(p - start));
            slow.clear();
            render_line(line, slow);
            out.append(slow);
            p = start = out.reserve(room);
            continue;
        }
        p = write_row<Json>(line, block_end, tail_of(b.ips.entry(k++)), p);
    }
    out.commit(std::size_t(p - start));
}

template <bool Json>
void LookupRenderer::write_rows(const Batch& b, const char* block_end, OutputBlock& out) const {
    write_rows_body<Json>(b, block_end, out);
}

// The same loop, its fixed-size copies in 32-byte moves: 10 M lines, one
// thread, 15 alternating runs: 255.9 -> 247.5 ms at best, 264.6 -> 255.9 ms
// median.
template <bool Json>
void LookupRenderer::write_rows_avx2(const Batch& b, const char* block_end,
                                     OutputBlock& out) const {
    write_rows_body<Json>(b, block_end, out);
}

// A parsed address (at most 45 characters, nothing to escape) and its tail
// at `p`, in fixed-size copies where the bytes around allow it; the caller
// has room for the line's bytes, kRowExtra and m_tailRoom. Returns the row's
// end.
template <bool Json>
char* LookupRenderer::write_row(std::string_view line, const char* block_end, std::string_view tail,
                                char* p) const {
    if constexpr (Json) {
        std::memcpy(p, "{\"ip\":\"", 7);
        p += 7;
    }
    if (line.size() <= kLineCopy && std::size_t(block_end - line.data()) >= kLineCopy)
        copy_fixed<kLineCopy>(p, line.data());
    else
        std::memcpy(p, line.data(), line.size());
    p += line.size();
    if constexpr (Json) *p++ = '"';
    // In one fixed-size copy for the tails that fit (the real ones are 16 to
    // 150 bytes, most under 128): one memcpy of the tail's size would be a
    // call into libc per row, and a loop of pieces mispredicted its end on
    // every other row, the tails' lengths coming in random order.
    if (tail.size() <= kTailCopy)
        copy_fixed<kTailCopy>(p, tail.data());
    else
        std::memcpy(p, tail.data(), tail.size());
    return p + tail.size();
}

void LookupRenderer::render_line(std::string_view line, std::string& out) const {
    line = trim_blanks(line);
    auto ip = IpAddress::parse(line);
    if (!ip) {
        error_line(line, ip.error().message, out);
        return;
    }
    const std::uint32_t e = m_router.table().lookup(*ip, m_router.settings().match);
    if (m_json) {
        out += "{\"ip\":";
        append_json_string(out, line);
    } else {
        out += line;
    }
    out += tail_of(e);
}

std::string LookupRenderer::tail(std::uint32_t entry) const {
    const auto& table = m_router.table();
    std::string cloud, region, prefix, bucket;
    const BlobRoute route = m_router.route_entry(entry);
    if (entry != kNoEntry) {
        const auto& e = table.entry(entry);
        cloud = table.cloud_name(e.cloud);
        region = table.region_name(e.region);
        prefix = e.prefix.to_string();
    }
    if (!route.gcp) bucket = m_router.base_url(route);
    return fields(cloud, region, prefix, bucket, {});
}

std::string LookupRenderer::fields(std::string_view cloud, std::string_view region,
                                   std::string_view prefix, std::string_view bucket,
                                   std::string_view error) const {
    std::string s;
    if (!m_json) {
        for (auto f : {cloud, region, prefix, bucket}) {
            s += '\t';
            s += f;
        }
        s += '\n';
        return s;
    }
    const std::pair<const char*, std::string_view> kv[] = {
        {"cloud", cloud}, {"region", region}, {"prefix", prefix}, {"bucket", bucket}};
    for (const auto& [k, v] : kv) {
        s += ",\"";
        s += k;
        s += "\":";
        append_json_string(s, v);
    }
    if (!error.empty()) {
        s += ",\"error\":";
        append_json_string(s, error);
    }
    s += "}\n";
    return s;
}

void LookupRenderer::error_line(std::string_view line, const std::string& why,
                                std::string& out) const {
    if (m_json) {
        out += "{\"ip\":";
        append_json_string(out, line);
    } else {
        // A tab or newline inside the echoed text would shift the columns.
        for (char c : line)
            out += (c == '\t' ? ' ' : c);
    }
    out += fields("ERROR", {}, {}, {}, why);
}

} // namespace ociproxy::cli
