#pragma once

#include "core/result.h"

#include <boost/json/fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace ociproxy {

// One S3 bucket (or any base URL serving /containers/images/<digest>) and the
// cloud regions whose clients it serves.
struct Bucket {
    std::string name;
    std::string url;
    std::vector<std::string> regions;

    // Where the bucket is: its first listed region (the rest are aliases).
    // Egress is priced from here, in simulations and in the planner alike.
    const std::string& home_region() const { return regions.front(); }

    friend bool operator==(const Bucket&, const Bucket&) = default;
};

// The URL production gives a bucket of its own in `region` (DESIGN §4).
std::string production_bucket_url(std::string_view region);

// One problem of a bucket map as edited, located by entry and field, so an
// editor marks the cell without reading the message; BucketMap::create
// turns the first one into its Error.
struct BucketIssue {
    enum class Field { Default, Buckets, Name, Url, Regions };
    Field field = Field::Default;
    std::size_t bucket = 0; // the entry, for Name, Url and Regions
    static constexpr std::size_t kWholeList = std::size_t(-1);
    std::size_t region = 0; // the region within it, for Regions (kWholeList: the list)
    std::string message;
    // "default", "buckets", "buckets[3] (eu-west-2).url", "buckets[0] (a).regions[1]".
    std::string where(const std::vector<Bucket>& buckets) const;
};

// The first problem of a map (default URL and entries), or none.
std::optional<BucketIssue> check_bucket_map(const std::string& default_url,
                                            const std::vector<Bucket>& buckets);

// Region → bucket, plus the default base URL for clients in no mapped region.
// Always valid: every constructor validates, so a BucketMap in hand never
// holds a duplicate region or a malformed URL.
class BucketMap {
public:
    // The map registry.k8s.io runs in production (DESIGN §4).
    static const BucketMap& production();

    // Validates and normalises (trailing slashes dropped from URLs). Errors
    // name the entry: "buckets[3] (eu-west-2).url: ...". `source` prefixes
    // the location when the map came from a file.
    static Result<BucketMap> create(std::string default_url, std::vector<Bucket> buckets,
                                    const std::string& source = {}, const std::string& prefix = {});
    static Result<BucketMap> from_json(std::string_view text, const std::string& source);
    // The map as a member of a larger document (a workspace); `prefix` is its
    // JSON path with a trailing dot ("buckets."), so errors name it in full.
    static Result<BucketMap> from_value(const boost::json::value& v, const std::string& source,
                                        const std::string& prefix);
    static Result<BucketMap> load_file(const std::string& path);

    std::string to_json() const;
    Status save_file(const std::string& path) const;

    const std::string& default_url() const { return m_default; }
    const std::vector<Bucket>& buckets() const { return m_buckets; }

    // The bucket serving `region`, or nullptr when the default applies.
    const Bucket* for_region(std::string_view region) const;

    // A copy with another default URL (the --default-aws-base override).
    Result<BucketMap> with_default(std::string url) const;

    friend bool operator==(const BucketMap& a, const BucketMap& b) {
        return a.m_default == b.m_default && a.m_buckets == b.m_buckets;
    }

private:
    std::string m_default;
    std::vector<Bucket> m_buckets;
    std::unordered_map<std::string, std::size_t> m_by_region;
};

} // namespace ociproxy
