#pragma once

#include "core/table/lookup_batch_size.h"

#include <bit>
#include <cstddef>
#include <cstdint>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace ociproxy {

// Maps every IPv4 address to a 32-bit value, for a partition of the address
// space into intervals (starts[0] == 0, interval i = [starts[i], starts[i+1])
// has values[i]).
//
// A 2^16-slot root on the top 16 bits, then 256-slot nodes on the next 8 and
// the last 8. A slot holds its value outright when its addresses lie in one
// interval; names a scan record when up to 16 intervals meet inside it; and
// names a node one level down when more do.
//
// The scan records are what keeps the map small: of the real AWS + Google
// lists' ~1 800 nodes, all but ~170 held only 2-16 intervals (a /16 cut by a
// few /24s, a /24 cut by a few /25-/32s), so 512 bytes of slots stood for a
// few boundaries. A record holds them in one 64-byte cache line, and the map
// went from ~1 MiB (more than this core's 1 MiB L2 holds beside the input, so
// the walk waited on L3) to ~290 KiB. A record compares the key's low 16 bits
// with its starts' (the bits above are the slot's own), so one format serves
// a /16's slot and a /24's.
//
// The slots are 16 bits when every value and every node and record fits (up
// to 32 766 entries; 32 767 nodes and records together; the real lists use a
// fraction of that), 32 bits otherwise. The walk to a record or a leaf is
// fixed at three levels and branch-free for one key: a slot met early is
// carried down through a dummy node, so random lookups never mispredict on
// the depth and the CPU overlaps the loads of successive lookups.
class Ipv4Map {
public:
    void build(const std::vector<std::uint32_t>& starts, const std::vector<std::uint32_t>& values);

    std::uint32_t find(std::uint32_t k) const {
        return m_narrow ? find_in(m_levels16, k) : find_in(m_levels32, k);
    }

    // find() for n keys, n <= kLookupBatch. Between the lines of a streaming
    // reader the table is no longer in the near caches: each level is fetched
    // for the whole batch before any is read, so the misses of n walks overlap
    // instead of queueing behind each other.
    void find_batch(const std::uint32_t* keys, std::size_t n, std::uint32_t* out) const {
        if (m_narrow)
            find_batch_in(m_levels16, keys, n, out);
        else
            find_batch_in(m_levels32, keys, n, out);
    }

    std::size_t interval_count() const { return m_intervals; }
    // Nodes below the root (the dummy not counted), and scan records.
    std::size_t node_count() const {
        return m_narrow ? m_levels16.node_count() : m_levels32.node_count();
    }
    std::size_t scan_count() const {
        return m_narrow ? m_levels16.scans.size() : m_levels32.scans.size();
    }
    // What build() allocated for them: equal to the counts when its count
    // ahead was right (the table test checks it on the real lists).
    std::size_t node_capacity() const {
        return m_narrow ? m_levels16.node_capacity() : m_levels32.node_capacity();
    }
    std::size_t scan_capacity() const {
        return m_narrow ? m_levels16.scans.capacity() : m_levels32.scans.capacity();
    }
    // Bytes held by the slots and records.
    std::size_t bytes() const { return m_narrow ? m_levels16.bytes() : m_levels32.bytes(); }
    // Whether the slots are 16-bit (see above).
    bool narrow() const { return m_narrow; }

    static constexpr std::uint32_t kNone = 0xffffffffu;
    // A slot or record with more intervals than this starting inside it, after its
    // first address, is a node.
    static constexpr std::size_t kScanMax = 15;

private:
    // A slot is its value (kNoValue for none), or, with the top bit set, a
    // reference: below `first_scan` a node, from it a scan record.
    template <class Slot> struct Format {
        static constexpr int kTopBit = int(sizeof(Slot)) * 8 - 1;
        static constexpr std::uint32_t kRefMask = (std::uint32_t(1) << kTopBit) - 1;
        static constexpr std::uint32_t kNoValue = kRefMask;
    };

    // Up to 16 intervals inside one slot: the low 16 bits of their starts,
    // the first 0 (the slot's first address, whichever interval holds it).
    // The rest are padded with 0xffff and the last value: a key counts a pad
    // only when its low bits are 0xffff, and then the last interval holds it,
    // which is what the pad's value says.
    template <class Slot> struct alignas(64) ScanRecord {
        std::uint16_t starts[kScanMax + 1];
        Slot values[kScanMax + 1];
    };

    template <class Slot> struct Levels {
        std::vector<Slot> root;
        std::vector<Slot> nodes; // node 0: the dummy a slot met early walks through
        std::vector<ScanRecord<Slot>> scans;
        std::uint32_t first_scan = 0; // the nodes' count, dummy included

        std::size_t node_count() const { return nodes.size() / 256 - (nodes.empty() ? 0 : 1); }
        std::size_t node_capacity() const {
            return nodes.capacity() / 256 - (nodes.capacity() == 0 ? 0 : 1);
        }
        std::size_t bytes() const {
            return (root.capacity() + nodes.capacity()) * sizeof(Slot) +
                   scans.capacity() * sizeof(ScanRecord<Slot>);
        }
    };

    template <class Slot> static std::uint32_t find_in(const Levels<Slot>& l, std::uint32_t k) {
        using F = Format<Slot>;
        std::uint32_t e = l.root[k >> 16];
        e = descend(l, e, (k >> 8) & 0xff);
        e = descend(l, e, k & 0xff);
        // Only a scan record's reference is left with the top bit set.
        if (e >> F::kTopBit) e = scan_value(l.scans[(e & F::kRefMask) - l.first_scan], k);
        return e == F::kNoValue ? kNone : e;
    }

