#pragma once

#include "core/metrics/live_tick.h"
#include "core/metrics/prometheus_parser.h"
#include "core/metrics/series_math.h"

#include <optional>

namespace ociproxy {

// Turns successive scrapes of one oci-proxy /metrics endpoint into live
// ticks: counter rates between two scrapes (a counter that went down means
// the proxy restarted and counted from zero), latency quantiles from the
// histogram's bucket deltas. The first scrape, and the first after a failed
// one, only sets the baseline.
class LiveReducer {
public:
    std::optional<LiveTick> add(double t, const Scrape& scrape);
    // A failed scrape: the next one starts a new baseline, so no rate spans
    // the gap.
    void gap() { m_previous.reset(); }

private:
    struct Counters {
        double t = 0;
        std::map<std::string, double> values; // "chart\x1fseries" → summed counter
        std::vector<HistogramBucket> latency;
    };
    static Counters collect(double t, const Scrape& scrape);

    std::optional<Counters> m_previous;
};

} // namespace ociproxy
