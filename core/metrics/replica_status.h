#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace ociproxy {

// Which of the replicas a Prometheus server scrapes answer: its `up` series,
// one per target (`instance`), 1 when the last scrape worked.
struct ReplicaState {
    std::string instance;
    bool up = false;
};

struct ReplicaSummary {
    std::size_t known = 0;
    std::size_t up = 0;
    std::vector<std::string> down; // instances, sorted
};

ReplicaSummary summarize_replicas(const std::vector<ReplicaState>& replicas);

// "3 of 3 replicas up", "2 of 3 replicas up; down: 10.0.0.7:9102", or, with
// none known, why and what to do.
std::string replica_summary_text(const ReplicaSummary& s);

// The PromQL for the replicas' states under a label selector (as checked by
// check_label_selector): `up{selector}`.
std::string replica_query(std::string_view selector);

} // namespace ociproxy
