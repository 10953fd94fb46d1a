#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ociproxy {

// A reader for the Prometheus text exposition format 0.0.4, as the console's
// live view reads oci-proxy's /metrics. A malformed line is reported with its
// number and skipped; it never costs the rest of the scrape.

enum class MetricType { Counter, Gauge, Histogram, Summary, Untyped };

struct MetricSample {
    std::string name;
    std::vector<std::pair<std::string, std::string>> labels; // in the order written
    double value = 0;
    std::optional<std::int64_t> timestamp_ms;

    // The value of label `name`, or empty.
    std::string_view label(std::string_view name) const;
};

struct MetricFamily {
    std::string help;
    MetricType type = MetricType::Untyped;
};

struct ScrapeIssue {
    std::size_t line;
    std::string message;
};

struct Scrape {
    std::vector<MetricSample> samples;
    std::map<std::string, MetricFamily> families; // by family name (from # HELP / # TYPE)
    std::vector<ScrapeIssue> issues;

    // The family a sample belongs to: histogram and summary samples carry
    // _bucket/_sum/_count suffixes.
    const MetricFamily* family_of(const MetricSample& s) const;
};

Scrape parse_prometheus_text(std::string_view text);

} // namespace ociproxy
