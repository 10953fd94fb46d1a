#pragma once

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace ociproxy {

// Maps every key to a 32-bit value, for a partition of the whole key space
// into intervals (starts[0] == 0, interval i = [starts[i], starts[i+1]) has
// values[i]).
//
// A binary search over ~20k AWS intervals costs ~15 dependent, cache-missing
// loads. Instead a multibit trie answers: a 2^16-slot root on the top 16 bits,
// then 256-slot nodes. Each slot holds its value outright when its key range
// lies in one interval, names up to kScanMax intervals for a short linear
// scan, or points one level down.
//
// For IPv4 the walk is fixed at three levels (16/8/8 bits) and branch-free:
// a leaf met early is carried down through a dummy node instead of leaving
// the loop. Random lookups then never mispredict a branch, and the CPU
// overlaps the loads of successive lookups; that, not the load count, is
// what made the branchy walk slow.
//
// The IPv4 map stores its slots in 16 bits when its values and nodes fit
// (up to 32 766 entries and 32 767 nodes; the real AWS + Google lists use a
// quarter of that): half the memory, which is most of the server's table,
// and twice the slots per cache line. Larger tables keep 32-bit slots.
template <class Key, int Bits> class IntervalMap {
public:
    void build(const std::vector<Key>& starts, const std::vector<std::uint32_t>& values) {
        // Neighbours with equal values merge: fewer intervals, more leaves.
        m_starts.clear();
        m_values.clear();
        for (std::size_t i = 0; i < starts.size(); ++i) {
            if (!m_values.empty() && m_values.back() == values[i]) continue;
            m_starts.push_back(starts[i]);
            m_values.push_back(values[i]);
        }
        const int shift = Bits - kRootBits;
        // The nodes are counted first, so they are allocated once: grown by
        // doubling they would hold up to twice their size while being
        // copied, at the peak of a reload.
        std::size_t nodes = 1; // node 0: the dummy a leaf walks through
        if (m_starts.size() <= kScanIndexMask) {
            nodes += count_nodes();
        } else { // past the scan index's range: a dry walk, writing nothing
            std::size_t hint = 0;
            encode_slots(0, shift, std::size_t(1) << kRootBits, hint, true, nodes,
                         [](std::size_t, std::uint32_t) {});
        }
        m_narrow = kFixedDepth && fits_narrow(nodes);
        release();
        if (m_narrow) {
            m_root16.assign(std::size_t(1) << kRootBits, 0);
            m_nodes16.reserve(nodes << kChildBits);
        } else {
            m_root.assign(std::size_t(1) << kRootBits, 0);
            m_nodes.reserve(nodes << kChildBits);
        }
        grow_nodes(); // the dummy
        std::size_t hint = 0;
        encode_slots(0, shift, std::size_t(1) << kRootBits, hint, false, nodes,
                     [this](std::size_t j, std::uint32_t e) { store_root(j, e); });
        // scan_value() reads kScanMax starts from any scan's first, whatever
        // its count: past the last interval these are read and capped out.
        m_starts.resize(m_values.size() + kScanMax, ~Key(0));
    }

    std::uint32_t find(Key k) const {
        if constexpr (kFixedDepth) {
            if (m_narrow) return find_fixed<Narrow>(m_root16, m_nodes16, k);
            return find_fixed<Wide>(m_root, m_nodes, k);
        } else {
            return find_walk(k);
        }
    }

    // Keys walked together, at most. Under a quarter of real keys go below the root, so with
    // 64 a level had some 16 fetches in flight and its first read came before its fetch did;
    // 256 let them overlap (10 M lines, simulate, one thread: 0.369 -> 0.353 s at 128,
    // 0.345 -> 0.338 s from 128 to 256), and 1024 more so, with the fixed cost of a batch
    // spread over four times the keys (209 -> 196 ms simulate, 277 -> 258 ms lookup --from;
    // 512 and 2048 no better). An AddressBatch is about 31 KiB at 1024: within a 48 KiB L1.
    // AddressBatch holds this many.
    static constexpr std::size_t kMaxBatch = 1024;

    // find() for n keys, n <= kMaxBatch. A lone IPv4 walk is three dependent loads, and between
    // the lines of a streaming reader the table is no longer in the near caches: each level is
    // fetched for the whole batch before any is read, so the misses of n walks overlap instead
    // of queueing behind each other.
    void find_batch(const Key* keys, std::size_t n, std::uint32_t* out) const {
        if constexpr (!kFixedDepth)
            find_batch_walk(keys, n, out);
        else if (m_narrow)
            find_batch_fixed<Narrow>(m_root16, m_nodes16, keys, n, out);
        else
            find_batch_fixed<Wide>(m_root, m_nodes, keys, n, out);
    }

    std::size_t interval_count() const { return m_values.size(); }
    std::size_t node_count() const { return (node_slots() >> kChildBits) - 1; }
    std::size_t node_capacity() const {
        return ((m_narrow ? m_nodes16.capacity() : m_nodes.capacity()) >> kChildBits) - 1;
    }
    // Whether the slots are 16-bit (see above).
    bool narrow() const { return m_narrow; }

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
        std::uint16_t walking[kMaxBatch];
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
    static constexpr bool kFixedDepth = Bits == 32;
    // Scans bound the node count for IPv6's deep, sparse prefixes; the fixed
    // IPv4 walk has no room for them.
    static constexpr std::uint32_t kScanMax = kFixedDepth ? 1 : 8;
    static constexpr std::uint32_t kLeaf = 0, kScan = 1, kChild = 2;
    static constexpr std::uint32_t kPayload = (1u << 30) - 1;
    static constexpr std::uint32_t kLeafNone = kPayload; // kNone stored in a leaf
    static constexpr std::uint32_t kScanIndexMask = (1u << 27) - 1;

    // The two slot formats of the fixed-depth walk, which has leaves and
    // children only. Wide: a child is kChild << 30 | node, a leaf its value
    // (kLeafNone for none). Narrow: a child is 0x8000 | node, a leaf its
    // value (0x7fff for none).
    struct Wide {
        using Slot = std::uint32_t;
        static constexpr int kTopBit = 31;
        static constexpr std::uint32_t kNodeMask = kPayload;
        static constexpr std::uint32_t kNoValue = kLeafNone;
    };
    struct Narrow {
        using Slot = std::uint16_t;
        static constexpr int kTopBit = 15;
        static constexpr std::uint32_t kNodeMask = 0x7fff;
        static constexpr std::uint32_t kNoValue = 0x7fff;
    };

    template <class F>
    static std::uint32_t find_fixed(const std::vector<typename F::Slot>& root,
                                    const std::vector<typename F::Slot>& nodes, Key k) {
        std::uint32_t e = root[std::size_t(k >> 16)];
        e = descend<F>(nodes, e, std::size_t((k >> 8) & 0xff));
        e = descend<F>(nodes, e, std::size_t(k & 0xff));
        return e == F::kNoValue ? kNone : e;
    }

    // Only the keys whose root slot names a node go on below the root (most
    // of the address space is one leaf at the root, and so is most uniform
    // traffic); the list of them is kept without a branch, as in
    // find_batch_walk(). Each level is fetched for all of them before any is
    // read.
    template <class F>
    static void find_batch_fixed(const std::vector<typename F::Slot>& root,
                                 const std::vector<typename F::Slot>& nodes, const Key* keys,
                                 std::size_t n, std::uint32_t* out) {
        for (std::size_t i = 0; i < n; ++i)
            __builtin_prefetch(&root[std::size_t(keys[i] >> 16)]);
        std::uint16_t walking[kMaxBatch];
        std::size_t w = 0;
        for (std::size_t i = 0; i < n; ++i) {
            out[i] = root[std::size_t(keys[i] >> 16)];
            walking[w] = std::uint16_t(i);
            w += out[i] >> F::kTopBit;
        }
        // Every key on the list names a child, so its slot needs no mask for
        // leaves (as descend() has); the keys going on below the middle
        // level are listed again, the same way.
        const auto child = [&nodes](std::uint32_t e, std::size_t byte) {
            return &nodes[(std::size_t(e & F::kNodeMask) << kChildBits) | byte];
        };
        for (std::size_t j = 0; j < w; ++j) {
            const std::size_t i = walking[j];
            __builtin_prefetch(child(out[i], std::size_t((keys[i] >> 8) & 0xff)));
        }
        std::size_t still = 0;
        for (std::size_t j = 0; j < w; ++j) {
            const std::size_t i = walking[j];
            out[i] = *child(out[i], std::size_t((keys[i] >> 8) & 0xff));
            walking[still] = std::uint16_t(i);
            still += out[i] >> F::kTopBit;
        }
        for (std::size_t j = 0; j < still; ++j) {
            const std::size_t i = walking[j];
            __builtin_prefetch(child(out[i], std::size_t(keys[i] & 0xff)));
        }
        for (std::size_t j = 0; j < still; ++j) {
            const std::size_t i = walking[j];
            out[i] = *child(out[i], std::size_t(keys[i] & 0xff));
        }
        for (std::size_t i = 0; i < n; ++i)
            out[i] = out[i] == F::kNoValue ? kNone : out[i];
    }

    // One branch-free level: a child entry is replaced by its slot, anything
    // else is kept (reading the dummy node 0 on the way).
    template <class F>
    static std::uint32_t descend(const std::vector<typename F::Slot>& nodes, std::uint32_t e,
                                 std::size_t slot) {
        const std::uint32_t is_child = e >> F::kTopBit;
        const std::uint32_t next = nodes[slot_of<F>(e, slot)];
        return e ^ ((e ^ next) & (0u - is_child));
    }

    // Where descend() reads: the child's slot, or the dummy node's.
    template <class F> static std::size_t slot_of(std::uint32_t e, std::size_t slot) {
        const std::uint32_t is_child = e >> F::kTopBit; // only a child has the top bit set
        const std::size_t node = std::size_t(e & F::kNodeMask) & (std::size_t(0) - is_child);
        return (node << kChildBits) | slot;
    }

    // Whether the narrow format holds every value and `nodes` nodes.
    bool fits_narrow(std::size_t nodes) const {
        if (nodes > Narrow::kNodeMask + 1) return false;
        for (const std::uint32_t v : m_values)
            if (v != kNone && v >= Narrow::kNoValue) return false;
        return true;
    }

    // A wide entry (as encode() makes them) in the active format.
    void store_root(std::size_t j, std::uint32_t e) {
        if (m_narrow)
            m_root16[j] = narrow_slot(e);
        else
            m_root[j] = e;
    }
    void store_node(std::size_t i, std::uint32_t e) {
        if (m_narrow)
            m_nodes16[i] = narrow_slot(e);
        else
            m_nodes[i] = e;
    }
    static std::uint16_t narrow_slot(std::uint32_t e) {
        if ((e >> 30) == kChild) return std::uint16_t(0x8000u | (e & kPayload));
        return std::uint16_t(e == kLeafNone ? Narrow::kNoValue : e);
    }
    std::size_t node_slots() const { return m_narrow ? m_nodes16.size() : m_nodes.size(); }
    // Adds one node of empty slots; returns its index.
    std::size_t grow_nodes() {
        const std::size_t node = node_slots() >> kChildBits;
        if (m_narrow)
            m_nodes16.resize(m_nodes16.size() + (std::size_t(1) << kChildBits));
        else
            m_nodes.resize(m_nodes.size() + (std::size_t(1) << kChildBits));
        return node;
    }
    void release() {
        std::vector<std::uint32_t>().swap(m_root);
        std::vector<std::uint32_t>().swap(m_nodes);
        std::vector<std::uint16_t>().swap(m_root16);
        std::vector<std::uint16_t>().swap(m_nodes16);
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
                         if (!dry) store_node((node << kChildBits) | j, e);
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
    // Either the wide or the narrow pair is filled (m_narrow says which).
    std::vector<std::uint32_t> m_root;
    std::vector<std::uint32_t> m_nodes;
    std::vector<std::uint16_t> m_root16;
    std::vector<std::uint16_t> m_nodes16;
    bool m_narrow = false;
};

} // namespace ociproxy
