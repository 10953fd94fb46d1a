#include "core/metrics/live_store.h"

#include <algorithm>
#include <charconv>
#include <limits>

namespace ociproxy {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

void append_number(std::string& out, double v) {
    char buf[32];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, r.ptr);
}

} // namespace

void LiveStore::append(const LiveTick& tick) {
    const std::size_t n = m_times.size();
    m_times.push_back(tick.t);
    LiveTick withTotal = tick;
    // The running total integrates the cost rate over the ticks in the store:
    // the trapezoid between two ticks with a value, nothing across a gap.
    auto& cost = withTotal.chart(LiveChart::Cost);
    if (const auto it = cost.find(std::string(kCostRateSeries)); it != cost.end()) {
        if (!std::isnan(m_lastCostRate) && tick.t > m_lastCostT)
            m_costTotal += (m_lastCostRate + it->second) / 2.0 * (tick.t - m_lastCostT) / 3600.0;
        m_lastCostRate = it->second;
        m_lastCostT = tick.t;
        cost[std::string(kCostTotalSeries)] = m_costTotal;
    } else {
        m_lastCostRate = kNaN;
    }
    for (std::size_t c = 0; c < kLiveChartCount; ++c) {
        auto& columns = m_charts[c];
        for (const auto& [name, v] : withTotal.values[c]) {
            auto [it, fresh] = columns.try_emplace(name);
            if (fresh) it->second.assign(n, kNaN);
        }
        for (auto& [name, column] : columns) {
            const auto it = withTotal.values[c].find(name);
            column.push_back(it == withTotal.values[c].end() ? kNaN : it->second);
        }
    }
}

void LiveStore::append_gap(double t) {
    m_times.push_back(t);
    m_lastCostRate = kNaN;
    for (auto& columns : m_charts)
        for (auto& [name, column] : columns)
            column.push_back(kNaN);
}

void LiveStore::clear() {
    *this = LiveStore{};
}

void LiveStore::trim_before(double t) {
    const auto first = std::lower_bound(m_times.begin(), m_times.end(), t) - m_times.begin();
    if (first == 0) return;
    m_times.erase(m_times.begin(), m_times.begin() + first);
    for (auto& columns : m_charts)
        for (auto& [name, column] : columns)
            column.erase(column.begin(), column.begin() + first);
}

std::size_t LiveStore::series_count() const {
    std::size_t n = 0;
    for (const auto& c : m_charts)
        n += c.size();
    return n;
}

LiveStore::Stats LiveStore::stats(LiveChart c, const std::string& name) const {
    Stats s{kNaN, kNaN, kNaN};
    const auto& columns = m_charts[std::size_t(c)];
    const auto it = columns.find(name);
    if (it == columns.end()) return s;
    for (const double v : it->second) {
        if (std::isnan(v)) continue;
        s.last = v;
        s.min = std::isnan(s.min) ? v : std::min(s.min, v);
        s.max = std::isnan(s.max) ? v : std::max(s.max, v);
    }
    return s;
}

std::string LiveStore::to_csv(LiveChart c) const {
    const auto& columns = m_charts[std::size_t(c)];
    std::string out = "time";
    for (const auto& [name, column] : columns) {
        out += ',';
        out += '"';
        out += name;
        out += '"';
    }
    out += '\n';
    for (std::size_t i = 0; i < m_times.size(); ++i) {
        append_number(out, m_times[i]);
        for (const auto& [name, column] : columns) {
            out += ',';
            if (!std::isnan(column[i])) append_number(out, column[i]);
        }
        out += '\n';
    }
    return out;
}

std::vector<SeriesPoint> downsample(const std::vector<double>& t, const std::vector<double>& v,
                                    double t0, double t1, std::size_t buckets) {
    std::vector<SeriesPoint> out;
    if (buckets == 0 || t1 <= t0) return out;
    const double width = (t1 - t0) / double(buckets);
    std::size_t i = std::size_t(std::lower_bound(t.begin(), t.end(), t0) - t.begin());
    bool gap = false;
    while (i < t.size() && t[i] <= t1) {
        const std::size_t b = std::min(buckets - 1, std::size_t((t[i] - t0) / width));
        const double end = t0 + width * double(b + 1);
        SeriesPoint lo{0, kNaN}, hi{0, kNaN};
        bool bucketGap = false;
        for (; i < t.size() && (t[i] < end || b == buckets - 1) && t[i] <= t1; ++i) {
            const double x = v[i];
            if (std::isnan(x)) {
                bucketGap = true;
                continue;
            }
            if (std::isnan(lo.value) || x < lo.value) lo = {t[i], x};
            if (std::isnan(hi.value) || x > hi.value) hi = {t[i], x};
        }
        if (std::isnan(lo.value)) {
            gap = gap || bucketGap;
            continue;
        }
        if ((gap || bucketGap) && !out.empty()) out.push_back({lo.t, kNaN});
        gap = false;
        if (lo.t <= hi.t) {
            out.push_back(lo);
            if (hi.t != lo.t) out.push_back(hi);
        } else {
            out.push_back(hi);
            out.push_back(lo);
        }
    }
    return out;
}

} // namespace ociproxy
