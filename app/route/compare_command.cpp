#include "app/route/command_support.h"
#include "app/route/commands.h"
#include "app/route/report_provenance.h"
#include "core/file_io.h"
#include "core/report/compare_report.h"
#include "core/simulate/scenario_builder.h"

#include <cstdio>

namespace ociproxy::cli {
namespace {

constexpr const char* kUsage = R"(Usage: oci-route compare TRAFFIC|- [options] [scenario B options]

Replays one traffic file through two scenarios in one pass and shows what
moves: the movement matrix (from backend/bucket under A to backend/bucket
under B) with requests and cost under each, the cost delta, and the first
requests whose routing changes. Scenario A is the routing options below (or
--workspace); scenario B starts as a copy of A with these changes:

Scenario B:
  --scenario-b FILE       a second workspace file instead of a copy of A
  --b-ranges FILE         B's range files (repeatable), e.g. a newer ip-ranges.json
  --b-buckets FILE        B's bucket map (e.g. with a new bucket)
  --b-match longest|first
  --b-default-aws-base URL
  --b-blobs all|none|FILE
  --b-prices FILE

Options:
  --report FILE          also write a report; format from the extension
  --format csv|json|md|html|pdf
  --default-bytes N      bytes of a blob GET whose row gives no size (default: the
                         workspace's, else 32 MiB)
  --threads N            worker threads (default: every core)
)";

} // namespace

int run_compare(int argc, char** argv, int first) {
    Args args;
    if (auto code = parse_command(argc, argv, first,
                                  {{"report", true},
                                   {"format", true},
                                   {"default-bytes", true},
                                   {"threads", true},
                                   {"scenario-b", true},
                                   {"b-ranges", true, true},
                                   {"b-buckets", true},
                                   {"b-match", true},
                                   {"b-default-aws-base", true},
                                   {"b-blobs", true},
                                   {"b-prices", true}},
                                  kUsage, args))
        return *code;
    if (args.positionals().size() != 1)
        return fail(kExitUsage, "compare: give one TRAFFIC file (or - for stdin); see --help");
    const std::string traffic = args.positionals()[0];
    auto choices = parse_run_choices(args);
    if (!choices) return fail(kExitUsage, choices.error().message);

    auto a = load_routing(args);
    if (!a) return fail(kExitInput, a.error().what());
    auto b = load_routing(args, "b-", &a->workspace);
    if (!b) return fail(kExitInput, b.error().what());
    if (choices->default_blob_bytes)
        a->workspace.default_blob_bytes = b->workspace.default_blob_bytes =
            *choices->default_blob_bytes;
    const Scenario sa = make_scenario(a->workspace, a->router, *a->blobs);
    const Scenario sb = make_scenario(b->workspace, b->router, *b->blobs);

    auto result = compare_file(traffic, sa, sb, choices->options);
    if (!result) return fail(kExitInput, result.error().what());
    std::fputs(compare_summary(*result).c_str(), stdout);
    std::fputs(bytes_assumption(sa.default_blob_bytes).c_str(), stdout);
    if (!choices->format) return kExitOk;
    const ReportProvenance p = compare_provenance("oci-route " OCIPROXY_VERSION, result->a,
                                                  a->workspace, b->workspace, &source_digest, {});
    return write_report(*choices, compare_report(*result, p, *choices->format));
}

} // namespace ociproxy::cli
