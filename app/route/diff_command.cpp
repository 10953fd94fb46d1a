#include "app/route/command_support.h"
#include "app/route/commands.h"
#include "core/diff/prefix_consequence.h"
#include "core/diff/range_diff.h"
#include "core/file_io.h"
#include "core/ranges/range_loader.h"
#include "core/report/compare_report.h"
#include "core/simulate/movement.h"
#include "core/simulate/simulation.h"
#include "core/workspace/workspace.h"

#include <cstdio>

namespace ociproxy::cli {
namespace {

constexpr const char* kUsage = R"(Usage: oci-route diff-ranges OLD NEW [options]

What changed between two range files (e.g. last month's and today's AWS
ip-ranges.json): prefixes added, removed and moved between regions per cloud,
new and vanished regions, and the AWS regions the bucket map (--buckets or
--workspace; default: production) does not serve.

Options:
  --report FILE    also write the changes: Markdown (.md, to paste into an issue),
                   CSV (.csv, every changed prefix), JSON (.json), HTML or PDF
  --format md|csv|json|html|pdf   the report's format (default: from FILE)
  --traffic FILE   also replay this traffic under OLD and under NEW and show the
                   requests whose routing changes (formats as for simulate)
)";

} // namespace

int run_diff_ranges(int argc, char** argv, int first) {
    Args args;
    if (auto code =
            parse_command(argc, argv, first,
                          {{"report", true}, {"traffic", true}, {"format", true}}, kUsage, args))
        return *code;
    if (args.positionals().size() != 2)
        return fail(kExitUsage, "diff-ranges: give the OLD and the NEW range file; see --help");
    std::vector<RangeSet> sets[2];
    for (int i = 0; i < 2; ++i) {
        auto set = load_range_file(args.positionals()[std::size_t(i)]);
        if (!set) return fail(kExitInput, set.error().what());
        sets[i].push_back(std::move(set).value());
    }
    // Only the bucket map matters here; the ranges are the two files.
    BucketMap buckets = BucketMap::production();
    RoutingSettings settings;
    if (auto w = args.value("workspace"); w && !w->empty()) {
        auto ws = load_workspace_file(*w);
        if (!ws) return fail(kExitInput, ws.error().what());
        buckets = ws->buckets;
        settings = ws->settings;
    }
    if (auto f = args.value("buckets"); f && !f->empty()) {
        auto map = BucketMap::load_file(*f);
        if (!map) return fail(kExitInput, map.error().what());
        buckets = std::move(map).value();
    }
    const RangeDiff d = diff_ranges(sets[0], sets[1], buckets);
    std::printf("%s -> %s\n\n%s", args.positionals()[0].c_str(), args.positionals()[1].c_str(),
                range_diff_summary(d).c_str());
    std::string markdown = range_diff_markdown(d);
    // The same buckets and settings over each publication: only the ranges
    // differ between the two sides.
    auto old_router = Router::create(PrefixTable::build(sets[0]), buckets, settings);
    auto new_router = Router::create(PrefixTable::build(sets[1]), buckets, settings);
    if (!old_router) return fail(kExitInput, old_router.error().what());
    if (!new_router) return fail(kExitInput, new_router.error().what());
    // Where each changed prefix's clients go now, for those that go elsewhere.
    std::string consequences;
    std::size_t listed = 0, changing = 0;
    for (const auto& [prefix, c] : prefix_consequences(d, *old_router, *new_router)) {
        if (!c.changes) continue;
        if (++changing <= 20) {
            consequences += "  " + prefix + ": " + c.text + "\n";
            ++listed;
        }
    }
    if (changing > 0) {
        std::printf("\nclients whose blobs go elsewhere (%zu prefix(es)%s):\n%s", changing,
                    listed < changing ? ", first 20" : "", consequences.c_str());
        markdown += "\n### Where the changed prefixes' clients go\n\n" + consequences;
    }
    if (auto traffic = args.value("traffic")) {
        AllBlobsPresent all;
        Scenario a, b;
        a.router = &*old_router;
        b.router = &*new_router;
        a.presence = b.presence = &all;
        auto c = compare_file(*traffic, a, b);
        if (!c) return fail(kExitInput, c.error().what());
        const std::uint64_t moved = moved_requests(*c);
        std::printf("\ntraffic %s: %llu of %llu requests route differently\n%s", traffic->c_str(),
                    static_cast<unsigned long long>(moved),
                    static_cast<unsigned long long>(c->a.requests), compare_summary(*c).c_str());
        markdown +=
            "\n" + compare_report(*c, ReportProvenance{"oci-route " OCIPROXY_VERSION, "", {}, {}},
                                  ReportFormat::Markdown);
    }
    if (auto report = args.value("report")) {
        const std::string format =
            args.value("format").value_or(report->ends_with(".csv")    ? "csv"
                                          : report->ends_with(".json") ? "json"
                                          : report->ends_with(".html") ? "html"
                                          : report->ends_with(".pdf")  ? "pdf"
                                                                       : "md");
        std::string text;
        if (format == "md")
            text = markdown;
        else if (format == "csv")
            text = range_diff_csv(d);
        else if (format == "json")
            text = range_diff_json(d);
        else if (format == "html")
            text = range_diff_html(d);
        else if (format == "pdf")
            text = range_diff_pdf(d);
        else
            return fail(kExitUsage,
                        "--format for diff-ranges is md, csv, json, html or pdf, not '" + format +
                            "'");
        if (auto st = write_file_atomic(*report, text); !st)
            return fail(kExitInput, st.error().what());
        std::fprintf(stderr, "oci-route: %s written to %s\n", format.c_str(), report->c_str());
    }
    return kExitOk;
}

} // namespace ociproxy::cli
