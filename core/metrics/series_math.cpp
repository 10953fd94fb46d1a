#include "core/metrics/series_math.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <string>

namespace ociproxy {

double counter_increase(std::span<const SeriesPoint> points) {
    double total = 0;
    for (std::size_t i = 1; i < points.size(); ++i) {
        const double d = points[i].value - points[i - 1].value;
        total += d >= 0 ? d : points[i].value; // reset: counted again from zero
    }
    return total;
}

double counter_rate(std::span<const SeriesPoint> points) {
    if (points.size() < 2) return 0;
    const double span = points.back().t - points.front().t;
    return span > 0 ? counter_increase(points) / span : 0;
}

std::vector<HistogramBucket> histogram_buckets(const Scrape& scrape, std::string_view family) {
    const std::string name = std::string(family) + "_bucket";
    std::map<double, double> by_bound;
    for (const auto& s : scrape.samples) {
        if (s.name != name) continue;
        const std::string_view le = s.label("le");
        double bound;
        if (le == "+Inf" || le == "Inf") {
            bound = std::numeric_limits<double>::infinity();
        } else {
            try {
                bound = std::stod(std::string(le));
            } catch (...) {
                continue;
            }
        }
        by_bound[bound] += s.value;
    }
    std::vector<HistogramBucket> out;
    for (const auto& [le, count] : by_bound)
        out.push_back({le, count});
    return out;
}

std::vector<HistogramBucket> histogram_delta(const std::vector<HistogramBucket>& before,
                                             const std::vector<HistogramBucket>& after) {
    if (before.size() != after.size()) return after;
    std::vector<HistogramBucket> out;
    for (std::size_t i = 0; i < after.size(); ++i) {
        if (before[i].le != after[i].le || after[i].count < before[i].count) return after;
        out.push_back({after[i].le, after[i].count - before[i].count});
    }
    return out;
}

double histogram_quantile(double q, std::span<const HistogramBucket> b) {
    if (std::isnan(q)) return std::nan("");
    if (q < 0) return -std::numeric_limits<double>::infinity();
    if (q > 1) return std::numeric_limits<double>::infinity();
    if (b.size() < 2 || !std::isinf(b.back().le)) return std::nan("");
    const double total = b.back().count;
    if (total <= 0) return std::nan("");
    const double rank = q * total;
    std::size_t i = 0;
    while (i < b.size() && b[i].count < rank)
        ++i;
    if (i >= b.size() - 1) return b[b.size() - 2].le;
    if (i == 0 && b[0].le <= 0) return b[0].le;
    const double start = i == 0 ? 0 : b[i - 1].le;
    const double below = i == 0 ? 0 : b[i - 1].count;
    const double in_bucket = b[i].count - below;
    if (in_bucket <= 0) return b[i].le;
    return start + (b[i].le - start) * ((rank - below) / in_bucket);
}

} // namespace ociproxy
