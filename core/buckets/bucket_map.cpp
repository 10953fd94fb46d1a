#include "core/buckets/bucket_map.h"

#include "core/file_io.h"
#include "core/json_util.h"
#include "core/net/base_url.h"

#include <boost/json.hpp>

namespace ociproxy {

std::string production_bucket_url(std::string_view r) {
    const std::string region(r);
    return "https://prod-registry-k8s-io-" + region + ".s3.dualstack." + region + ".amazonaws.com";
}

namespace {

constexpr const char* kProductionDefault = "https://d1be1w964nk82h.cloudfront.net";

BucketMap make_production() {
    static constexpr std::string_view plain[] = {
        "af-south-1",     "ap-east-1",      "ap-northeast-1", "ap-northeast-2", "ap-northeast-3",
        "ap-south-1",     "ap-south-2",     "ap-southeast-1", "ap-southeast-2", "ap-southeast-3",
        "ap-southeast-4", "ap-southeast-5", "ap-southeast-6", "ap-southeast-7", "ca-central-1",
        "ca-west-1",      "eu-central-1",   "eu-central-2",   "eu-north-1",     "eu-south-1",
        "eu-south-2",     "eu-west-1",      "eu-west-3",      "il-central-1",   "me-central-1",
        "mx-central-1",   "sa-east-1",      "us-east-1",      "us-east-2",      "us-west-1",
        "us-west-2"};
    std::vector<Bucket> buckets;
    for (const auto r : plain) {
        Bucket b{std::string(r), production_bucket_url(r), {std::string(r)}};
        // The production aliases: regions without a bucket of their own that
        // are close to one that has.
        if (r == "ap-east-1")
            b.regions.insert(b.regions.end(), {"ap-east-2", "cn-north-1", "cn-northwest-1"});
        if (r == "me-central-1") b.regions.push_back("me-south-1");
        buckets.push_back(std::move(b));
    }
    buckets.push_back(
        Bucket{"eu-west-2",
               "https://767373bbdcb8270361b96548387bf2a9ad0d48758c35-eu-west-2.s3.dualstack."
               "eu-west-2.amazonaws.com",
               {"eu-west-2"}});
    auto map = BucketMap::create(kProductionDefault, std::move(buckets));
    return std::move(map).value(); // a unit test guards that the built-in map validates
}

std::string at(const std::string& source, const std::string& where) {
    return source.empty() ? where : source + ": " + where;
}

} // namespace

const BucketMap& BucketMap::production() {
    static const BucketMap map = make_production();
    return map;
}

std::string BucketIssue::where(const std::vector<Bucket>& buckets) const {
    if (field == Field::Default) return "default";
    if (field == Field::Buckets) return "buckets";
    const std::string& name = bucket < buckets.size() ? buckets[bucket].name : std::string();
    std::string w =
        "buckets[" + std::to_string(bucket) + "]" + (name.empty() ? "" : " (" + name + ")");
    switch (field) {
    case Field::Name:
        return w + ".name";
    case Field::Url:
        return w + ".url";
    default:
        return w + ".regions" +
               (region == kWholeList ? std::string() : "[" + std::to_string(region) + "]");
    }
}

std::optional<BucketIssue> check_bucket_map(const std::string& default_url,
                                            const std::vector<Bucket>& buckets) {
    using F = BucketIssue::Field;
    if (auto s = check_base_url(default_url); !s)
        return BucketIssue{F::Default, 0, 0, s.error().message};
    if (buckets.empty()) return BucketIssue{F::Buckets, 0, 0, "the bucket map has no buckets"};
    std::unordered_map<std::string, std::size_t> names, regions;
    for (std::size_t i = 0; i < buckets.size(); ++i) {
        const auto& b = buckets[i];
        if (b.name.empty()) return BucketIssue{F::Name, i, 0, "empty bucket name"};
        if (auto [it, fresh] = names.try_emplace(b.name, i); !fresh)
            return BucketIssue{F::Name, i, 0,
                               "bucket name '" + b.name + "' already used by buckets[" +
                                   std::to_string(it->second) + "]"};
        if (auto s = check_base_url(b.url); !s) return BucketIssue{F::Url, i, 0, s.error().message};
        if (b.regions.empty())
            return BucketIssue{F::Regions, i, BucketIssue::kWholeList, "bucket serves no region"};
        for (std::size_t k = 0; k < b.regions.size(); ++k) {
            const std::string& r = b.regions[k];
            if (r.empty()) return BucketIssue{F::Regions, i, k, "empty region"};
            if (auto [it, fresh] = regions.try_emplace(r, i); !fresh)
                return BucketIssue{F::Regions, i, k,
                                   "region '" + r + "' is listed twice (also in buckets[" +
                                       std::to_string(it->second) + "] " +
                                       buckets[it->second].name + ")"};
        }
    }
    return std::nullopt;
}

Result<BucketMap> BucketMap::create(std::string default_url, std::vector<Bucket> buckets,
                                    const std::string& source, const std::string& prefix) {
    if (const auto issue = check_bucket_map(default_url, buckets))
        return Error{issue->message, at(source, prefix + issue->where(buckets))};
    BucketMap m;
    m.m_default = without_trailing_slash(default_url);
    for (std::size_t i = 0; i < buckets.size(); ++i) {
        buckets[i].url = without_trailing_slash(buckets[i].url);
        for (const auto& r : buckets[i].regions)
            m.m_by_region.emplace(r, i);
    }
    m.m_buckets = std::move(buckets);
    return m;
}

Result<BucketMap> BucketMap::from_json(std::string_view text, const std::string& source) {
    boost::json::monotonic_resource mr;
    auto v = parse_json(text, source, &mr);
    if (!v) return v.error();
    return from_value(*v, source, "");
}

Result<BucketMap> BucketMap::from_value(const boost::json::value& v, const std::string& source,
                                        const std::string& at) {
    const JsonPath json(source);
    const std::string self = at.empty() ? "" : at.substr(0, at.size() - 1);
    if (!v.is_object())
        return json.error(self, "a bucket map is a JSON object with \"default\" and \"buckets\"");
    const auto& root = v.get_object();
    auto def = json.string_field(root, "default", self);
    if (!def) return def.error();
    const auto* arr = root.if_contains("buckets");
    if (!arr || !arr->is_array()) return json.error(at + "buckets", "expected an array");
    std::vector<Bucket> buckets;
    for (std::size_t i = 0; i < arr->get_array().size(); ++i) {
        const auto& item = arr->get_array()[i];
        const std::string where = json_index_path(at + "buckets", i);
        if (!item.is_object()) return json.error(where, "expected an object");
        const auto& obj = item.get_object();
        auto name = json.string_field(obj, "name", where);
        if (!name) return name.error();
        auto url = json.string_field(obj, "url", where);
        if (!url) return url.error();
        const auto* regions = obj.if_contains("regions");
        if (!regions || !regions->is_array())
            return json.error(where + ".regions", "expected an array of strings");
        Bucket b{std::string(*name), std::string(*url), {}};
        for (std::size_t k = 0; k < regions->get_array().size(); ++k) {
            const auto& r = regions->get_array()[k];
            if (!r.is_string())
                return json.error(json_index_path(where + ".regions", k), "expected a string");
            b.regions.emplace_back(r.get_string().data(), r.get_string().size());
        }
        buckets.push_back(std::move(b));
    }
    return create(std::string(*def), std::move(buckets), source, at);
}

Result<BucketMap> BucketMap::load_file(const std::string& path) {
    auto text = read_file(path);
    if (!text) return text.error();
    return from_json(*text, path);
}

std::string BucketMap::to_json() const {
    std::string out = "{\n  \"default\": ";
    append_json_string(out, m_default);
    out += ",\n  \"buckets\": [";
    for (std::size_t i = 0; i < m_buckets.size(); ++i) {
        const auto& b = m_buckets[i];
        out += i ? ",\n    { \"name\": " : "\n    { \"name\": ";
        append_json_string(out, b.name);
        out += ",\n      \"url\": ";
        append_json_string(out, b.url);
        out += ",\n      \"regions\": [";
        for (std::size_t k = 0; k < b.regions.size(); ++k) {
            if (k) out += ", ";
            append_json_string(out, b.regions[k]);
        }
        out += "] }";
    }
    out += "\n  ]\n}\n";
    return out;
}

Status BucketMap::save_file(const std::string& path) const {
    return write_file_atomic(path, to_json());
}

const Bucket* BucketMap::for_region(std::string_view region) const {
    const auto it = m_by_region.find(std::string(region));
    return it == m_by_region.end() ? nullptr : &m_buckets[it->second];
}

Result<BucketMap> BucketMap::with_default(std::string url) const {
    return create(std::move(url), m_buckets);
}

} // namespace ociproxy
