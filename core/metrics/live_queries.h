#pragma once

#include "core/metrics/live_tick.h"
#include "core/result.h"

#include <string>
#include <string_view>
#include <vector>

namespace ociproxy {

// What a Prometheus server is asked, per chart: the same numbers LiveReducer
// computes from one /metrics endpoint, aggregated over every replica the
// server scrapes. Kept next to the reducer so the two cannot drift apart.
struct LiveQuery {
    LiveChart chart;
    std::string expr;                // ready to send
    std::vector<std::string> labels; // the series name: these labels' values joined by spaces
    std::string fixed;               // or a fixed series name
};

// A Prometheus label selector as typed (`job="oci-proxy", env=~"prod.*"`),
// checked enough that it cannot break out of the braces it goes in; empty
// selects everything.
Status check_label_selector(std::string_view selector);

// The queries for a rate window (`range`, e.g. "20s") and a label selector
// (checked with check_label_selector).
std::vector<LiveQuery> live_queries(std::string_view selector, std::string_view range);

} // namespace ociproxy
