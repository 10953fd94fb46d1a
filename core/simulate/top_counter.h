#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace ociproxy {

// The heaviest keys of a stream in bounded memory (Metwally et al.'s
// Space-Saving): at most `capacity` counters; a new key takes the smallest
// counter's place and inherits its count as its possible overcount. Every
// key whose true weight exceeds total/capacity is kept, and a reported
// weight is at most `overcount` above the truth (exact while the distinct
// keys fit).
class TopCounter {
public:
    struct Item {
        std::string key;
        std::uint64_t weight = 0;    // possibly over by `overcount`
        std::uint64_t overcount = 0; // 0: exact
        std::uint64_t requests = 0;  // requests counted while the key held its counter
        std::uint64_t bytes = 0;     // bytes likewise
    };

    explicit TopCounter(std::size_t capacity)
        : m_capacity(capacity == 0 ? 1 : capacity) {}

    void add(std::string_view key, std::uint64_t weight, std::uint64_t requests,
             std::uint64_t bytes) {
        auto it = m_index.find(std::string(key));
        std::size_t i;
        if (it != m_index.end()) {
            i = it->second;
            m_order.erase({m_items[i].weight, i});
        } else if (m_items.size() < m_capacity) {
            i = m_items.size();
            m_items.push_back(Item{std::string(key), 0, 0, 0, 0});
            m_index.emplace(m_items[i].key, i);
        } else {
            // Evict the lightest: the newcomer may have had up to its weight.
            const auto lightest = m_order.begin();
            i = lightest->second;
            m_order.erase(lightest);
            m_index.erase(m_items[i].key);
            Item& old = m_items[i];
            old = Item{std::string(key), old.weight, old.weight, 0, 0};
            m_index.emplace(m_items[i].key, i);
            m_evicted = true;
        }
        Item& item = m_items[i];
        item.weight += weight;
        item.requests += requests;
        item.bytes += bytes;
        m_order.insert({item.weight, i});
    }

    // The heaviest `n`, heaviest first.
    std::vector<Item> top(std::size_t n) const {
        std::vector<Item> out;
        for (auto it = m_order.rbegin(); it != m_order.rend() && out.size() < n; ++it)
            out.push_back(m_items[it->second]);
        return out;
    }
    // Whether every key ever added still has its own exact counter.
    bool exact() const { return !m_evicted; }
    std::size_t size() const { return m_items.size(); }

private:
    std::size_t m_capacity;
    std::vector<Item> m_items;
    std::unordered_map<std::string, std::size_t> m_index;
    std::set<std::pair<std::uint64_t, std::size_t>> m_order;
    bool m_evicted = false;
};

} // namespace ociproxy
