#include "server/blob_checker.h"

#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace ociproxy::server {

namespace asio = boost::asio;

BlobChecker::BlobChecker(std::size_t cache_entries, std::chrono::milliseconds negative_ttl)
    : m_found(cache_entries), m_negative_ttl(negative_ttl) {}

std::size_t BlobChecker::cache_entries() const {
    std::lock_guard lock(m_mutex);
    return m_found.size();
}

std::optional<BlobCheck> BlobChecker::cached_locked(const std::string& url) {
    if (const auto* size = m_found.get(url)) return BlobCheck{BlobAnswer::Found, *size, BlobCheckResult::CacheHit};
    if (const auto it = m_missing.find(url); it != m_missing.end()) {
        if (Clock::now() < it->second) return BlobCheck{BlobAnswer::NotFound, {}, BlobCheckResult::CacheHit};
        m_missing.erase(it);
    }
    return std::nullopt;
}

void BlobChecker::remember_locked(const std::string& url, const BlobCheck& r) {
    if (r.answer == BlobAnswer::Found) {
        m_found.put(url, r.size);
    } else if (r.answer == BlobAnswer::NotFound && m_negative_ttl.count() > 0) {
        // Bounded like the positive cache: sweep expired entries when full,
        // and start over if that was not enough.
        if (m_missing.size() >= std::max<std::size_t>(m_found.capacity(), 1024)) {
            const auto now = Clock::now();
            std::erase_if(m_missing, [&](const auto& kv) { return kv.second <= now; });
            if (m_missing.size() >= std::max<std::size_t>(m_found.capacity(), 1024)) m_missing.clear();
        }
        m_missing[url] = Clock::now() + m_negative_ttl;
    }
}

asio::awaitable<BlobCheck> BlobChecker::check(const std::string& url, HeadClient& client) {
    bool leader = false;
    {
        std::lock_guard lock(m_mutex);
        if (auto hit = cached_locked(url)) co_return *hit;
        if (!m_pending.count(url)) {
            m_pending[url];
            leader = true;
        }
    }
    if (!leader) {
        BlobCheck r = co_await asio::async_initiate<decltype(asio::use_awaitable), void(BlobCheck)>(
            [this, &url](auto handler) {
                std::unique_lock lock(m_mutex);
                auto ex = asio::get_associated_executor(handler);
                if (auto it = m_pending.find(url); it != m_pending.end()) {
                    it->second.push_back(Waiter{ex, std::move(handler)});
                    return;
                }
                // The leader finished between our two looks: answer from
                // the cache (an uncached error reads as an error).
                BlobCheck r = cached_locked(url).value_or(BlobCheck{});
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
    case BlobAnswer::Found: r.how = BlobCheckResult::Found; break;
    case BlobAnswer::NotFound: r.how = BlobCheckResult::NotFound; break;
    case BlobAnswer::Timeout: r.how = BlobCheckResult::Timeout; break;
    case BlobAnswer::Error: r.how = BlobCheckResult::Error; break;
    }
    std::vector<Waiter> waiters;
    {
        std::lock_guard lock(m_mutex);
        remember_locked(url, r);
        if (auto it = m_pending.find(url); it != m_pending.end()) {
            waiters = std::move(it->second);
            m_pending.erase(it);
        }
    }
    for (auto& w : waiters) asio::post(w.executor, [h = std::move(w.handler), r]() mutable { std::move(h)(r); });
    co_return r;
}

} // namespace ociproxy::server