    // One branch-free level: a node's reference is replaced by its slot,
    // anything else is kept (reading the dummy node 0 on the way).
    template <class Slot>
    static std::uint32_t descend(const Levels<Slot>& l, std::uint32_t e, std::uint32_t byte) {
        using F = Format<Slot>;
        const std::uint32_t ref = e & F::kRefMask;
        const std::uint32_t is_node = (e >> F::kTopBit) & std::uint32_t(ref < l.first_scan);
        const std::size_t node = std::size_t(ref) & (std::size_t(0) - is_node);
        const std::uint32_t next = l.nodes[(node << 8) | byte];
        return e ^ ((e ^ next) & (0u - is_node));
    }

    // The starts are in order, pads last, so those above the key are the
    // last ones: with SSE2 (every x86-64) the first of them is found by two
    // vector compares and a bit scan, where 16 scalar compares left the walk
    // slower than the nodes it replaces.
    template <class Slot>
    static std::uint32_t scan_value(const ScanRecord<Slot>& r, std::uint32_t k) {
#if defined(__SSE2__)
        // Signed 16-bit compares: both sides offset by 0x8000 keep the order.
        const __m128i bias = _mm_set1_epi16(std::int16_t(0x8000));
        const __m128i key = _mm_xor_si128(_mm_set1_epi16(std::int16_t(k)), bias);
        const auto* starts = reinterpret_cast<const __m128i*>(r.starts);
        const __m128i above =
            _mm_packs_epi16(_mm_cmpgt_epi16(_mm_xor_si128(_mm_load_si128(starts), bias), key),
                            _mm_cmpgt_epi16(_mm_xor_si128(_mm_load_si128(starts + 1), bias), key));
        const unsigned at_or_below = unsigned(std::countr_zero(
            std::uint32_t(_mm_movemask_epi8(above)) | (std::uint32_t(1) << (kScanMax + 1))));
        return r.values[at_or_below - 1];
#else
        const std::uint16_t low = std::uint16_t(k);
        std::uint32_t at_or_below = 0;
        for (std::size_t i = 0; i <= kScanMax; ++i)
            at_or_below += std::uint32_t(r.starts[i] <= low);
        return r.values[at_or_below - 1];
#endif
    }

    // Only the keys whose slot names a node go on to the next level (most of
    // the address space is one leaf at the root, and so is most uniform
    // traffic), and those naming a record are set aside for the end; both
    // lists are kept without a branch (every key is written, the count moves
    // for those that belong), since which keys go where is random in real
    // traffic. Each level is fetched for all its keys before any is read.
    template <class Slot>
    static void find_batch_in(const Levels<Slot>& l, const std::uint32_t* keys, std::size_t n,
                              std::uint32_t* out) {
        using F = Format<Slot>;
        for (std::size_t i = 0; i < n; ++i)
            __builtin_prefetch(&l.root[keys[i] >> 16]);
        std::uint16_t walking[kLookupBatch], scanning[kLookupBatch];
        std::size_t w = 0, s = 0;
        for (std::size_t i = 0; i < n; ++i) {
            out[i] = l.root[keys[i] >> 16];
            walking[w] = std::uint16_t(i);
            w += out[i] >> F::kTopBit;
        }
        for (int shift = 8; shift >= 0; shift -= 8) {
            std::size_t down = 0;
            for (std::size_t j = 0; j < w; ++j) {
                const std::size_t i = walking[j];
                const bool node = (out[i] & F::kRefMask) < l.first_scan;
                walking[down] = std::uint16_t(i);
                down += node;
                scanning[s] = std::uint16_t(i);
                s += !node;
            }
            const auto slot = [&](std::size_t i) {
                return &l.nodes[(std::size_t(out[i] & F::kRefMask) << 8) |
                                ((keys[i] >> shift) & 0xff)];
            };
            for (std::size_t j = 0; j < down; ++j)
                __builtin_prefetch(slot(walking[j]));
            w = 0;
            for (std::size_t j = 0; j < down; ++j) {
                const std::size_t i = walking[j];
                out[i] = *slot(i);
                walking[w] = std::uint16_t(i);
                w += out[i] >> F::kTopBit; // none below the last level
            }
        }
        const auto record = [&](std::size_t i) {
            return &l.scans[(out[i] & F::kRefMask) - l.first_scan];
        };
        for (std::size_t j = 0; j < s; ++j)
            __builtin_prefetch(record(scanning[j]));
        for (std::size_t j = 0; j < s; ++j) {
            const std::size_t i = scanning[j];
            out[i] = scan_value(*record(i), keys[i]);
        }
        for (std::size_t i = 0; i < n; ++i)
            out[i] = out[i] == F::kNoValue ? kNone : out[i];
    }

    // Nodes and scan records the encoding will make (see ipv4_map.cpp).
    struct Counts {
        std::size_t nodes = 0, scans = 0;
    };
    static Counts count(const std::vector<std::uint32_t>& starts);
    template <class Slot> void encode(Levels<Slot>& l, const Counts& c);
    template <class Slot>
    std::uint32_t encode_slot(Levels<Slot>& l, std::uint32_t a, int shift, std::size_t& hint);
    template <class Slot, class Store>
    void encode_slots(Levels<Slot>& l, std::uint32_t a, int shift, std::size_t count,
                      std::size_t& hint, Store&& store);
    template <class Slot> std::uint32_t leaf(std::size_t interval) const;
    std::size_t advance(std::size_t i, std::uint32_t k) const;

    // The merged intervals, while build() runs.
    std::vector<std::uint32_t> m_starts;
    std::vector<std::uint32_t> m_values;
    std::size_t m_intervals = 0;
    // Either is filled (m_narrow says which).
    Levels<std::uint16_t> m_levels16;
    Levels<std::uint32_t> m_levels32;
    bool m_narrow = false;
};

} // namespace ociproxy
