#include "app/route/command_support.h"
#include "app/route/commands.h"
#include "app/route/report_provenance.h"
#include "core/digest/sha256.h"
#include "core/file_io.h"
#include "core/report/simulation_report.h"
#include "core/simulate/scenario_builder.h"
#include "core/simulate/simulation.h"
#include "core/workspace/range_source.h"
#include "resources/demo_data.h"

#include <charconv>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <iostream>

namespace ociproxy::cli {
namespace {

constexpr const char* kUsage = R"(Usage: oci-route simulate TRAFFIC|- [options]

Replays a traffic file through the proxy's rules and sums requests, bytes and
estimated egress cost by backend, bucket and client cloud/region. TRAFFIC is
detected from its content: an IP list ("ip [count]"), CSV with a header (ip
or xff; optional path, method, count, bytes), Cloud Logging entries
(httpRequest.remoteIp/requestUrl/requestMethod) as JSON lines or as the JSON
array that `gcloud logging read --format=json` and the Logs Explorer download
write, the oci-proxy access log, or an nginx/Apache combined log. Unreadable
lines (entries, in an array) are counted, the first few
reported with their numbers, and the run goes on. Uses every core; memory
does not grow with the input.

Options:
  --report FILE          also write a report; format from the extension
  --format csv|json|md|html|pdf   the report's format (default: from FILE)
  --default-bytes N      bytes of a blob GET whose row gives no size (default:
                         the workspace's, else 33554432, a 32 MiB layer)
  --threads N            worker threads (default: every core)
)";

} // namespace

int run_simulate(int argc, char** argv, int first) {
    Args args;
    if (auto code = parse_command(
            argc, argv, first,
            {{"report", true}, {"format", true}, {"default-bytes", true}, {"threads", true}},
            kUsage, args))
        return *code;
    if (args.positionals().size() != 1)
        return fail(kExitUsage, "simulate: give one TRAFFIC file (or - for stdin); see --help");
    const std::string traffic = args.positionals()[0];

    auto choices = parse_run_choices(args);
    if (!choices) return fail(kExitUsage, choices.error().message);
    auto setup = load_routing(args, TableUse::RoutingOnly);
    if (!setup) return fail(kExitInput, setup.error().what());
    if (choices->default_blob_bytes)
        setup->workspace.default_blob_bytes = *choices->default_blob_bytes;
    const Scenario scenario = make_scenario(setup->workspace, setup->router, *setup->blobs);

    auto result = simulate_file(traffic, scenario, choices->options);
    if (!result) return fail(kExitInput, result.error().what());
    std::fputs(simulation_summary(*result).c_str(), stdout);
    std::fputs(bytes_assumption(scenario.default_blob_bytes).c_str(), stdout);
    if (!choices->format) return kExitOk;
    return write_report(*choices,
                        simulation_report(*result,
                                          run_provenance("oci-route " OCIPROXY_VERSION, *result,
                                                         setup->workspace, &source_digest),
                                          *choices->format));
}

} // namespace ociproxy::cli
