#include "server/blob_checker.h"

#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace ociproxy::server {

namespace asio = boost::asio;

BlobChecker::BlobChecker(std::size_t cache_entries, std::chrono::milliseconds negative_ttl)
    : m_negative_ttl(negative_ttl) {
    // Shard capacities add up to exactly `cache_entries`.
    for (std::size_t i = 0; i < kShards; ++i)
        m_shards.push_back(std::make_unique<Shard>(cache_entries / kShards +
                                                   (i < cache_entries % kShards ? 1 : 0)));
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
    if (const auto* size = s.found.get(url))
        return BlobCheck{BlobAnswer::Found, *size, BlobCheckResult::CacheHit};
    if (const auto it = s.missing.find(url); it != s.missing.end()) {
        if (Clock::now() < it->second)
            return BlobCheck{BlobAnswer::NotFound, {}, BlobCheckResult::CacheHit};
        s.missing.erase(it);
    }
    return std::nullopt;
}

void BlobChecker::remember_locked(Shard& s, const std::string& url, const BlobCheck& r) {
    if (r.answer == BlobAnswer::Found) {
        s.found.put(url, r.size);
    } else if (r.answer == BlobAnswer::NotFound && m_negative_ttl.count() > 0) {
        // Bounded like the positive cache: sweep expired entries when full,
        // and start over if that was not enough.
        const std::size_t bound = std::max<std::size_t>(s.found.capacity(), 256);
        if (s.missing.size() >= bound) {
            const auto now = Clock::now();
            std::erase_if(s.missing, [&](const auto& kv) { return kv.second <= now; });
            if (s.missing.size() >= bound) s.missing.clear();
        }
        s.missing[url] = Clock::now() + m_negative_ttl;
    }
}

asio::awaitable<BlobCheck> BlobChecker::check(const std::string& url, HeadClient& client) {
    Shard& shard = shard_for(url);
    bool leader = false;
    {
        std::lock_guard lock(shard.mutex);
        if (auto hit = cached_locked(shard, url)) co_return *hit;
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
                BlobCheck r = cached_locked(shard, url).value_or(BlobCheck{});
                lock.unlock();
                asio::post(ex, [h = std::move(handler), r]() mutable { std::move(h)(r); });
            },
            asio::use_awaitable);
        r.how = BlobCheckResult::Coalesced;
        co_return r;
    }

    const HeadAnswer a = co_await client.head(url);
    BlobCheck r{a.answer, a.content_length, BlobCheckResult::Error};
    switch (a.answer) {
    case BlobAnswer::Found:
        r.how = BlobCheckResult::Found;
        break;
    case BlobAnswer::NotFound:
        r.how = BlobCheckResult::NotFound;
        break;
    case BlobAnswer::Timeout:
        r.how = BlobCheckResult::Timeout;
        break;
    case BlobAnswer::Error:
        r.how = BlobCheckResult::Error;
        break;
    }
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
    co_return r;
}

} // namespace ociproxy::server
