#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace ociproxy {

// Maps a key to the interval that holds it, for a sorted partition of the
// whole key space (starts[0] == 0, interval i = [starts[i], starts[i+1])).
//
// A binary search over ~20k AWS intervals costs ~15 dependent, cache-missing
// loads. Instead a multibit trie guides the search: a 2^16-slot root on the
// top 16 bits, then 256-slot nodes, each slot either naming its interval
// outright, naming up to kScanMax candidates for a short linear scan, or
// pointing one level down. Most IPv4 lookups are one root load plus a leaf.
template <class Key, int Bits>
class IntervalIndex {
public:
    void build(std::vector<Key> starts) {
        m_starts = std::move(starts);
        m_root.assign(std::size_t(1) << kRootBits, 0);
        m_nodes.clear();
        std::size_t hint = 0;
        const int shift = Bits - kRootBits;
        for (std::size_t j = 0; j < m_root.size(); ++j) {
            m_root[j] = encode(Key(j) << shift, shift, hint);
        }
    }

    std::uint32_t find(Key k) const {
        int shift = Bits - kRootBits;
        std::uint32_t e = m_root[std::size_t(k >> shift)];
        while ((e >> 30) == kChild) {
            shift -= kChildBits;
            e = m_nodes[(std::size_t(e & 0x3fffffff) << kChildBits) |
                        std::size_t((k >> shift) & ((1u << kChildBits) - 1))];
        }
        if ((e >> 30) == kLeaf) return e;
        const std::uint32_t first = e & kScanIndexMask;
        const unsigned n = ((e >> 27) & 7) + 1;
        std::uint32_t idx = first;
        for (unsigned i = 1; i < n; ++i) idx += m_starts[first + i] <= k ? 1 : 0;
        return idx;
    }

    const std::vector<Key>& starts() const { return m_starts; }
    std::size_t node_count() const { return m_nodes.size() >> kChildBits; }

private:
    static constexpr int kRootBits = 16;
    static constexpr int kChildBits = 8;
    static constexpr std::uint32_t kScanMax = 8;
    static constexpr std::uint32_t kLeaf = 0, kScan = 1, kChild = 2;
    static constexpr std::uint32_t kScanIndexMask = (1u << 27) - 1;

    // Index of the interval holding `k`, searching forward from `i`. Slots
    // are visited in key order, so the total walk is linear.
    std::size_t advance(std::size_t i, Key k) const {
        while (i + 1 < m_starts.size() && m_starts[i + 1] <= k) ++i;
        return i;
    }

    // Entry for the slot [a, a + 2^shift); `hint` is an interval at or before
    // the one holding `a`, and comes back as the one holding the slot's end.
    std::uint32_t encode(Key a, int shift, std::size_t& hint) {
        const Key b = a + ((Key(1) << shift) - 1);
        const std::size_t ia = advance(hint, a);
        const std::size_t ib = advance(ia, b);
        hint = ib;
        if (ia == ib) return std::uint32_t(ia);
        if (ib - ia < kScanMax && ia <= kScanIndexMask)
            return (kScan << 30) | (std::uint32_t(ib - ia) << 27) | std::uint32_t(ia);
        const std::size_t node = m_nodes.size() >> kChildBits;
        m_nodes.resize(m_nodes.size() + (std::size_t(1) << kChildBits));
        const int sub = shift - kChildBits;
        std::size_t child_hint = ia;
        for (std::size_t j = 0; j < (std::size_t(1) << kChildBits); ++j) {
            const std::uint32_t e = encode(a + (Key(j) << sub), sub, child_hint);
            m_nodes[(node << kChildBits) | j] = e;
        }
        return (kChild << 30) | std::uint32_t(node);
    }

    std::vector<Key> m_starts;
    std::vector<std::uint32_t> m_root;
    std::vector<std::uint32_t> m_nodes;
};

} // namespace ociproxy
