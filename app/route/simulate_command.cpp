#include "app/route/command_support.h"
#include "app/route/commands.h"
#include "core/digest/sha256.h"
#include "core/file_io.h"
#include "core/report/simulation_report.h"
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
or xff; optional path, method, count, bytes), Cloud Logging JSON lines
(httpRequest.remoteIp/requestUrl/requestMethod), the oci-proxy access log, or
an nginx/Apache combined log. Unreadable lines are counted, the first few
reported with their numbers, and the run goes on. Uses every core; memory
does not grow with the input.

Options:
  --report FILE          also write a report; format from the extension
  --format csv|json|md|html   the report's format (default: from FILE)
  --default-bytes N      bytes of a blob request whose row gives none
                         (default 33554432, a 32 MiB layer)
  --threads N            worker threads (default: every core)
)";

std::string now_iso() {
    const std::time_t t = std::time(nullptr);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
    return buf;
}

ReportProvenance provenance(const RoutingSetup& setup, const std::string& traffic,
                            const Scenario& s) {
    ReportProvenance p;
    p.tool = "oci-route " OCIPROXY_VERSION;
    p.created = now_iso();
    const auto add = [&p](const std::string& path) {
        auto bytes = read_range_source(path, &demo::file);
        p.inputs.emplace_back(path,
                              bytes ? sha256_hex(*bytes) : "unreadable: " + bytes.error().message);
    };
    if (traffic != "-") add(traffic);
    for (const auto& r : setup.workspace.range_sources)
        add(r);
    const auto& ws = setup.workspace;
    p.settings = {
        {"match", std::string(match_mode_name(ws.settings.match))},
        {"buckets",
         std::to_string(ws.buckets.buckets().size()) + ", default " + ws.buckets.default_url()},
        {"upstream", ws.settings.upstream + " " + ws.settings.upstream_path},
        {"blobs", ws.blobs.kind == BlobPolicy::Kind::All ? "all mirrored"
                  : ws.blobs.kind == BlobPolicy::Kind::None
                      ? "none"
                      : "listed in " + ws.blobs.url_list_file},
        {"default blob bytes", std::to_string(s.default_blob_bytes)},
        {"prices (USD/GiB)",
         [&] {
             const auto& pr = s.prices;
             char buf[200];
             std::snprintf(buf, sizeof buf,
                           "s3 same %g, s3 cross-region %g, s3 internet %g, cloudfront %g, "
                           "upstream gcp %g, upstream internet %g",
                           pr.s3_same_region, pr.s3_cross_region, pr.s3_internet,
                           pr.cloudfront_internet, pr.upstream_gcp, pr.upstream_internet);
             return std::string(buf);
         }()},
    };
    return p;
}

bool parse_u64(const std::string& s, std::uint64_t& out) {
    const auto r = std::from_chars(s.data(), s.data() + s.size(), out);
    return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

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

    std::optional<ReportFormat> format;
    const auto report = args.value("report");
    if (auto f = args.value("format")) {
        format = parse_report_format(*f);
        if (!format)
            return fail(kExitUsage, "--format must be csv, json, md or html, not '" + *f + "'");
    } else if (report) {
        format = report_format_for_path(*report);
        if (!format)
            return fail(kExitUsage, "cannot tell the report format from '" + *report +
                                        "': use --format csv|json|md|html");
    }
    Scenario scenario;
    if (auto b = args.value("default-bytes"); b && !parse_u64(*b, scenario.default_blob_bytes))
        return fail(kExitUsage, "--default-bytes takes a whole number of bytes, not '" + *b + "'");
    SimulationOptions options;
    if (auto t = args.value("threads")) {
        std::uint64_t n = 0;
        if (!parse_u64(*t, n) || n == 0 || n > 256)
            return fail(kExitUsage, "--threads takes 1 to 256, not '" + *t + "'");
        options.threads = unsigned(n);
    }

    auto setup = load_routing(args);
    if (!setup) return fail(kExitInput, setup.error().what());
    scenario.router = &setup->router;
    scenario.presence = setup->blobs.get();
    scenario.prices = setup->prices;

    auto result = simulate_file(traffic, scenario, options);
    if (!result) return fail(kExitInput, result.error().what());
    std::fputs(simulation_summary(*result).c_str(), stdout);
    if (format) {
        const std::string text =
            simulation_report(*result, provenance(*setup, traffic, scenario), *format);
        if (report) {
            if (auto st = write_file_atomic(*report, text); !st)
                return fail(kExitInput, st.error().what());
            std::fprintf(stderr, "oci-route: %s report written to %s\n",
                         report_format_name(*format), report->c_str());
        } else {
            std::fputs(text.c_str(), stdout);
        }
    }
    return kExitOk;
}

} // namespace ociproxy::cli
