#include "core/decide/router.h"

#include "core/net/base_url.h"

namespace ociproxy {
namespace {

Status check_url(const std::string& value, const char* name, bool optional) {
    if (optional && value.empty()) return {};
    if (auto s = check_base_url(value); !s) return Error{s.error().message, name};
    return {};
}

} // namespace

Result<Router> Router::create(PrefixTable table, BucketMap buckets, RoutingSettings settings) {
    if (auto s = check_url(settings.upstream, "upstream", false); !s) return s.error();
    if (auto s = check_url(settings.signature_upstream, "signature upstream", true); !s)
        return s.error();
    if (auto s = check_url(settings.info_url, "info URL", false); !s) return s.error();
    if (auto s = check_url(settings.privacy_url, "privacy URL", false); !s) return s.error();
    if (!settings.default_aws_base.empty()) {
        auto b = buckets.with_default(settings.default_aws_base);
        if (!b) return Error{b.error().message, "default AWS base URL"};
        buckets = std::move(b).value();
    }
    settings.upstream = without_trailing_slash(settings.upstream);
    settings.signature_upstream = without_trailing_slash(settings.signature_upstream);

    Router r;
    r.m_table = std::move(table);
    r.m_buckets = std::move(buckets);
    r.m_settings = std::move(settings);
    r.m_aws = r.m_table.cloud_id("AWS");
    r.m_gcp = r.m_table.cloud_id("GCP");
    r.m_region_bucket.resize(r.m_table.regions().size(), -1);
    for (std::size_t i = 0; i < r.m_region_bucket.size(); ++i) {
        if (const Bucket* b = r.m_buckets.for_region(r.m_table.regions()[i]))
            r.m_region_bucket[i] = std::int32_t(b - r.m_buckets.buckets().data());
    }
    return r;
}

} // namespace ociproxy
