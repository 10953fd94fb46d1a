#pragma once

#include "core/decide/decision.h"
#include "core/result.h"

#include <boost/json/fwd.hpp>
#include <cstdint>
#include <string>
#include <string_view>

namespace ociproxy {

// Egress prices in USD per GiB (2^30 bytes, as AWS and Google bill "GB").
// The defaults are the documented assumptions of DESIGN §5; operators edit
// them in a JSON file with the same keys.
struct PriceTable {
    double s3_same_region = 0.0;        // S3 to a client in the bucket's own region
    double s3_cross_region = 0.02;      // S3 to a client in another AWS region
    double s3_internet = 0.09;          // S3 to anyone else
    double cloudfront_internet = 0.085; // the default base URL (CloudFront)
    double upstream_gcp = 0.0;          // upstream (GCP) to a GCP client
    double upstream_internet = 0.12;    // upstream to anyone else

    static Result<PriceTable> from_json(std::string_view text, const std::string& source);
    // As a member of a larger document; `prefix` is its JSON path plus a dot.
    static Result<PriceTable> from_value(const boost::json::value& v, const std::string& source,
                                         const std::string& prefix);
    static Result<PriceTable> load_file(const std::string& path);
    std::string to_json() const;

    // The estimated cost of serving `bytes` the way `d` decided. Requests
    // that redirect nowhere (errors, pings) cost nothing here.
    friend bool operator==(const PriceTable&, const PriceTable&) = default;

    double egress_usd(const Decision& d, std::uint64_t bytes) const;
};

} // namespace ociproxy
