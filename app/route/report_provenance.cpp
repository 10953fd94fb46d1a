#include "app/route/report_provenance.h"

#include "app/route/command_support.h"
#include "core/digest/sha256.h"
#include "core/file_io.h"
#include "core/workspace/range_source.h"
#include "resources/demo_data.h"

#include <charconv>
#include <cstdio>
#include <ctime>

namespace ociproxy::cli {
namespace {

std::string now_iso() {
    const std::time_t t = std::time(nullptr);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
    return buf;
}

bool parse_u64(const std::string& s, std::uint64_t& out) {
    const auto r = std::from_chars(s.data(), s.data() + s.size(), out);
    return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

} // namespace

Result<RunChoices> parse_run_choices(const Args& args) {
    RunChoices c;
    c.report = args.value("report");
    if (auto f = args.value("format")) {
        c.format = parse_report_format(*f);
        if (!c.format)
            return Error{"--format must be csv, json, md, html or pdf, not '" + *f + "'", ""};
    } else if (c.report) {
        c.format = report_format_for_path(*c.report);
        if (!c.format)
            return Error{"cannot tell the report format from '" + *c.report +
                             "': use --format csv|json|md|html|pdf|pdf",
                         ""};
    }
    if (auto b = args.value("default-bytes"); b && !parse_u64(*b, c.default_blob_bytes))
        return Error{"--default-bytes takes a whole number of bytes, not '" + *b + "'", ""};
    if (auto t = args.value("threads")) {
        std::uint64_t n = 0;
        if (!parse_u64(*t, n) || n == 0 || n > 256)
            return Error{"--threads takes 1 to 256, not '" + *t + "'", ""};
        c.options.threads = unsigned(n);
    }
    return c;
}

void add_input(ReportProvenance& p, const std::string& label, const std::string& path) {
    auto bytes = read_range_source(path, &demo::file);
    p.inputs.emplace_back(label,
                          bytes ? sha256_hex(*bytes) : "unreadable: " + bytes.error().message);
}

std::vector<std::pair<std::string, std::string>> scenario_settings(const RoutingSetup& setup,
                                                                   const Scenario& s) {
    const auto& ws = setup.workspace;
    const auto& pr = s.prices;
    char prices[200];
    std::snprintf(prices, sizeof prices,
                  "s3 same %g, s3 cross-region %g, s3 internet %g, cloudfront %g, upstream gcp %g, "
                  "upstream internet %g",
                  pr.s3_same_region, pr.s3_cross_region, pr.s3_internet, pr.cloudfront_internet,
                  pr.upstream_gcp, pr.upstream_internet);
    return {
        {"match", std::string(match_mode_name(ws.settings.match))},
        {"buckets",
         std::to_string(ws.buckets.buckets().size()) + ", default " + ws.buckets.default_url()},
        {"upstream", ws.settings.upstream + " " + ws.settings.upstream_path},
        {"blobs", ws.blobs.kind == BlobPolicy::Kind::All ? "all mirrored"
                  : ws.blobs.kind == BlobPolicy::Kind::None
                      ? "none"
                      : "listed in " + ws.blobs.url_list_file},
        {"default blob bytes", std::to_string(s.default_blob_bytes)},
        {"prices (USD/GiB)", prices},
    };
}

ReportProvenance report_provenance(const RoutingSetup& setup, const std::string& traffic,
                                   const Scenario& s) {
    ReportProvenance p;
    p.tool = "oci-route " OCIPROXY_VERSION;
    p.created = now_iso();
    if (traffic != "-") add_input(p, traffic, traffic);
    for (const auto& r : setup.workspace.range_sources)
        add_input(p, r, r);
    p.settings = scenario_settings(setup, s);
    return p;
}

int write_report(const RunChoices& c, const std::string& text) {
    if (!c.report) {
        std::fputs(text.c_str(), stdout);
        return kExitOk;
    }
    if (auto st = write_file_atomic(*c.report, text); !st)
        return fail(kExitInput, st.error().what());
    std::fprintf(stderr, "oci-route: %s report written to %s\n", report_format_name(*c.format),
                 c.report->c_str());
    return kExitOk;
}

} // namespace ociproxy::cli
