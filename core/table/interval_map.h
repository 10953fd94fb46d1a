#pragma once

#include "core/prefault.h"
#include "core/table/lookup_batch_size.h"
#include "core/table/merged_intervals.h"

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace ociproxy {

// Maps every key to a 32-bit value, for a partition of the whole key space
// into intervals (starts[0] == 0, interval i = [starts[i], starts[i+1]) has
// values[i]). The IPv6 map (IPv4 has its own fixed-depth one, Ipv4Map).
//
// A binary search over ~20k intervals costs ~15 dependent, cache-missing
// loads. Instead a multibit trie answers: a 2^16-slot root on the top 16 bits,
// then 256-slot nodes. Each slot holds its value outright when its key range
// lies in one interval, names up to kScanMax intervals for a short linear
// scan, or points one level down.
template <class Key, int Bits> class IntervalMap {
public:
    void build(const std::vector<Key>& starts, const std::vector<std::uint32_t>& values) {
        merge_equal_neighbours(starts, values, m_starts, m_values);
        const int shift = Bits - kRootBits;
        // The nodes are counted first, so they are allocated once: grown by
        // doubling they would hold up to twice their size while being
        // copied, at the peak of a reload.
        std::size_t nodes = 0;
        if (m_starts.size() <= kScanIndexMask) {
            nodes += count_nodes();
        } else { // past the scan index's range: a dry walk, writing nothing
            std::size_t hint = 0;
            encode_slots(0, shift, std::size_t(1) << kRootBits, hint, true, nodes,
                         [](std::size_t, std::uint32_t) {});
        }
        std::vector<std::uint32_t>().swap(m_nodes);
        std::vector<std::uint32_t>().swap(m_root);
        reserve_populated(m_root, std::size_t(1) << kRootBits);
        m_root.assign(std::size_t(1) << kRootBits, 0);
        reserve_populated(m_nodes, nodes << kChildBits);
        std::size_t hint = 0;
        encode_slots(0, shift, std::size_t(1) << kRootBits, hint, false, nodes,
                     [this](std::size_t j, std::uint32_t e) { m_root[j] = e; });
        // scan_value() reads kScanMax starts from any scan's first, whatever
        // its count: past the last interval these are read and capped out.
        m_starts.resize(m_values.size() + kScanMax, ~Key(0));
    }

    std::uint32_t find(Key k) const { return find_walk(k); }

    // find() for n keys, n <= kLookupBatch, level by level (see find_batch_walk()).
    void find_batch(const Key* keys, std::size_t n, std::uint32_t* out) const {
        find_batch_walk(keys, n, out);
    }

    std::size_t interval_count() const { return m_values.size(); }
    std::size_t node_count() const { return m_nodes.size() >> kChildBits; }
    std::size_t node_capacity() const { return m_nodes.capacity() >> kChildBits; }

    static constexpr std::uint32_t kNone = 0xffffffffu;

private:
    // The variable-depth walk (IPv6): down while a slot names a child.
    std::uint32_t find_walk(Key k) const {
        int shift = Bits - kRootBits;
        std::uint32_t e = m_root[std::size_t(k >> shift)];
        while ((e >> 30) == kChild) {
            shift -= kChildBits;
            e = m_nodes[child_slot(e, k, shift)];
        }
        return finish(e, k);
    }

    // find_batch() for the variable-depth walk (IPv6): level by level for the
    // keys still walking. No prefetch pass, not even at the root: real IPv6
    // keys fall in a few root slots, the nodes (about 230 KiB for the real
    // lists) stay in L2, the loads of one level are independent and overlap
    // anyway, and the pass cost 4 ns a lookup below the root (at the root,
    // 2 M instructions per 1 M lines, for nothing measurable). Which keys
    // go on is random in real traffic, so the list of walking keys is kept
    // without a branch: every key is written, and the count moves only for
    // those going on.
    void find_batch_walk(const Key* keys, std::size_t n, std::uint32_t* out) const {
        int shift = Bits - kRootBits;
        std::uint16_t walking[kLookupBatch];
        std::size_t w = 0;
        for (std::size_t i = 0; i < n; ++i) {
            out[i] = m_root[std::size_t(keys[i] >> shift)];
            walking[w] = std::uint16_t(i);
            w += (out[i] >> 30) == kChild;
        }
        while (w > 0) {
            shift -= kChildBits;
            std::size_t still = 0;
            for (std::size_t j = 0; j < w; ++j) {
                const std::size_t i = walking[j];
                const std::uint32_t e = m_nodes[child_slot_in(out[i], keys, i, shift)];
                out[i] = e;
                walking[still] = std::uint16_t(i);
                still += e >> 31; // only a child has the top bit set
            }
            w = still;
        }
        // Most walks end on a leaf; only scans compare keys, so they are
        // listed (as the walking keys are) and finished apart.
        std::size_t scans = 0;
        for (std::size_t i = 0; i < n; ++i) {
            const std::uint32_t e = out[i];
            const bool scan = (e >> 30) == kScan;
            out[i] = scan ? e : leaf_value(e);
            walking[scans] = std::uint16_t(i);
            scans += scan;
        }
        for (std::size_t j = 0; j < scans; ++j) {
            const std::size_t i = walking[j];
            out[i] = scan_value(out[i], keys[i]);
        }
    }

    static constexpr int kRootBits = 16;
    static constexpr int kChildBits = 8;
    // Scans bound the node count for IPv6's deep, sparse prefixes.
    static constexpr std::uint32_t kScanMax = 8;
    static constexpr std::uint32_t kLeaf = 0, kScan = 1, kChild = 2;
    static constexpr std::uint32_t kPayload = (1u << 30) - 1;
    static constexpr std::uint32_t kLeafNone = kPayload; // kNone stored in a leaf
    static constexpr std::uint32_t kScanIndexMask = (1u << 27) - 1;

    // Adds one node of empty slots; returns its index.
    std::size_t grow_nodes() {
        const std::size_t node = m_nodes.size() >> kChildBits;
        m_nodes.resize(m_nodes.size() + (std::size_t(1) << kChildBits));
        return node;
    }

    // The value of a leaf or scan entry for `k`. Without a branch: leaves
    // and scans of any length come mixed in real traffic, and the branchy
    // version mispredicted on both. A leaf reads a scan from interval 0 and
    // ignores it. A scan always compares kScanMax - 1 starts (build() pads
    // the list).
    std::uint32_t finish(std::uint32_t e, Key k) const {
        const bool scan = (e >> 30) == kScan;
        const std::uint32_t scanned = scan_value(scan ? e : kScan << 30, k);
        return scan ? scanned : leaf_value(e);
    }

    // What a leaf entry holds, as find() answers it (leaf() stores kNone as
    // kLeafNone).
    static std::uint32_t leaf_value(std::uint32_t e) { return e == kLeafNone ? kNone : e; }

    // The value of scan entry `e` for `k`. The starts after the scan's own
    // lie above its slot, so above `k`, except build()'s padding: the count
    // is capped at the scan's last interval rather than each compare masked
    // (a quarter of the instructions of an IPv6 lookup went to the masks).
    std::uint32_t scan_value(std::uint32_t e, Key k) const {
        const std::size_t first = e & kScanIndexMask;
        const std::uint32_t last = (e >> 27) & 7; // the scan's intervals, less one
        const Key* starts = m_starts.data() + first;
        std::uint32_t at_or_below = 0;
        for (std::size_t i = 1; i < kScanMax; ++i)
            at_or_below += std::uint32_t(starts[i] <= k);
        return m_values[first + std::min(at_or_below, last)];
    }

    // child_slot() for keys[i], reading its level's byte where it lies in
    // memory: a 128-bit key shifted by a variable count is two loads, a
    // double shift and a select for every key at every level of the walk.
    // A level's bits are a whole byte (the root takes 16, each level 8).
    static std::size_t child_slot_in(std::uint32_t e, const Key* keys, std::size_t i, int shift) {
        static_assert((Bits - kRootBits) % kChildBits == 0 && kChildBits == 8);
        if constexpr (std::endian::native == std::endian::little) {
            const auto* bytes = reinterpret_cast<const unsigned char*>(keys + i);
            return (std::size_t(e & kPayload) << kChildBits) | bytes[shift / 8];
        } else {
            return child_slot(e, keys[i], shift);
        }
    }

    // The slot a child entry `e` leads to for `k`, its level's bits at `shift`.
    static std::size_t child_slot(std::uint32_t e, Key k, int shift) {
        return (std::size_t(e & kPayload) << kChildBits) |
               std::size_t((k >> shift) & ((1u << kChildBits) - 1));
    }

    // Index of the interval holding `k`, searching forward from `i`. Slots
    // are visited in key order, so the total walk is linear.
    std::size_t advance(std::size_t i, Key k) const {
        while (i + 1 < m_starts.size() && m_starts[i + 1] <= k)
            ++i;
        return i;
    }

    std::uint32_t leaf(std::size_t interval) const {
        const std::uint32_t v = m_values[interval];
        // Values are table entry indices, far below 2^30; kNone is the one
        // value that needs its own code.
        return v == kNone ? kLeafNone : (v & kPayload);
    }

    // The nodes encode() will make, from the sorted starts alone (for up to
    // kScanIndexMask intervals, where every slot with fewer than kScanMax
    // starts inside can be a scan): a slot becomes a node when at least
    // kScanMax intervals start inside it after its first key (encode's
    // ib - ia), and a slot inside another has no more starts than it, so
    // counting every slot of every level counts exactly the nodes the walk
    // from the root makes. A pass per level over the starts, where the dry
    // encode() walk cost as much as the build itself.
    std::size_t count_nodes() const {
        std::size_t nodes = 0;
        for (int shift = Bits - kRootBits; shift > 0; shift -= kChildBits) {
            const Key low = (Key(1) << shift) - 1;
            std::size_t inside = 0, level = 0;
            for (std::size_t i = 0; i < m_starts.size(); ++i) {
                inside += (m_starts[i] & low) != 0;
                const bool slot_ends = i + 1 == m_starts.size() ||
                                       (m_starts[i + 1] >> shift) != (m_starts[i] >> shift);
                if (!slot_ends) continue;
                level += inside >= kScanMax;
                inside = 0;
            }
            // No node at this level, none below it (the same bound): the
            // real IPv6 lists stop after a few of their 14 levels.
            if (level == 0) break;
            nodes += level;
        }
        return nodes;
    }

    // Entry for the slot [a, a + 2^shift); `hint` is an interval at or before
    // the one holding `a`, and comes back as the one holding the slot's end.
    // A `dry` walk writes nothing and only adds the nodes it would make to
    // `made`.
    std::uint32_t encode(Key a, int shift, std::size_t& hint, bool dry, std::size_t& made) {
        const Key b = a + ((Key(1) << shift) - 1);
        const std::size_t ia = advance(hint, a);
        const std::size_t ib = advance(ia, b);
        hint = ib;
        if (ia == ib) return leaf(ia);
        if (ib - ia < kScanMax && ia <= kScanIndexMask)
            return (kScan << 30) | (std::uint32_t(ib - ia) << 27) | std::uint32_t(ia);
        std::size_t node = 0;
        if (dry)
            ++made;
        else
            node = grow_nodes();
        std::size_t child_hint = ia;
        encode_slots(a, shift - kChildBits, std::size_t(1) << kChildBits, child_hint, dry, made,
                     [this, node, dry](std::size_t j, std::uint32_t e) {
                         if (!dry) m_nodes[(node << kChildBits) | j] = e;
                     });
        return (kChild << 30) | std::uint32_t(node);
    }

    // encode() for `count` slots of 2^shift keys from `a`, in key order,
    // each entry handed to store(j, entry). A leaf's run (the slots before
    // the next interval starts) is stored without a walk per slot: most slots
    // are leaves, and walking each was a fifth of building a table.
    template <class Store>
    void encode_slots(Key a, int shift, std::size_t count, std::size_t& hint, bool dry,
                      std::size_t& made, Store&& store) {
        for (std::size_t j = 0; j < count;) {
            const Key at = a + (Key(j) << shift);
            const std::uint32_t e = encode(at, shift, hint, dry, made);
            store(j++, e);
            if ((e >> 30) != kLeaf) continue;
            // `hint` holds the slot; slots ending before the next start
            // share its leaf.
            std::size_t run_end = count;
            if (hint + 1 < m_starts.size()) {
                const Key before_next = (m_starts[hint + 1] - a) >> shift; // may pass the node
                if (before_next < Key(count)) run_end = std::size_t(before_next);
            }
            for (; j < run_end; ++j)
                store(j, e);
        }
    }

    std::vector<Key> m_starts;
    std::vector<std::uint32_t> m_values;
    std::vector<std::uint32_t> m_root;
    std::vector<std::uint32_t> m_nodes;
};

} // namespace ociproxy
