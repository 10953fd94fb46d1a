#include "core/metrics/live_sum.h"

#include <cmath>
#include <map>

namespace ociproxy {

std::string summed_series_name(LiveChart chart, const std::string& name) {
    return chart == LiveChart::Latency ? name + " (max)" : name;
}

LiveStore sum_live_stores(const std::vector<const LiveStore*>& stores, double step) {
    if (step <= 0) step = 1;
    std::map<long long, LiveTick> ticks;
    for (const LiveStore* store : stores) {
        const auto& times = store->times();
        for (std::size_t c = 0; c < kLiveChartCount; ++c) {
            const auto chart = kLiveCharts[c];
            for (const auto& [name, column] : store->series(chart)) {
                if (name == kHitRatioSeries || name == kCostTotalSeries) continue;
                const std::string as = summed_series_name(chart, name);
                for (std::size_t i = 0; i < column.size() && i < times.size(); ++i) {
                    if (std::isnan(column[i])) continue;
                    LiveTick& tick = ticks[std::llround(times[i] / step)];
                    auto [it, fresh] = tick.chart(chart).try_emplace(as, column[i]);
                    if (fresh) continue;
                    it->second = chart == LiveChart::Latency ? std::max(it->second, column[i])
                                                             : it->second + column[i];
                }
            }
        }
        // A tick where this source only had gaps still exists, as a gap.
        for (const double t : times)
            ticks.try_emplace(std::llround(t / step));
    }
    LiveStore out;
    for (auto& [key, tick] : ticks) {
        tick.t = double(key) * step;
        bool empty = true;
        for (const auto& chart : tick.values)
            empty = empty && chart.empty();
        if (empty) {
            out.append_gap(tick.t);
            continue;
        }
        add_derived_series(tick);
        out.append(tick);
    }
    return out;
}

} // namespace ociproxy
