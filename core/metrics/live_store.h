#pragma once

#include "core/metrics/live_tick.h"
#include "core/metrics/series_math.h"

#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace ociproxy {

// Every tick of one source, column by column, aligned on one time axis; NaN
// where a series had no value (a failed scrape, a series not yet seen). The
// raw columns are kept for CSV export; charts draw a downsampled copy.
class LiveStore {
public:
    void append(const LiveTick& tick);
    // A failed poll at `t`: a gap in every line.
    void append_gap(double t);
    void clear();
    // Drops ticks older than `t` (the window's start).
    void trim_before(double t);

    const std::vector<double>& times() const { return m_times; }
    const std::map<std::string, std::vector<double>>& series(LiveChart c) const {
        return m_charts[std::size_t(c)];
    }
    std::size_t size() const { return m_times.size(); }
    std::size_t series_count() const;

    // Last, min and max of a series over the stored ticks (NaN if none).
    struct Stats {
        double last, min, max;
    };
    Stats stats(LiveChart c, const std::string& name) const;

    // Chart `c` as CSV: time then one column per series, empty cells for gaps.
    std::string to_csv(LiveChart c) const;

private:
    std::vector<double> m_times;
    std::array<std::map<std::string, std::vector<double>>, kLiveChartCount> m_charts;
    double m_costTotal = 0;
    double m_lastCostT = 0;
    double m_lastCostRate = std::nan("");
};

// At most two points (min and max) per bucket of `buckets` equal time
// spans, in time order, with a NaN point between buckets where the data has
// a gap so the drawing keeps it. What the charts draw: a day at 5 s is
// 17 280 points per line, a chart is a few hundred pixels wide.
std::vector<SeriesPoint> downsample(const std::vector<double>& t, const std::vector<double>& v,
                                    double t0, double t1, std::size_t buckets);

} // namespace ociproxy
