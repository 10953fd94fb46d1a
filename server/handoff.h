#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>

namespace ociproxy::server {

// One value handed from any thread to a coroutine that waits for it no
// longer than a deadline. The waiter's timer is the only thing it suspends
// on, so a deadline always ends the wait, whatever the producer does; a
// producer that comes too late learns so from deliver() and can give what
// it holds (a connection slot) to someone else.
template <class T> class Handoff : public std::enable_shared_from_this<Handoff<T>> {
public:
    explicit Handoff(boost::asio::any_io_executor ex)
        : m_timer(std::move(ex)) {}

    // False when the waiter already gave up: the value was not taken.
    bool deliver(T value) {
        {
            std::lock_guard lock(m_mutex);
            if (m_abandoned || m_value) return false;
            m_value = std::move(value);
        }
        // Timers are not thread-safe: cancel on the waiter's own executor.
        boost::asio::post(m_timer.get_executor(),
                          [self = this->shared_from_this()] { self->m_timer.cancel(); });
        return true;
    }

    // The value, or nothing once `deadline` passed (then deliver() refuses).
    boost::asio::awaitable<std::optional<T>>
    wait_until(std::chrono::steady_clock::time_point deadline) {
        {
            std::lock_guard lock(m_mutex);
            if (m_value) co_return std::move(m_value);
        }
        m_timer.expires_at(deadline);
        // Woken by the deadline or by deliver()'s cancel; which one is read
        // from the state, not from the error code.
        (void)co_await m_timer.async_wait(boost::asio::as_tuple(boost::asio::use_awaitable));
        std::lock_guard lock(m_mutex);
        if (m_value) co_return std::move(m_value);
        m_abandoned = true;
        co_return std::nullopt;
    }

private:
    std::mutex m_mutex;
    std::optional<T> m_value;
    bool m_abandoned = false;
    boost::asio::steady_timer m_timer;
};

} // namespace ociproxy::server
