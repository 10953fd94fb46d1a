#include "core/report/provenance.h"

#include "core/simulate/simulation.h"
#include "core/workspace/workspace.h"

#include <cstdio>
#include <ctime>

namespace ociproxy {

std::vector<std::pair<std::string, std::string>> scenario_settings(const Workspace& ws) {
    const auto& pr = ws.prices;
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
        {"blobs", ws.blobs.kind == BlobPolicy::Kind::All    ? "all mirrored"
                  : ws.blobs.kind == BlobPolicy::Kind::None ? "none"
                  : ws.blobs.kind == BlobPolicy::Kind::UrlList
                      ? "listed in " + ws.blobs.url_list_file
                      : "inventory " + ws.blobs.url_list_file},
        {"default blob bytes", std::to_string(ws.default_blob_bytes)},
        {"prices (USD/GiB)", prices},
    };
}

ReportProvenance run_provenance(std::string tool, const SimulationResult& run, const Workspace& ws,
                                const SourceDigest& digest) {
    ReportProvenance p;
    p.tool = std::move(tool);
    p.created = iso_now();
    p.inputs.emplace_back(run.source, run.sha256.empty() ? "not hashed" : run.sha256);
    for (const auto& r : ws.range_sources)
        p.inputs.emplace_back(r, digest(r));
    p.settings = scenario_settings(ws);
    return p;
}

ReportProvenance compare_provenance(std::string tool, const SimulationResult& run,
                                    const Workspace& a, const Workspace& b,
                                    const SourceDigest& digest, const std::string& b_changes) {
    ReportProvenance p = run_provenance(std::move(tool), run, a, digest);
    for (auto& s : p.settings)
        s.first = "A " + s.first;
    for (const auto& r : b.range_sources)
        p.inputs.emplace_back("B " + r, digest(r));
    for (const auto& [k, v] : scenario_settings(b))
        p.settings.emplace_back("B " + k, v);
    if (!b_changes.empty()) p.settings.emplace_back("B", b_changes);
    return p;
}

std::string iso_now() {
    const std::time_t t = std::time(nullptr);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
    return buf;
}

} // namespace ociproxy
