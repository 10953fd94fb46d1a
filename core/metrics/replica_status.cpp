#include "core/metrics/replica_status.h"

#include <algorithm>

namespace ociproxy {

ReplicaSummary summarize_replicas(const std::vector<ReplicaState>& replicas) {
    ReplicaSummary s;
    s.known = replicas.size();
    for (const auto& r : replicas) {
        if (r.up)
            ++s.up;
        else
            s.down.push_back(r.instance);
    }
    std::sort(s.down.begin(), s.down.end());
    return s;
}

std::string replica_summary_text(const ReplicaSummary& s) {
    if (s.known == 0)
        return "no replica known: Prometheus scrapes no target under this selector "
               "(check the selector and Prometheus's targets page)";
    std::string out = std::to_string(s.up) + " of " + std::to_string(s.known) +
                      (s.known == 1 ? " replica up" : " replicas up");
    if (!s.down.empty()) {
        out += "; down: ";
        for (std::size_t i = 0; i < s.down.size(); ++i)
            out += (i ? ", " : "") + s.down[i];
    }
    return out;
}

std::string replica_query(std::string_view selector) {
    return "up" + (selector.empty() ? std::string() : "{" + std::string(selector) + "}");
}

} // namespace ociproxy
