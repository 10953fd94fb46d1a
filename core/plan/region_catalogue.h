#pragma once

#include "core/result.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ociproxy {

// Where an AWS region is and what it charges: the facts the bucket planner
// works from. Prices are USD per GiB; a region without its own transfer
// prices uses the workspace's price table.
struct CatalogueRegion {
    std::string region; // "eu-west-1"
    std::string city;   // "Europe (Dublin)"
    double lat = 0, lon = 0;
    double storage_gib_month = 0;                // S3 Standard storage
    std::optional<double> transfer_inter_region; // out of this region to another AWS region
    std::optional<double> transfer_internet;     // out of this region to the internet

    friend bool operator==(const CatalogueRegion&, const CatalogueRegion&) = default;
};

// Every AWS region the planner may place or send traffic to, read from a
// JSON file (resources/planner/aws-regions.json is the built-in one):
//   { "oci_proxy_region_catalogue": 1, "as_of": "2025-07", "note": "...",
//     "regions": [ { "region": "eu-west-1", "city": "...", "lat": 53.35,
//                    "lon": -6.26, "storage_gib_month": 0.023,
//                    "transfer_inter_region": 0.02, "transfer_internet": 0.09 } ] }
// Errors name the file and the field ("regions[3].lat: ...").
class RegionCatalogue {
public:
    static Result<RegionCatalogue> from_json(std::string_view text, const std::string& source);
    static Result<RegionCatalogue> load_file(const std::string& path);

    const CatalogueRegion* find(std::string_view region) const;
    const std::vector<CatalogueRegion>& regions() const { return m_regions; }
    const std::string& source() const { return m_source; }
    const std::string& as_of() const { return m_as_of; }

private:
    std::string m_source, m_as_of;
    std::vector<CatalogueRegion> m_regions; // sorted by region
};

// Great-circle distance on a sphere of the Earth's mean radius.
double great_circle_km(double lat1, double lon1, double lat2, double lon2);

} // namespace ociproxy
