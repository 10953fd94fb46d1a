#pragma once

#include "core/metrics/live_store.h"

#include <vector>

namespace ociproxy {

// Several sources' ticks as one, for "sum across sources": ticks within the
// same `step` seconds are one tick. Rates add up; latency quantiles cannot be
// added, so the sum shows the worst source's ("p99 (max)"); the cache hit
// ratio and the running cost total are recomputed from the sums, not added.
// A series no source had at a tick stays a gap there.
LiveStore sum_live_stores(const std::vector<const LiveStore*>& stores, double step);

// The name a series has in the sum ("p99" → "p99 (max)" for latency).
std::string summed_series_name(LiveChart chart, const std::string& name);

} // namespace ociproxy
