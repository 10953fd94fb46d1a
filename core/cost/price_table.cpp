#include "core/cost/price_table.h"

#include "core/file_io.h"
#include "core/json_util.h"

#include <boost/json.hpp>
#include <charconv>
#include <cmath>

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
    return from_value(*v, source, "");
}

Result<PriceTable> PriceTable::from_value(const boost::json::value& v, const std::string& source,
                                          const std::string& prefix) {
    const JsonPath json(source);
    if (!v.is_object())
        return json.error(prefix.empty() ? "" : prefix.substr(0, prefix.size() - 1),
                          "a price table is a JSON object of USD-per-GiB numbers");
    PriceTable p;
    for (const auto& [key, value] : v.get_object()) {
        const std::string where = prefix + std::string(key);
        const Field* f = nullptr;
        for (const auto& candidate : kFields)
            if (key == candidate.key) f = &candidate;
        if (!f)
            return json.error(where,
                              "unknown price (known: s3_same_region, s3_cross_region, "
                              "s3_internet, cloudfront_internet, upstream_gcp, upstream_internet)");
        if (!value.is_number()) return json.error(where, "expected a number");
        const double x = value.to_number<double>();
        if (!std::isfinite(x) || x < 0) return json.error(where, "expected a price >= 0");
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
        // Shortest text that reads back as the same double, so a saved
        // workspace compares equal to the one in memory.
        char num[32];
        const auto r = std::to_chars(num, num + sizeof num, this->*(kFields[i].member));
        out += "  \"";
        out += kFields[i].key;
        out += "\": ";
        out.append(num, r.ptr);
        out += i + 1 < std::size(kFields) ? ",\n" : "\n";
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
