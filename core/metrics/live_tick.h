#pragma once

#include <array>
#include <cmath>
#include <map>
#include <string>
#include <string_view>

namespace ociproxy {

// The charts of the live view (issue: requests/s by kind and status, egress
// bytes/s by backend, blob checks by result with the cache hit ratio, cost
// per hour with the running total, p50/p99 request latency).
enum class LiveChart { Requests, Egress, Checks, Cost, Latency };
inline constexpr std::size_t kLiveChartCount = 5;
inline constexpr std::array<LiveChart, kLiveChartCount> kLiveCharts = {
    LiveChart::Requests, LiveChart::Egress, LiveChart::Checks, LiveChart::Cost, LiveChart::Latency};

std::string_view live_chart_title(LiveChart c);
std::string_view live_chart_unit(LiveChart c);

// Series names with a meaning of their own (secondary axis, derived).
inline constexpr std::string_view kHitRatioSeries = "cache hit ratio %";
inline constexpr std::string_view kCostRateSeries = "USD/hour";
inline constexpr std::string_view kCostTotalSeries = "running total USD";

// What one poll of one source says: per chart, per series, a value at `t`.
// A series absent from a tick has no value there (a gap), never zero.
struct LiveTick {
    double t = 0; // seconds since the epoch
    std::array<std::map<std::string, double>, kLiveChartCount> values;

    std::map<std::string, double>& chart(LiveChart c) { return values[std::size_t(c)]; }
    const std::map<std::string, double>& chart(LiveChart c) const { return values[std::size_t(c)]; }
};

// Adds what is computed from other series of the same tick: the cache hit
// ratio from the check rates. (The running cost total is integrated by the
// store, which sees the ticks in order.)
void add_derived_series(LiveTick& tick);

} // namespace ociproxy
