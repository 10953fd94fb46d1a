#include "app/route/command_support.h"
#include "app/route/commands.h"
#include "app/route/report_provenance.h"
#include "core/file_io.h"
#include "core/plan/plan_inputs.h"
#include "core/report/plan_report.h"
#include "core/simulate/scenario_builder.h"
#include "resources/demo_data.h"
#include "resources/planner_data.h"

#include <cmath>
#include <cstdio>
#include <iostream>

namespace ociproxy::cli {
namespace {

constexpr const char* kUsage = R"(Usage: oci-route plan [TRAFFIC|-] [options]

Where should the next S3 bucket go, and which bucket should each AWS region
without one be aliased to? Simulates TRAFFIC (any format `simulate` reads;
default: the built-in demo traffic) and, from the blob bytes of AWS clients
per region, ranks every catalogue region without a bucket by monthly saving:
egress avoided - storage of the store - its one-time copy amortised over the
horizon, with the break-even traffic of each. Regions without a bucket get
their nearest bucket (great circle) and their cheapest one per GiB. Every
number says where it came from; regions missing from the catalogue are
listed, never guessed.

Options:
  --store-bytes N        size of the mirrored image store (default: the
                         --blobs inventory's total, else 1 TiB, said so)
  --horizon-months M     months to amortise the copy into a new bucket over
                         (default 12)
  --traffic-days D       days the traffic file covers (default 30: a month)
  --top K                candidates to show (default 10; 0: all)
  --format text|json|md|csv   output format (default text)
  --output FILE          write the plan there instead of stdout
  --bucket-map-out FILE  write the bucket map of the plan (the best new
                         bucket when it saves, and the recommended aliases),
                         validated; compare it: oci-route compare TRAFFIC --b-buckets FILE
  --catalogue FILE       region catalogue JSON (default: the workspace's, else
                         the built-in one)
  --default-bytes N      bytes of a blob GET whose row gives no size (default: the
                         workspace's, else 32 MiB)
  --threads N            worker threads (default: every core)
)";

} // namespace

int run_plan(int argc, char** argv, int first) {
    Args args;
    if (auto code = parse_command(argc, argv, first,
                                  {{"store-bytes", true},
                                   {"horizon-months", true},
                                   {"traffic-days", true},
                                   {"top", true},
                                   {"format", true},
                                   {"output", true},
                                   {"bucket-map-out", true},
                                   {"catalogue", true},
                                   {"default-bytes", true},
                                   {"threads", true}},
                                  kUsage, args))
        return *code;
    if (args.positionals().size() > 1)
        return fail(kExitUsage, "plan: give at most one TRAFFIC file; see --help");

    PlanFormat format = PlanFormat::Text;
    if (auto f = args.value("format")) {
        const auto parsed = parse_plan_format(*f);
        if (!parsed)
            return fail(kExitUsage, "--format must be text, json, md or csv, not '" + *f + "'");
        format = *parsed;
    }
    std::size_t top = 10;
    if (auto t = args.value("top"); t && !parse_number(*t, top))
        return fail(kExitUsage, "--top takes a whole number, not '" + *t + "'");
    // The routing options first: --workspace brings its planner settings,
    // which the options below then override.
    auto setup = load_routing(args);
    if (!setup) return fail(kExitInput, setup.error().what());
    PlannerSettings settings = setup->workspace.planner;
    if (auto s = args.value("store-bytes")) {
        if (!parse_number(*s, settings.store_bytes) || settings.store_bytes == 0)
            return fail(kExitUsage,
                        "--store-bytes takes a whole number of bytes > 0, not '" + *s + "'");
    }
    for (const auto& [name, field] : {std::pair{"horizon-months", &settings.horizon_months},
                                      std::pair{"traffic-days", &settings.traffic_days}}) {
        if (auto v = args.value(name)) {
            double x = 0;
            if (!parse_number(*v, x) || !(x > 0) || !std::isfinite(x))
                return fail(kExitUsage,
                            "--" + std::string(name) + " takes a number > 0, not '" + *v + "'");
            *field = x;
        }
    }
    if (auto c = args.value("catalogue")) settings.catalogue = *c;
    auto choices = parse_run_choices(args, false);
    if (!choices) return fail(kExitUsage, choices.error().message);
    auto catalogue = builtin::region_catalogue(settings.catalogue);
    if (!catalogue) return fail(kExitInput, catalogue.error().what());

    if (choices->default_blob_bytes)
        setup->workspace.default_blob_bytes = *choices->default_blob_bytes;
    const Scenario scenario = make_scenario(setup->workspace, setup->router, *setup->blobs);
    Result<SimulationResult> sim = Error{"", ""};
    if (args.positionals().empty()) {
        std::cerr << "oci-route: no TRAFFIC given, planning for the built-in demo traffic\n";
        sim = simulate_text(demo::file("planner-traffic.csv"), "demo:planner-traffic.csv", scenario,
                            choices->options);
    } else {
        sim = simulate_file(args.positionals()[0], scenario, choices->options);
    }
    if (!sim) return fail(kExitInput, sim.error().what());

    const Plan plan = make_plan(plan_inputs(*sim, setup->router, setup->prices, *catalogue,
                                            plan_assumptions(settings, setup->blobs.get()),
                                            scenario.default_blob_bytes));
    if (auto out = args.value("bucket-map-out")) {
        auto map = plan_bucket_map(setup->router.buckets(), plan);
        if (!map) return fail(kExitInput, map.error().what());
        if (auto st = map->save_file(*out); !st) return fail(kExitInput, st.error().what());
        std::cerr << "oci-route: wrote the plan's bucket map to " << *out << "\n";
    }
    const std::string text = plan_report(plan, format, top);
    if (auto out = args.value("output")) {
        if (auto st = write_file_atomic(*out, text); !st)
            return fail(kExitInput, st.error().what());
        return kExitOk;
    }
    std::fputs(text.c_str(), stdout);
    return kExitOk;
}

} // namespace ociproxy::cli
