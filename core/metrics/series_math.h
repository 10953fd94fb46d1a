#pragma once

#include "core/metrics/prometheus_parser.h"

#include <span>
#include <string_view>
#include <vector>

namespace ociproxy {

// What the live view computes from successive scrapes, with Prometheus'
// semantics so its numbers match a Prometheus server's.

struct SeriesPoint {
    double t; // seconds
    double value;
};

// The increase of a counter over the points; a drop means the process
// restarted and counted from zero again (Prometheus' increase()).
double counter_increase(std::span<const SeriesPoint> points);

// Increase per second between the first and last point; 0 with fewer than two.
double counter_rate(std::span<const SeriesPoint> points);

struct HistogramBucket {
    double le;    // upper bound; the last is +Inf
    double count; // cumulative
};

// The cumulative buckets of histogram `family` in a scrape, summed over all
// its label sets, sorted by bound.
std::vector<HistogramBucket> histogram_buckets(const Scrape& scrape, std::string_view family);

// Observations between two scrapes of one histogram; if any bucket went
// down the process restarted and `after` is all new.
std::vector<HistogramBucket> histogram_delta(const std::vector<HistogramBucket>& before,
                                             const std::vector<HistogramBucket>& after);

// Prometheus' histogram_quantile(): linear interpolation inside the bucket
// holding the rank; the last finite bound when it falls in +Inf; NaN without
// observations.
double histogram_quantile(double q, std::span<const HistogramBucket> buckets);

} // namespace ociproxy
