#include "app/route/routing_options.h"

#include "core/decide/router_loader.h"
#include "resources/demo_data.h"

#include <iostream>

namespace ociproxy::cli {

const std::vector<OptionSpec>& routing_option_specs() {
    static const std::vector<OptionSpec> specs = {
        {"ranges", true, true}, {"buckets", true},       {"match", true},
        {"upstream", true},     {"upstream-path", true}, {"signature-upstream", true},
        {"info-url", true},     {"privacy-url", true},   {"default-aws-base", true},
        {"blobs", true},        {"help", false},
    };
    return specs;
}

const char* routing_options_help() {
    return R"(Routing options (shared by every subcommand):
  --ranges FILE             IP range file: AWS ip-ranges.json, Google cloud.json,
                            Azure Service Tags or CSV (cidr,cloud,region[,service]);
                            format detected from content. Repeatable. Without it the
                            built-in demo ranges are used (and stderr says so).
  --buckets FILE            bucket map JSON (default: the production map)
  --match longest|first     prefix match mode (default longest; first = archeio's)
  --upstream URL            default https://us-central1-docker.pkg.dev
  --upstream-path P         default k8s-artifacts-prod/images
  --signature-upstream URL  cosign .sig/.att upstream (default: none)
  --info-url URL            default https://github.com/kubernetes/registry.k8s.io
  --privacy-url URL         default https://www.linuxfoundation.org/privacy-policy/
  --default-aws-base URL    overrides the bucket map's default
                            (production: https://d1be1w964nk82h.cloudfront.net)
  --blobs all|none|FILE     blob presence: all mirrored (default), none, or FILE
                            with one existing blob URL per line
An empty value means unset, as an empty environment variable does for the server.
)";
}

std::optional<std::string> check_routing_usage(const Args& args) {
    if (auto m = args.value("match"); m && !m->empty() && !parse_match_mode(*m))
        return "--match must be 'longest' or 'first', not '" + *m + "'";
    return std::nullopt;
}

Result<RoutingSetup> load_routing(const Args& args) {
    RoutingSources sources;
    for (const auto& f : args.values("ranges"))
        if (!f.empty()) sources.range_files.push_back(f);
    sources.bucket_file = args.value("buckets").value_or("");
    RoutingSettings& settings = sources.settings;
    auto set_if = [&](std::string_view name, std::string& field) {
        if (auto v = args.value(name); v && !v->empty()) field = *v;
    };
    set_if("upstream", settings.upstream);
    set_if("upstream-path", settings.upstream_path);
    set_if("signature-upstream", settings.signature_upstream);
    set_if("info-url", settings.info_url);
    set_if("privacy-url", settings.privacy_url);
    set_if("default-aws-base", settings.default_aws_base);
    if (auto m = args.value("match"); m && !m->empty()) settings.match = *parse_match_mode(*m);

    std::vector<RangeSet> demo_sets;
    if (sources.range_files.empty()) {
        std::cerr << "oci-route: no --ranges given, using the built-in demo ranges\n";
        auto demo = demo::range_sets();
        if (!demo) return demo.error();
        demo_sets = std::move(demo).value();
    }
    auto loaded = ociproxy::load_routing(sources, demo_sets);
    if (!loaded) return loaded.error();

    std::unique_ptr<BlobPresence> blobs;
    const auto b = args.value("blobs").value_or("");
    if (b.empty() || b == "all") {
        blobs = std::make_unique<AllBlobsPresent>();
    } else if (b == "none") {
        blobs = std::make_unique<NoBlobsPresent>();
    } else {
        auto list = BlobUrlList::load_file(b);
        if (!list) return list.error();
        blobs = std::make_unique<BlobUrlList>(std::move(list).value());
    }
    return RoutingSetup{std::move(loaded->router), std::move(blobs)};
}

} // namespace ociproxy::cli
