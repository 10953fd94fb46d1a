#include "app/route/command_support.h"
#include "app/route/commands.h"
#include "app/route/line_pipeline.h"
#include "core/json_util.h"
#include "core/text_lines.h"

#include <algorithm>
#include <cstring>
#include <thread>
#include <type_traits>
#include <unistd.h>

namespace ociproxy::cli {
namespace {

constexpr const char* kUsage = R"(Usage: oci-route lookup [options] IP...
       oci-route lookup [options] --from FILE     (FILE "-" = stdin, one IP per line)

Which cloud, region, prefix and bucket each IP maps to. One output line per
input line, in order:
  IP<TAB>cloud<TAB>region<TAB>prefix<TAB>bucket
with empty fields where nothing matched (bucket is empty for GCP clients, who
are sent upstream). A line that is not an IP gives cloud ERROR and the run
goes on. IPv4-mapped IPv6 (::ffff:a.b.c.d) is looked up as IPv4.

Options:
  --from FILE   read IPs from FILE, "-" for stdin
  --json        one JSON object per line: {"ip","cloud","region","prefix","bucket"}
                (ERROR lines add "error")
  --threads N   worker threads for --from (default: all cores)
)";

// The output after the echoed IP depends only on the matched entry, so it is
// rendered once per entry and appended per line.
class LineRenderer {
public:
    LineRenderer(const Router& router, bool json)
        : m_router(router)
        , m_json(json) {
        const auto& table = router.table();
        m_tailAt.reserve(table.size() + 2);
        m_tailAt.push_back(0);
        m_tailText += tail(kNoEntry);
        m_tailAt.push_back(m_tailText.size());
        for (std::uint32_t i = 0; i < table.size(); ++i) {
            m_tailText += tail(i);
            m_tailAt.push_back(m_tailText.size());
        }
        // Tails are copied in fixed sizes the compiler inlines (see
        // write_row); the padding keeps the last copy's read in bounds.
        m_tailText.append(kTailCopy, '\0');
        for (std::size_t i = 0; i + 1 < m_tailAt.size(); ++i)
            m_tailRoom = std::max(m_tailRoom, m_tailAt[i + 1] - m_tailAt[i]);
    }

    // A block: its addresses are parsed first and looked up together
    // (PrefixTable::lookup_batch), then the lines are written in order.
    void render(std::string_view lines, OutputBlock& out) const {
        const char* const block_end = lines.data() + lines.size();
        thread_local Batch b;
        thread_local std::string slow;
        const auto emit = [&] {
            m_router.table().lookup_batch(b.ips, m_router.settings().match);
            // The tails are read at random: fetch them for the whole batch.
            for (std::size_t k = 0; k < b.ips.size(); ++k)
                __builtin_prefetch(m_tailText.data() + m_tailAt[slot(b.ips.entry(k))]);
            // Room for every row of the batch at once: the rows are then
            // written through a pointer kept in a register, where a
            // reserve() and commit() per row reloaded and stored the block's
            // size around every row.
            const std::size_t room = b.text_bytes + b.ips.size() * (kRowExtra + m_tailRoom);
            char* start = out.reserve(room);
            char* p = start;
            // One loop per output form, so no row tests the form.
            const auto write_rows = [&](auto json) {
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
                    p = write_row<json()>(line, block_end, tail_of(b.ips.entry(k++)), p);
                }
            };
            if (m_json)
                write_rows(std::true_type{});
            else
                write_rows(std::false_type{});
            out.commit(std::size_t(p - start));
            b.count = 0;
            b.text_bytes = 0;
            b.ips.clear();
        };
        for_each_line(lines, [&](std::string_view line, std::size_t) {
            line = trim_blanks(line);
            IpAddress ip;
            const bool ok = IpAddress::try_parse(line, ip);
            b.text[b.count] = line.data();
            b.size[b.count] = line.size();
            b.ok[b.count] = ok;
            ++b.count;
            b.text_bytes += ok ? line.size() : 0;
            if (ok) b.ips.add(ip);
            if (b.count == Batch::kSize) emit();
            return true;
        });
        emit();
    }

    void render_line(std::string_view line, std::string& out) const {
        line = trim_blanks(line);
        auto ip = IpAddress::parse(line);
        if (!ip) {
            error_line(line, ip.error().message, out);
            return;
        }
        const std::uint32_t e = m_router.table().lookup(*ip, m_router.settings().match);
        append(line, tail_of(e), out);
    }

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

