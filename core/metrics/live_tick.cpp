#include "core/metrics/live_tick.h"

namespace ociproxy {

std::string_view live_chart_title(LiveChart c) {
    switch (c) {
    case LiveChart::Requests:
        return "Requests by kind and status";
    case LiveChart::Egress:
        return "Egress by backend";
    case LiveChart::Checks:
        return "Blob checks by result";
    case LiveChart::Cost:
        return "Estimated egress cost";
    case LiveChart::Latency:
        return "Request latency";
    }
    return "";
}

std::string_view live_chart_unit(LiveChart c) {
    switch (c) {
    case LiveChart::Requests:
        return "requests/s";
    case LiveChart::Egress:
        return "bytes/s";
    case LiveChart::Checks:
        return "checks/s";
    case LiveChart::Cost:
        return "USD/hour";
    case LiveChart::Latency:
        return "ms";
    }
    return "";
}

void add_derived_series(LiveTick& tick) {
    auto& checks = tick.chart(LiveChart::Checks);
    checks.erase(std::string(kHitRatioSeries));
    double total = 0, hits = 0;
    for (const auto& [name, v] : checks) {
        total += v;
        if (name == "cache_hit") hits = v;
    }
    // Coalesced checks waited for another one; they are neither hits nor misses
    // of the cache's own, but they were answered without a HEAD of their own.
    if (total > 0) checks[std::string(kHitRatioSeries)] = 100.0 * hits / total;
}

} // namespace ociproxy
