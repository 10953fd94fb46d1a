#pragma once

#include <cstddef>
#include <list>
#include <string>
#include <unordered_map>
#include <utility>

namespace ociproxy::server {

// A bounded map that forgets the least recently used entry when full.
// Not thread-safe: the owner locks.
template <class Value> class LruMap {
public:
    explicit LruMap(std::size_t capacity)
        : m_capacity(capacity) {}

    // The value for `key`, marked as just used; nullptr when absent.
    const Value* get(const std::string& key) {
        const auto it = m_index.find(key);
        if (it == m_index.end()) return nullptr;
        m_order.splice(m_order.begin(), m_order, it->second);
        return &it->second->second;
    }

    void put(const std::string& key, Value value) {
        if (m_capacity == 0) return;
        if (const auto it = m_index.find(key); it != m_index.end()) {
            it->second->second = std::move(value);
            m_order.splice(m_order.begin(), m_order, it->second);
            return;
        }
        if (m_index.size() >= m_capacity) {
            m_index.erase(m_order.back().first);
            m_order.pop_back();
        }
        m_order.emplace_front(key, std::move(value));
        m_index.emplace(key, m_order.begin());
    }

    void erase(const std::string& key) {
        const auto it = m_index.find(key);
        if (it == m_index.end()) return;
        m_order.erase(it->second);
        m_index.erase(it);
    }

    std::size_t size() const { return m_index.size(); }
    std::size_t capacity() const { return m_capacity; }

private:
    std::size_t m_capacity;
    std::list<std::pair<std::string, Value>> m_order; // most recent first
    std::unordered_map<std::string, typename std::list<std::pair<std::string, Value>>::iterator>
        m_index;
};

} // namespace ociproxy::server