    // Tail i + 1 is table entry i's; tail 0 is "no match".
    static std::size_t slot(std::uint32_t entry) {
        return entry == kNoEntry ? 0 : std::size_t(entry) + 1;
    }
    std::string_view tail_of(std::uint32_t entry) const {
        const std::size_t i = slot(entry);
        return std::string_view(m_tailText).substr(m_tailAt[i], m_tailAt[i + 1] - m_tailAt[i]);
    }

    // A parsed address (at most 45 characters, nothing to escape) and its
    // tail at `p`, in fixed-size copies where the bytes around allow it;
    // the caller has room for the line's bytes, kRowExtra and m_tailRoom.
    // Returns the row's end.
    template <bool Json>
    char* write_row(std::string_view line, const char* block_end, std::string_view tail,
                    char* p) const {
        if constexpr (Json) {
            std::memcpy(p, "{\"ip\":\"", 7);
            p += 7;
        }
        if (line.size() <= kLineCopy && std::size_t(block_end - line.data()) >= kLineCopy)
            std::memcpy(p, line.data(), kLineCopy);
        else
            std::memcpy(p, line.data(), line.size());
        p += line.size();
        if constexpr (Json) *p++ = '"';
        // In one fixed-size copy, which the compiler inlines, for the tails
        // that fit (the real ones are 16 to 150 bytes, most under 128): one
        // memcpy of the tail's size would be a call into libc per row, and
        // a loop of pieces mispredicted its end on every other row, the
        // tails' lengths coming in random order.
        if (tail.size() <= kTailCopy)
            std::memcpy(p, tail.data(), kTailCopy);
        else
            std::memcpy(p, tail.data(), tail.size());
        return p + tail.size();
    }

    void append(std::string_view line, std::string_view tail, std::string& out) const {
        if (m_json) {
            out += "{\"ip\":";
            append_json_string(out, line);
        } else {
            out += line;
        }
        out += tail;
    }

    std::string tail(std::uint32_t entry) const {
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

    std::string fields(std::string_view cloud, std::string_view region, std::string_view prefix,
                       std::string_view bucket, std::string_view error) const {
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

    void error_line(std::string_view line, const std::string& why, std::string& out) const {
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

    const Router& m_router;
    bool m_json;
    static constexpr std::size_t kTailCopy = 128;
    static constexpr std::size_t kLineCopy = 48;
    // A row's bytes besides its line and tail: the JSON around the address,
    // and what the fixed-size line copy writes past a short line.
    static constexpr std::size_t kRowExtra = 8 + kLineCopy;
    std::size_t m_tailRoom = kTailCopy; // what a tail's copy writes, at most
    // Every tail in one buffer, read near each other, padded at the end.
    std::string m_tailText;
    std::vector<std::size_t> m_tailAt; // tail i is [m_tailAt[i], m_tailAt[i + 1])
};

} // namespace

int run_lookup(int argc, char** argv, int first) {
    Args args;
    if (auto code = parse_command(
            argc, argv, first, {{"from", true}, {"json", false}, {"threads", true}}, kUsage, args))
        return *code;
    const auto from = args.value("from");
    if (!from && args.positionals().empty())
        return fail(kExitUsage, "lookup: give IP addresses or --from FILE (see --help)");
    if (from && !args.positionals().empty())
        return fail(kExitUsage, "lookup: give IP addresses or --from FILE, not both");
    unsigned threads = std::max(1u, std::thread::hardware_concurrency());
    if (auto t = args.value("threads")) {
        try {
            threads = unsigned(std::stoul(*t));
        } catch (...) {
            threads = 0;
        }
        if (threads == 0 || threads > 256) return fail(kExitUsage, "--threads must be 1..256");
    }
    auto setup = load_routing(args, TableUse::RoutingOnly);
    if (!setup) return fail(kExitInput, setup.error().what());
    const LineRenderer renderer(setup->router, args.has("json"));

    if (!from) {
        std::string out;
        for (const auto& ip : args.positionals())
            renderer.render_line(ip, out);
        write_all(STDOUT_FILENO, out);
        return kExitOk;
    }
    const int fd = open_input(*from);
    if (fd < 0) return kExitInput;
    auto status = run_line_pipeline(
        fd, STDOUT_FILENO,
        [&](std::string_view lines, OutputBlock& out) { renderer.render(lines, out); }, threads);
    if (fd != STDIN_FILENO) ::close(fd);
    if (!status)
        return fail(kExitInput,
                    (*from == "-" ? std::string("stdin") : *from) + ": " + status.error().message);
    return kExitOk;
}

} // namespace ociproxy::cli
