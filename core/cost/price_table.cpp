#include "core/cost/price_table.h"

#include "core/file_io.h"
#include "core/json_util.h"

#include <boost/json.hpp>
#include <cmath>
#include <cstdio>

namespace ociproxy {
namespace {

struct Field {
    const char* key;
    double PriceTable::*member;
};

constexpr Field kFields[] = {
    {"s3_same_region", &PriceTable::s3_same_region},
    {"s3_cross_region", &PriceTable::s3_cross_region},
    {"s3_internet", &PriceTable::s3_internet},
    {"cloudfront_internet", &PriceTable::cloudfront_internet},
    {"upstream_gcp", &PriceTable::upstream_gcp},
    {"upstream_internet", &PriceTable::upstream_internet},
};

constexpr double kGiB = 1024.0 * 1024.0 * 1024.0;

} // namespace

Result<PriceTable> PriceTable::from_json(std::string_view text, const std::string& source) {
    boost::json::monotonic_resource mr;
    auto v = parse_json(text, source, &mr);
    if (!v) return v.error();
    const JsonPath json(source);
    if (!v->is_object())
        return json.error("", "a price table is a JSON object of USD-per-GiB numbers");
    PriceTable p;
    for (const auto& [key, value] : v->get_object()) {
        const Field* f = nullptr;
        for (const auto& candidate : kFields)
            if (key == candidate.key) f = &candidate;
        if (!f)
            return json.error(std::string(key),
                              "unknown price (known: s3_same_region, s3_cross_region, "
                              "s3_internet, cloudfront_internet, upstream_gcp, upstream_internet)");
        if (!value.is_number()) return json.error(std::string(key), "expected a number");
        const double x = value.to_number<double>();
        if (!std::isfinite(x) || x < 0)
            return json.error(std::string(key), "expected a price >= 0");
        p.*(f->member) = x;
    }
    return p;
}

Result<PriceTable> PriceTable::load_file(const std::string& path) {
    auto text = read_file(path);
    if (!text) return text.error();
    return from_json(*text, path);
}

std::string PriceTable::to_json() const {
    std::string out = "{\n";
    for (std::size_t i = 0; i < std::size(kFields); ++i) {
        char buf[96];
        std::snprintf(buf, sizeof buf, "  \"%s\": %g%s\n", kFields[i].key,
                      this->*(kFields[i].member), i + 1 < std::size(kFields) ? "," : "");
        out += buf;
    }
    out += "}\n";
    return out;
}

double PriceTable::egress_usd(const Decision& d, std::uint64_t bytes) const {
    if (d.status != 307 || d.kind != RequestKind::Blob) return 0.0;
    double per_gib = 0.0;
    switch (d.backend) {
    case Backend::S3:
        if (d.cloud == "AWS")
            per_gib = d.region == d.bucket_region ? s3_same_region : s3_cross_region;
        else
            per_gib = s3_internet;
        break;
    case Backend::Default:
        per_gib = cloudfront_internet;
        break;
    case Backend::Upstream:
        per_gib = d.cloud == "GCP" ? upstream_gcp : upstream_internet;
        break;
    case Backend::Signature:
    case Backend::None:
        break;
    }
    return per_gib * double(bytes) / kGiB;
}

} // namespace ociproxy
