// The floor of the streaming paths: the same readers on the same threads as
// `oci-route simulate` and `oci-route lookup --from`, parsing every address
// and looking none of them up. bench/streaming.sh divides the commands' times
// by these.
//
//   bench_parse simulate FILE THREADS   BlockSource + traffic line + client address
//   bench_parse lookup FILE THREADS     run_line_pipeline + address, no output
//
// An address is parsed as the commands parse it (AddressBatch::add_parsed):
// the scans of address_scan.h, the full parser for what they refuse, and no
// IpAddress built for the scanned forms.

#include "app/route/line_pipeline.h"
#include "core/batch_heap.h"
#include "core/net/address_scan.h"
#include "core/net/ip_address.h"
#include "core/request/client_ip.h"
#include "core/text_lines.h"
#include "core/traffic/block_source.h"
#include "core/traffic/traffic_format.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <mutex>
#include <string>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace ociproxy;

namespace {

// Whether `text` is an address, parsed as AddressBatch::add_parsed parses
// it (the commands' parse), minus the batch.
bool parses(std::string_view text) {
    u128 bits;
    IpAddress ip;
    return scan_address(text, bits) != ScannedForm::None ||
           IpAddress::try_parse_unscanned(text, ip);
}

// Counts what parsed, so that the compiler cannot drop the parsing.
struct Tally {
    std::uint64_t lines = 0, addresses = 0;
};

int simulate_reader(int fd, unsigned threads, Tally& total) {
    BlockSource blocks(fd, {});
    LineBlock first;
    if (!blocks.next(first)) return 1;
    const auto layout = detect_traffic_layout(first.text, "input");
    if (!layout) return 1;
    std::vector<Tally> tallies(threads);
    std::atomic<bool> first_taken{false};
    const auto work = [&](Tally& out) {
        // Counted here and handed over at the end: the threads' tallies
        // share a cache line.
        Tally tally;
        TrafficRecord rec;
        std::string why;
        const auto run = [&](const LineBlock& b) {
            for_each_line(b.text, [&](std::string_view line, std::size_t) {
                ++tally.lines;
                if (layout->format == TrafficFormat::IpList && parses(line)) {
                    ++tally.addresses;
                    return true;
                }
                if (parse_traffic_line(*layout, line, rec, why) != LineKind::Record) return true;
                const bool ok = rec.forwarded_for.empty()
                                    ? parse_peer_address(rec.peer).ok()
                                    : client_ip(rec.forwarded_for, rec.peer).ok();
                tally.addresses += ok;
                return true;
            });
        };
        if (!first_taken.exchange(true)) run(first);
        LineBlock b;
        while (blocks.next(b))
            run(b);
        out = tally;
    };
    std::vector<std::thread> pool;
    for (unsigned i = 1; i < threads; ++i)
        pool.emplace_back(work, std::ref(tallies[i]));
    work(tallies[0]);
    for (auto& t : pool)
        t.join();
    for (const auto& t : tallies) {
        total.lines += t.lines;
        total.addresses += t.addresses;
    }
    return 0;
}

int lookup_reader(int fd, unsigned threads, Tally& total) {
    std::mutex m;
    const auto status = cli::run_line_pipeline(
        fd, -1,
        [&](std::string_view lines, cli::OutputBlock&) {
            Tally t;
            for_each_line(lines, [&](std::string_view line, std::size_t) {
                ++t.lines;
                t.addresses += parses(trim_blanks(line));
                return true;
            });
            std::lock_guard lock(m);
            total.lines += t.lines;
            total.addresses += t.addresses;
        },
        threads);
    return status.ok() ? 0 : 1;
}

} // namespace

int main(int argc, char** argv) {
    if (argc != 4 ||
        (std::strcmp(argv[1], "simulate") != 0 && std::strcmp(argv[1], "lookup") != 0)) {
        std::fprintf(stderr, "usage: bench_parse simulate|lookup FILE THREADS\n");
        return 2;
    }
    const int fd = ::open(argv[2], O_RDONLY);
    if (fd < 0) {
        std::perror(argv[2]);
        return 1;
    }
    const unsigned threads = unsigned(std::max(1, std::atoi(argv[3])));
    // The process as oci-route sets it up (main.cpp), so that the floor
    // differs from the commands by the lookups alone.
    use_batch_heap();
    const auto t0 = std::chrono::steady_clock::now();
    Tally tally;
    const int rc = std::strcmp(argv[1], "simulate") == 0 ? simulate_reader(fd, threads, tally)
                                                         : lookup_reader(fd, threads, tally);
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("parse only (%s reader, %u threads): %llu lines, %llu addresses in %.3f s\n",
                argv[1], threads, static_cast<unsigned long long>(tally.lines),
                static_cast<unsigned long long>(tally.addresses), s);
    return rc;
}
