#include "server/blob_checker.h"

#include "server/url_parts.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace ociproxy::server {

namespace asio = boost::asio;

namespace {

BlobCheckResult result_of(BlobAnswer a) {
    switch (a) {
    case BlobAnswer::Found:
        return BlobCheckResult::Found;
    case BlobAnswer::NotFound:
        return BlobCheckResult::NotFound;
    case BlobAnswer::Timeout:
        return BlobCheckResult::Timeout;
    case BlobAnswer::Error:
        break;
    }
    return BlobCheckResult::Error;
}

// Any HTTP answer but a 5xx means the bucket is serving.
bool healthy(const HeadAnswer& a) {
    return a.answer == BlobAnswer::Found || a.answer == BlobAnswer::NotFound;
}

} // namespace

BlobChecker::BlobChecker(BlobCheckerLimits limits, BucketHosts& hosts)
    : m_limits(limits)
    , m_hosts(hosts) {
    // Shard capacities add up to exactly `cache_entries`; the negative cache
    // is as large, and at least 256 per shard.
    for (std::size_t i = 0; i < kShards; ++i) {
        const std::size_t found =
            limits.cache_entries / kShards + (i < limits.cache_entries % kShards ? 1 : 0);
        m_shards.push_back(std::make_unique<Shard>(found, std::max<std::size_t>(found, 256)));
    }
}

std::size_t BlobChecker::cache_entries() const {
    std::size_t n = 0;
    for (const auto& s : m_shards) {
        std::lock_guard lock(s->mutex);
        n += s->found.size();
    }
    return n;
}

void BlobChecker::abandon_waiters() {
    for (auto& s : m_shards) {
        std::unordered_map<std::string, std::vector<Waiter>> pending;
        {
            std::lock_guard lock(s->mutex);
            pending.swap(s->pending);
        }
    }
}

std::optional<BlobCheck> BlobChecker::cached_locked(Shard& s, const std::string& url) {
    const auto now = Clock::now();
    if (const auto* f = s.found.get(url)) {
        if (now < f->expiry)
            return BlobCheck{BlobAnswer::Found, f->size, BlobCheckResult::CacheHit, {}};
        s.found.erase(url); // stale: the blob may have been deleted since
    }
    if (const auto* expiry = s.missing.get(url)) {
        if (now < *expiry)
            return BlobCheck{BlobAnswer::NotFound, {}, BlobCheckResult::CacheHit, {}};
        s.missing.erase(url);
    }
    return std::nullopt;
}

void BlobChecker::remember_locked(Shard& s, const std::string& url, const BlobCheck& r) {
    if (r.answer == BlobAnswer::Found) {
        s.found.put(url, Found{r.size, Clock::now() + m_limits.positive_ttl});
        s.missing.erase(url);
    } else if (r.answer == BlobAnswer::NotFound && m_limits.negative_ttl.count() > 0) {
        s.missing.put(url, Clock::now() + m_limits.negative_ttl);
    }
}

// Records the answer and releases every coalesced waiter with it, each on
// its own executor. Called exactly once per leader, however it ends.
void BlobChecker::finish(Shard& shard, const std::string& url, const BlobCheck& r) {
    std::vector<Waiter> waiters;
    {
        std::lock_guard lock(shard.mutex);
        remember_locked(shard, url, r);
        if (auto it = shard.pending.find(url); it != shard.pending.end()) {
            waiters = std::move(it->second);
            shard.pending.erase(it);
        }
    }
    for (auto& w : waiters)
        asio::post(w.executor, [h = std::move(w.handler), r]() mutable { std::move(h)(r); });
}

asio::awaitable<void> BlobChecker::probe(std::string host, std::string url, HeadClient& client,
                                         std::chrono::milliseconds timeout) {
    asio::steady_timer timer(co_await asio::this_coro::executor);
    while (m_hosts.is_down(host)) {
        timer.expires_after(m_hosts.cooldown());
        auto [ec] = co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
        if (ec) co_return;
        const HeadAnswer a = co_await client.head(url, Clock::now() + timeout);
        m_hosts.probe_result(host, healthy(a));
    }
}

asio::awaitable<BlobCheck> BlobChecker::check(const std::string& url, const std::string& label,
                                              HeadClient& client, Clock::time_point deadline,
                                              std::chrono::milliseconds probe_timeout) {
    Shard& shard = shard_for(url);
    std::string host;
    bool leader = false;
    {
        std::lock_guard lock(shard.mutex);
        if (auto hit = cached_locked(shard, url)) co_return *hit;
        // Only a miss needs the host: a cache hit, the common case, parses
        // nothing and never looks at the hosts' shared state.
        if (const auto parts = UrlParts::parse(url)) host = parts->pool_key();
        if (!host.empty() && m_hosts.is_down(host))
            co_return BlobCheck{BlobAnswer::Error, {}, BlobCheckResult::Skipped, {}};
        if (!shard.pending.count(url)) {
            shard.pending[url];
            leader = true;
        }
    }
    if (!leader) {
        BlobCheck r = co_await asio::async_initiate<decltype(asio::use_awaitable), void(BlobCheck)>(
            [this, &shard, &url](auto handler) {
                std::unique_lock lock(shard.mutex);
                auto ex = asio::get_associated_executor(handler);
                if (auto it = shard.pending.find(url); it != shard.pending.end()) {
                    it->second.push_back(Waiter{ex, std::move(handler)});
                    return;
                }
                // The leader finished between our two looks: answer from
                // the cache (an uncached error reads as an error).
                BlobCheck late = cached_locked(shard, url).value_or(BlobCheck{});
                lock.unlock();
                asio::post(ex, [h = std::move(handler), late]() mutable { std::move(h)(late); });
            },
            asio::use_awaitable);
        r.how = BlobCheckResult::Coalesced;
        r.head_duration.reset();
        co_return r;
    }

    // Whatever happens below (an exception included), the waiters are
    // released and the pending entry erased: an error sends their clients
    // upstream, which is always a correct answer.
    struct Release {
        BlobChecker* self;
        Shard& shard;
        const std::string& url;
        bool done = false;
        ~Release() {
            if (!done) self->finish(shard, url, BlobCheck{});
        }
    } release{this, shard, url};

    const auto t0 = Clock::now();
    const HeadAnswer a = co_await client.head(url, deadline);
    BlobCheck r{a.answer, a.content_length, result_of(a.answer), Clock::now() - t0};
    release.done = true;
    finish(shard, url, r);
    if (!host.empty() && m_hosts.report(host, label, healthy(a)))
        asio::co_spawn(co_await asio::this_coro::executor, probe(host, url, client, probe_timeout),
                       asio::detached);
    co_return r;
}

} // namespace ociproxy::server
