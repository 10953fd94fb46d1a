#include "app/route/command_support.h"
#include "app/route/commands.h"
#include "app/route/line_pipeline.h"
#include "app/route/lookup_renderer.h"

#include <algorithm>
#include <thread>
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
    const LookupRenderer renderer(setup->router, args.has("json"));

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
