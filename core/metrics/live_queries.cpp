#include "core/metrics/live_queries.h"

namespace ociproxy {

Status check_label_selector(std::string_view selector) {
    bool quoted = false, escaped = false;
    for (std::size_t i = 0; i < selector.size(); ++i) {
        const char c = selector[i];
        if (escaped) {
            escaped = false;
        } else if (quoted) {
            if (c == '\\') escaped = true;
            if (c == '"') quoted = false;
        } else if (c == '"') {
            quoted = true;
        } else if (c == '{' || c == '}') {
            return Error{"a label selector goes inside the braces: write job=\"oci-proxy\", "
                         "without { }",
                         "selector, character " + std::to_string(i + 1)};
        } else if (c == '\n' || c == '\r') {
            return Error{"a label selector is one line", "selector"};
        }
    }
    if (quoted) return Error{"unterminated quoted value", "selector"};
    if (!selector.empty() && selector.find_first_of("=~!") == std::string_view::npos)
        return Error{"expected label matchers such as job=\"oci-proxy\"", "selector"};
    return {};
}

std::vector<LiveQuery> live_queries(std::string_view selector, std::string_view range) {
    const std::string sel = selector.empty() ? std::string() : "{" + std::string(selector) + "}";
    const std::string r = "[" + std::string(range) + "]";
    const auto rate = [&](std::string_view metric) {
        return "rate(" + std::string(metric) + sel + r + ")";
    };
    const auto quantile = [&](std::string_view q) {
        return "histogram_quantile(" + std::string(q) + ", sum by (le) (" +
               rate("ociproxy_request_duration_seconds_bucket") + ")) * 1000";
    };
    return {
        {LiveChart::Requests,
         "sum by (kind, code) (" + rate("ociproxy_requests_total") + ")",
         {"kind", "code"},
         {}},
        {LiveChart::Egress,
         "sum by (backend) (" + rate("ociproxy_redirected_bytes_total") + ")",
         {"backend"},
         {}},
        {LiveChart::Checks,
         "sum by (result) (" + rate("ociproxy_blob_checks_total") + ")",
         {"result"},
         {}},
        {LiveChart::Cost,
         "sum(" + rate("ociproxy_estimated_egress_cost_usd_total") + ") * 3600",
         {},
         std::string(kCostRateSeries)},
        {LiveChart::Latency, quantile("0.5"), {}, "p50"},
        {LiveChart::Latency, quantile("0.99"), {}, "p99"},
    };
}

} // namespace ociproxy
