#pragma once

#include "core/decide/router_loader.h"

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace ociproxy::server {

// One loaded configuration: what every request is decided with.
struct RoutingSnapshot {
    LoadedRouting routing;
    std::vector<std::pair<std::string, std::size_t>> prefixes_per_cloud;
    std::vector<std::pair<std::string, std::int64_t>> published; // file name → Unix seconds

    explicit RoutingSnapshot(LoadedRouting r);
};

// The current snapshot, replaced whole on reload. Readers keep a per-thread
// copy of the pointer and only take the lock when the version moved, so the
// request path never contends on it.
class RoutingState {
public:
    explicit RoutingState(std::shared_ptr<const RoutingSnapshot> initial)
        : m_current(std::move(initial)) {}

    std::shared_ptr<const RoutingSnapshot> load() const {
        std::lock_guard lock(m_mutex);
        return m_current;
    }
    void store(std::shared_ptr<const RoutingSnapshot> next) {
        std::lock_guard lock(m_mutex);
        m_current = std::move(next);
        m_version.fetch_add(1, std::memory_order_release);
    }
    std::uint64_t version() const { return m_version.load(std::memory_order_acquire); }

private:
    mutable std::mutex m_mutex;
    std::shared_ptr<const RoutingSnapshot> m_current;
    std::atomic<std::uint64_t> m_version{0};
};

// A thread's view of the state. A request copies the pointer it starts
// with and holds it until it is fully done: a reload meanwhile (while its
// blob check waits on a bucket, say) never frees what it still reads.
class SnapshotCache {
public:
    explicit SnapshotCache(const RoutingState& state)
        : m_state(state) {}
    std::shared_ptr<const RoutingSnapshot> get() {
        const auto v = m_state.version();
        if (!m_snapshot || v != m_version) {
            m_snapshot = m_state.load();
            m_version = v;
        }
        return m_snapshot;
    }

private:
    const RoutingState& m_state;
    std::uint64_t m_version = 0;
    std::shared_ptr<const RoutingSnapshot> m_snapshot;
};

} // namespace ociproxy::server
