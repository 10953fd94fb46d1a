#pragma once

#include "core/buckets/bucket_map.h"
#include "core/table/prefix_table.h"

#include <memory>
#include <string>
#include <vector>

namespace ociproxy {

// The knobs of DESIGN §3, with the production values as defaults.
struct RoutingSettings {
    std::string upstream = "https://us-central1-docker.pkg.dev";
    std::string upstream_path = "k8s-artifacts-prod/images";
    std::string signature_upstream; // empty: no signature upstream
    std::string info_url = "https://github.com/kubernetes/registry.k8s.io";
    std::string privacy_url = "https://www.linuxfoundation.org/privacy-policy/";
    std::string default_aws_base; // empty: the bucket map's default
    MatchMode match = MatchMode::Longest;

    friend bool operator==(const RoutingSettings&, const RoutingSettings&) = default;
};

// Where a blob request from one client IP goes before any HEAD check.
struct BlobRoute {
    std::uint32_t entry = kNoEntry; // matched table entry, or kNoEntry
    bool gcp = false;               // Google client: straight to upstream
    const Bucket* bucket = nullptr; // mapped bucket; nullptr → the default base URL
};

// Everything decide() reads, validated and precompiled once: the table, the
// bucket map and the settings. Immutable, so it is shared between threads and
// replaced whole on reload.
class Router {
public:
    static Result<Router> create(PrefixTable table, BucketMap buckets, RoutingSettings settings);

    const PrefixTable& table() const { return m_table; }
    const BucketMap& buckets() const { return m_buckets; }
    const RoutingSettings& settings() const { return m_settings; }

    BlobRoute route(const IpAddress& client) const {
        return route_entry(m_table.lookup(client, m_settings.match));
    }

    // The route for a client whose lookup found `entry` (kNoEntry: none).
    BlobRoute route_entry(std::uint32_t entry) const {
        BlobRoute r;
        r.entry = entry;
        if (entry == kNoEntry) return r;
        const auto& e = m_table.entry(entry);
        r.gcp = e.cloud == m_gcp;
        if (e.cloud == m_aws) {
            const std::int32_t b = m_region_bucket[e.region];
            if (b >= 0) r.bucket = &m_buckets.buckets()[std::size_t(b)];
        }
        return r;
    }

    // Base URL for a route's blobs: the bucket's, or the default.
    const std::string& base_url(const BlobRoute& r) const {
        return r.bucket ? r.bucket->url : m_buckets.default_url();
    }

private:
    PrefixTable m_table;
    BucketMap m_buckets;
    RoutingSettings m_settings;
    std::uint32_t m_aws = kNoEntry, m_gcp = kNoEntry;
    std::vector<std::int32_t> m_region_bucket; // bucket index by table region id; -1: default
};

} // namespace ociproxy
