#include "app/route/routing_options.h"

#include "core/workspace/range_source.h"
#include "core/workspace/workspace.h"
#include "resources/demo_data.h"

#include <iostream>

namespace ociproxy::cli {

const std::vector<OptionSpec>& routing_option_specs() {
    static const std::vector<OptionSpec> specs = {
        {"ranges", true, true}, {"buckets", true},       {"match", true},
        {"upstream", true},     {"upstream-path", true}, {"signature-upstream", true},
        {"info-url", true},     {"privacy-url", true},   {"default-aws-base", true},
        {"blobs", true},        {"workspace", true},     {"prices", true},
        {"help", false},
    };
    return specs;
}

const char* routing_options_help() {
    return R"(Routing options (shared by every subcommand):
  --workspace FILE          the console's workspace file: its ranges, buckets,
                            settings, blob policy and prices; the options below
                            override what it says
  --ranges FILE             IP range file: AWS ip-ranges.json, Google cloud.json,
                            Azure Service Tags or CSV (cidr,cloud,region[,service]);
                            format detected from content. Repeatable. Without it the
                            built-in demo ranges are used (and stderr says so).
  --buckets FILE            bucket map JSON (default: the production map)
  --match longest|first     prefix match mode (default longest; first = archeio's)
  --upstream URL            default https://us-central1-docker.pkg.dev
  --upstream-path P         default k8s-artifacts-prod/images; "" = none
  --signature-upstream URL  cosign .sig/.att upstream (default: none)
  --info-url URL            default https://github.com/kubernetes/registry.k8s.io
  --privacy-url URL         default https://www.linuxfoundation.org/privacy-policy/
  --default-aws-base URL    overrides the bucket map's default
                            (production: https://d1be1w964nk82h.cloudfront.net)
  --blobs all|none|FILE|inventory:FILE
                            blob presence: all mirrored (default), none, FILE with
                            one existing blob URL per line, or an inventory CSV
                            "digest,size,buckets" (sizes then count as bytes)
  --prices FILE             egress prices JSON (USD/GiB; default: DESIGN §5)
An empty value means unset, as an empty environment variable does for the server.
)";
}

std::optional<std::string> check_routing_usage(const Args& args) {
    if (auto m = args.value("match"); m && !m->empty() && !parse_match_mode(*m))
        return "--match must be 'longest' or 'first', not '" + *m + "'";
    return std::nullopt;
}

Result<RoutingSetup> load_routing(const Args& args, TableUse use) {
    return load_routing(args, "", nullptr, use);
}

Result<RoutingSetup> load_routing(const Args& args, std::string_view prefix, const Workspace* base,
                                  TableUse use) {
    const auto opt = [&](std::string_view name) {
        return args.value(std::string(prefix) + std::string(name));
    };
    Workspace ws = base ? *base : demo::workspace();
    const auto workspace = prefix.empty() ? opt("workspace") : args.value("scenario-b");
    if (workspace && !workspace->empty()) {
        auto loaded = load_workspace_file(*workspace);
        if (!loaded) return loaded.error();
        ws = std::move(loaded).value();
    }
    std::vector<std::string> ranges;
    for (const auto& f : args.values(std::string(prefix) + "ranges"))
        if (!f.empty()) ranges.push_back(f);
    if (!ranges.empty()) {
        ws.range_sources = ranges;
    } else if ((!workspace || workspace->empty()) && !base) {
        std::cerr << "oci-route: no --ranges given, using the built-in demo ranges\n";
    }
    if (auto f = opt("buckets"); f && !f->empty()) {
        auto map = BucketMap::load_file(*f);
        if (!map) return map.error();
        ws.buckets = std::move(map).value();
    }
    if (auto f = opt("prices"); f && !f->empty()) {
        auto prices = PriceTable::load_file(*f);
        if (!prices) return prices.error();
        ws.prices = *prices;
    }
    RoutingSettings& settings = ws.settings;
    auto set_if = [&](std::string_view name, std::string& field) {
        if (auto v = opt(name); v && !v->empty()) field = *v;
    };
    set_if("upstream", settings.upstream);
    // DESIGN §3: an empty upstream path is a value (no path), as archeio's
    // UPSTREAM_REGISTRY_PATH= is.
    if (auto v = opt("upstream-path")) settings.upstream_path = *v;
    set_if("signature-upstream", settings.signature_upstream);
    set_if("info-url", settings.info_url);
    set_if("privacy-url", settings.privacy_url);
    set_if("default-aws-base", settings.default_aws_base);
    if (auto m = opt("match"); m && !m->empty()) {
        const auto mode = parse_match_mode(*m);
        if (!mode)
            return Error{"must be 'longest' or 'first', not '" + *m + "'",
                         "--" + std::string(prefix) + "match"};
        settings.match = *mode;
    }
    if (auto b = opt("blobs"); b && !b->empty()) ws.blobs = blob_policy_from_text(*b);

    std::vector<RangeSet> sets;
    for (const auto& source : ws.range_sources) {
        auto set = load_range_source(source, &demo::file);
        if (!set) return set.error();
        sets.push_back(std::move(set).value());
    }
    const auto only = use == TableUse::RoutingOnly ? std::optional(settings.match) : std::nullopt;
    auto router = Router::create(PrefixTable::build_consuming(std::move(sets), only), ws.buckets,
                                 ws.settings);
    if (!router) return router.error();

    auto blobs = make_blob_presence(ws.blobs, router->buckets());
    if (!blobs) return blobs.error();
    return RoutingSetup{std::move(router).value(), std::move(blobs).value(), ws.prices,
                        std::move(ws)};
}

} // namespace ociproxy::cli
