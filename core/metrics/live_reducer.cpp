#include "core/metrics/live_reducer.h"

namespace ociproxy {
namespace {

constexpr char kSep = '\x1f';

std::string key(LiveChart c, std::string_view series) {
    std::string k(1, char('0' + int(c)));
    k += kSep;
    k += series;
    return k;
}

} // namespace

LiveReducer::Counters LiveReducer::collect(double t, const Scrape& scrape) {
    Counters c;
    c.t = t;
    for (const auto& s : scrape.samples) {
        if (s.name == "ociproxy_requests_total") {
            std::string series(s.label("kind"));
            series += ' ';
            series += s.label("code");
            c.values[key(LiveChart::Requests, series)] += s.value;
        } else if (s.name == "ociproxy_redirected_bytes_total") {
            c.values[key(LiveChart::Egress, s.label("backend"))] += s.value;
        } else if (s.name == "ociproxy_blob_checks_total") {
            c.values[key(LiveChart::Checks, s.label("result"))] += s.value;
        } else if (s.name == "ociproxy_estimated_egress_cost_usd_total") {
            c.values[key(LiveChart::Cost, kCostRateSeries)] += s.value;
        }
    }
    c.latency = histogram_buckets(scrape, "ociproxy_request_duration_seconds");
    return c;
}

std::optional<LiveTick> LiveReducer::add(double t, const Scrape& scrape) {
    Counters now = collect(t, scrape);
    std::optional<LiveTick> out;
    if (m_previous && t > m_previous->t) {
        LiveTick tick;
        tick.t = t;
        const double dt = t - m_previous->t;
        for (const auto& [k, v] : now.values) {
            const auto it = m_previous->values.find(k);
            const double before = it == m_previous->values.end() ? 0 : it->second;
            const double inc = v >= before ? v - before : v; // restarted: counted from zero
            const LiveChart chart = LiveChart(k[0] - '0');
            double rate = inc / dt;
            if (chart == LiveChart::Cost) rate *= 3600; // USD per hour
            tick.chart(chart)[k.substr(2)] = rate;
        }
        const auto delta = histogram_delta(m_previous->latency, now.latency);
        for (const auto& [q, name] : {std::pair{0.5, "p50"}, std::pair{0.99, "p99"}}) {
            const double v = histogram_quantile(q, delta);
            if (!std::isnan(v)) tick.chart(LiveChart::Latency)[name] = v * 1000.0;
        }
        add_derived_series(tick);
        out = std::move(tick);
    }
    m_previous = std::move(now);
    return out;
}

} // namespace ociproxy
