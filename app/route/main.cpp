// oci-route: the command-line front end of the routing core.

#include "app/common/cli_args.h"
#include "app/route/commands.h"
#include "core/batch_heap.h"

#include <csignal>
#include <cstring>
#include <iostream>

namespace {

constexpr const char* kUsage = R"(Usage: oci-route COMMAND [options]

Answers routing questions for the registry.k8s.io redirect proxy with the same
routing core the proxy runs.

Commands:
  lookup    cloud, region, prefix and bucket for IPs (fast, streaming)
  explain   every prefix containing an IP, and the winner per match mode
  decide    the proxy's HTTP answer to a request, or to a file of requests
  report    a routing report of traffic (default: built-in demo traffic)
  simulate  requests, bytes and egress cost of a traffic file, by backend, bucket, region
  compare   the same traffic under two scenarios: what moves where, what it costs
  diff-ranges  prefixes added, removed and moved between two range files
  plan      where the next bucket should go, and where regions without one should alias

Run "oci-route COMMAND --help" for a command's options.
Without --ranges every command uses the built-in demo ranges.

Exit status: 0 success, 2 usage error, 3 input error (one-line reason on stderr).
)";

} // namespace

int main(int argc, char** argv) {
    using namespace ociproxy::cli;
    // A closed pipe ("oci-route lookup ... | head") ends output quietly.
    std::signal(SIGPIPE, SIG_IGN);
    // A run builds its table once, through large short-lived buffers, then
    // streams: see batch_heap.h.
    ociproxy::use_batch_heap();
    if (argc < 2) {
        std::cerr << kUsage;
        return kExitUsage;
    }
    const std::string_view cmd = argv[1];
    if (cmd == "--help" || cmd == "-h" || cmd == "help") {
        std::cout << kUsage;
        return kExitOk;
    }
    if (cmd == "--version") {
        std::cout << "oci-route " OCIPROXY_VERSION "\n";
        return kExitOk;
    }
    if (cmd == "lookup") return run_lookup(argc, argv, 2);
    if (cmd == "explain") return run_explain(argc, argv, 2);
    if (cmd == "decide") return run_decide(argc, argv, 2);
    if (cmd == "report") return run_report(argc, argv, 2);
    if (cmd == "simulate") return run_simulate(argc, argv, 2);
    if (cmd == "diff-ranges") return run_diff_ranges(argc, argv, 2);
    if (cmd == "compare") return run_compare(argc, argv, 2);
    if (cmd == "plan") return run_plan(argc, argv, 2);
    std::cerr << "oci-route: unknown command '" << cmd << "' (see oci-route --help)\n";
    return kExitUsage;
}
