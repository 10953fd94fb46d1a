#include "core/report/provenance.h"

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

std::string iso_now() {
    const std::time_t t = std::time(nullptr);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
    return buf;
}

} // namespace ociproxy
