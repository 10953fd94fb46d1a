// Fuzz target: decide() on arbitrary requests. Input lines: method, target,
// peer, X-Forwarded-For. Whatever comes in, the answer is one of the rule
// statuses and a redirect never leaves the configured hosts or carries
// bytes that could split a header.

#include "core/decide/decide.h"
#include "resources/demo_data.h"

#include <cstdint>
#include <cstdlib>
#include <string_view>

using namespace ociproxy;

namespace {

const Router& router() {
    static const Router r = [] {
        RoutingSettings s;
        s.signature_upstream = "https://sig.example.com";
        auto sets = demo::range_sets();
        return std::move(Router::create(PrefixTable::build(*sets), BucketMap::production(), s))
            .value();
    }();
    return r;
}

void check(bool ok) {
    if (!ok) std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view in(reinterpret_cast<const char*>(data), size);
    std::string_view parts[4] = {"GET", "/", "127.0.0.1:1", ""};
    for (auto& p : parts) {
        if (in.empty()) break;
        const auto nl = in.find('\n');
        p = in.substr(0, nl);
        in = nl == std::string_view::npos ? std::string_view{} : in.substr(nl + 1);
    }
    AllBlobsPresent all;
    const Decision d = decide(HttpRequest{parts[0], parts[1], parts[2], parts[3]}, router(), all);
    check(d.status == 200 || d.status == 307 || d.status == 400 || d.status == 404 ||
          d.status == 405);
    if (d.status != 307) return 0;
    const std::string_view loc = d.location;
    // The namespace itself ("/v2//" joins to it) or anything below it.
    const auto in_namespace = [&](std::string_view root) {
        return loc.starts_with(root) &&
               (loc.size() == root.size() || loc[root.size()] == '/' || loc[root.size()] == '?');
    };
    const bool allowed =
        in_namespace("https://us-central1-docker.pkg.dev/v2/k8s-artifacts-prod/images") ||
        in_namespace("https://sig.example.com/v2/k8s-artifacts-prod/images") ||
        loc.starts_with("https://prod-registry-k8s-io-") ||
        loc.starts_with("https://767373bbdcb8270361b96548387bf2a9ad0d48758c35-eu-west-2.") ||
        loc.starts_with("https://d1be1w964nk82h.cloudfront.net/containers/images/") ||
        loc == "https://github.com/kubernetes/registry.k8s.io" ||
        loc == "https://www.linuxfoundation.org/privacy-policy/";
    check(allowed);
    for (char c : loc)
        check(static_cast<unsigned char>(c) > 0x20 && static_cast<unsigned char>(c) < 0x7f);
    return 0;
}
