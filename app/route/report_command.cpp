#include "app/route/command_support.h"
#include "app/route/commands.h"
#include "app/route/request_lines.h"
#include "core/decide/decide.h"
#include "core/file_io.h"
#include "resources/demo_data.h"

#include <cstdio>
#include <iostream>
#include <map>

namespace ociproxy::cli {
namespace {

constexpr const char* kUsage = R"(Usage: oci-route report [options] [--requests FILE]

A routing report: every request of FILE (JSON lines {"method","path","peer",
"xff"}; default: the built-in demo traffic) with the proxy's answer, then the
totals per backend and per bucket. Plain text for a terminal or an issue.
)";

std::string clip(std::string_view s, std::size_t n) {
    if (s.size() <= n) return std::string(s);
    return std::string(s.substr(0, n - 3)) + "...";
}

std::string where_to(const Decision& d) {
    if (d.kind == RequestKind::Blob && d.backend != Backend::Upstream) return d.bucket_name;
    if (d.status != 307) return "-";
    const auto scheme = d.location.find("://");
    const auto host_end = d.location.find('/', scheme == std::string::npos ? 0 : scheme + 3);
    return d.location.substr(0, host_end);
}

} // namespace

int run_report(int argc, char** argv, int first) {
    Args args;
    if (auto code = parse_command(argc, argv, first, {{"requests", true}}, kUsage, args))
        return *code;
    if (!args.positionals().empty())
        return fail(kExitUsage, "report: unexpected argument '" + args.positionals()[0] + "'");
    auto setup = load_routing(args);
    if (!setup) return fail(kExitInput, setup.error().what());

    std::string source = "demo:requests.jsonl";
    std::string text(demo::file("requests.jsonl"));
    if (auto f = args.value("requests")) {
        auto loaded = read_file(*f);
        if (!loaded) return fail(kExitInput, loaded.error().what());
        text = std::move(loaded).value();
        source = *f;
    } else {
        std::cerr << "oci-route: no --requests given, reporting the built-in demo traffic\n";
    }

    const auto& table = setup->router.table();
    std::printf("Routing report: %s\n", source.c_str());
    std::printf("Ranges: %zu prefixes from %zu sources; match mode %s; %zu buckets, default %s\n\n",
                table.size(), table.sources().size(),
                std::string(match_mode_name(setup->router.settings().match)).c_str(),
                setup->router.buckets().buckets().size(),
                setup->router.buckets().default_url().c_str());
    std::printf("%-6s %-44s %-24s %-6s %-9s %-22s %s\n", "METHOD", "PATH", "CLIENT", "STATUS",
                "BACKEND", "CLOUD/REGION", "TO");
    std::map<std::string, std::size_t> by_backend, by_target;
    std::size_t total = 0;
    const auto status =
        for_each_request_line(text, source, [&](const RequestLine& r, const std::string&) {
            const Decision d = decide(r.view(), setup->router, *setup->blobs);
            const std::string client = d.client_ip ? d.client_ip->to_string() : std::string("-");
            const std::string place =
                d.cloud.empty() ? (d.client_ip ? "(no range)" : "-") : d.cloud + " " + d.region;
            const std::string to = where_to(d);
            std::printf("%-6s %-44s %-24s %-6d %-9s %-22s %s\n", clip(r.method, 6).c_str(),
                        clip(r.path, 44).c_str(), clip(client, 24).c_str(), d.status,
                        std::string(backend_name(d.backend)).c_str(), clip(place, 22).c_str(),
                        to.c_str());
            ++total;
            ++by_backend[std::string(backend_name(d.backend)) + " (" + std::to_string(d.status) +
                         ")"];
            if (d.kind == RequestKind::Blob) ++by_target[to];
        });
    if (!status) return fail(kExitInput, status.error().what());
    std::printf("\n%zu requests\n\nBy backend (status):\n", total);
    for (const auto& [k, n] : by_backend)
        std::printf("  %-28s %6zu\n", k.c_str(), n);
    std::printf("\nBlob requests by destination:\n");
    for (const auto& [k, n] : by_target)
        std::printf("  %-40s %6zu\n", k.c_str(), n);
    return kExitOk;
}

} // namespace ociproxy::cli
