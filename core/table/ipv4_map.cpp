#include "core/table/ipv4_map.h"

#include "core/prefault.h"
#include "core/table/merged_intervals.h"

#include <algorithm>

namespace ociproxy {

void Ipv4Map::build(const std::vector<std::uint32_t>& starts,
                    const std::vector<std::uint32_t>& values) {
    merge_equal_neighbours(starts, values, m_starts, m_values);
    if (m_starts.empty()) { // nothing given: nothing found anywhere
        m_starts.push_back(0);
        m_values.push_back(kNone);
    }
    m_intervals = m_values.size();
    const Counts counts = count(m_starts);
    using Narrow = Format<std::uint16_t>;
    const bool values_fit = std::all_of(m_values.begin(), m_values.end(), [](std::uint32_t v) {
        return v == kNone || v < Narrow::kNoValue;
    });
    m_narrow = values_fit && 1 + counts.nodes + counts.scans <= std::size_t(Narrow::kRefMask) + 1;
    m_levels16 = {};
    m_levels32 = {};
    if (m_narrow)
        encode(m_levels16, counts);
    else
        encode(m_levels32, counts);
    // Only the encoding read them: a lookup ends in a slot or a record.
    std::vector<std::uint32_t>().swap(m_starts);
    std::vector<std::uint32_t>().swap(m_values);
}

// From the sorted starts alone, so that the nodes and records are allocated
// once: grown by doubling they would hold up to twice their size while being
// copied, at the peak of a reload. A slot's intervals after its first are
// the starts inside it past its first address; a /16's decides whether it is
// a record or a node, and only a node's /24s are slots of their own.
Ipv4Map::Counts Ipv4Map::count(const std::vector<std::uint32_t>& starts) {
    Counts c;
    // Slots of 2^shift addresses over starts[from, to): each with more than
    // kScanMax starts inside is a node, calling `inside_node` for its starts.
    const auto slots = [&](std::size_t from, std::size_t to, int shift, auto&& inside_node) {
        const std::uint32_t low = (std::uint32_t(1) << shift) - 1;
        for (std::size_t i = from; i < to;) {
            std::size_t end = i + 1;
            while (end < to && (starts[end] >> shift) == (starts[i] >> shift))
                ++end;
            // Only a slot's first start can be its first address (sorted).
            const std::size_t inside = end - i - ((starts[i] & low) == 0 ? 1 : 0);
            if (inside > kScanMax) {
                ++c.nodes;
                inside_node(i, end);
            } else if (inside > 0) {
                ++c.scans;
            }
            i = end;
        }
    };
    slots(0, starts.size(), 16, [&](std::size_t from, std::size_t to) {
        slots(from, to, 8, [](std::size_t, std::size_t) {}); // a /32 is never cut
    });
    return c;
}

template <class Slot> void Ipv4Map::encode(Levels<Slot>& l, const Counts& c) {
    reserve_populated(l.root, std::size_t(1) << 16);
    l.root.assign(std::size_t(1) << 16, 0);
    reserve_populated(l.nodes, (1 + c.nodes) << 8);
    l.nodes.assign(std::size_t(1) << 8, 0); // the dummy
    reserve_populated(l.scans, c.scans);
    l.first_scan = std::uint32_t(1 + c.nodes);
    std::size_t hint = 0;
    encode_slots(l, 0, 16, std::size_t(1) << 16, hint,
                 [&l](std::size_t j, std::uint32_t e) { l.root[j] = Slot(e); });
}

// The slot [a, a + 2^shift): its value, record or node. `hint` is an
// interval at or before the one holding `a`, and comes back as the one
// holding the slot's last address.
template <class Slot>
std::uint32_t Ipv4Map::encode_slot(Levels<Slot>& l, std::uint32_t a, int shift, std::size_t& hint) {
    using F = Format<Slot>;
    const std::uint32_t b = a + ((std::uint32_t(1) << shift) - 1);
    const std::size_t ia = advance(hint, a);
    const std::size_t ib = advance(ia, b);
    hint = ib;
    if (ia == ib) return leaf<Slot>(ia);
    const std::uint32_t ref = std::uint32_t(1) << F::kTopBit;
    if (ib - ia <= kScanMax) {
        ScanRecord<Slot>& r = l.scans.emplace_back();
        for (std::size_t j = 0; j <= kScanMax; ++j) {
            const bool real = ia + j <= ib;
            r.starts[j] = j == 0 ? 0 : real ? std::uint16_t(m_starts[ia + j]) : 0xffff;
            r.values[j] = Slot(leaf<Slot>(real ? ia + j : ib));
        }
        return ref | (l.first_scan + std::uint32_t(l.scans.size() - 1));
    }
    const std::size_t node = l.nodes.size() >> 8;
    l.nodes.resize(l.nodes.size() + (std::size_t(1) << 8));
    std::size_t child_hint = ia;
    encode_slots(
        l, a, shift - 8, std::size_t(1) << 8, child_hint,
        [&l, node](std::size_t j, std::uint32_t e) { l.nodes[(node << 8) | j] = Slot(e); });
    return ref | std::uint32_t(node);
}

// encode_slot() for `count` slots of 2^shift addresses from `a`, in order,
// each handed to store(j, slot). A leaf's run (the slots before the next
// interval starts) is stored without a walk per slot: most slots are leaves,
// and walking each was a fifth of building a table.
template <class Slot, class Store>
void Ipv4Map::encode_slots(Levels<Slot>& l, std::uint32_t a, int shift, std::size_t count,
                           std::size_t& hint, Store&& store) {
    for (std::size_t j = 0; j < count;) {
        const std::uint32_t e = encode_slot(l, a + (std::uint32_t(j) << shift), shift, hint);
        store(j++, e);
        if (e >> Format<Slot>::kTopBit) continue;
        std::size_t run_end = count;
        if (hint + 1 < m_starts.size()) {
            const std::size_t before_next = (m_starts[hint + 1] - a) >> shift; // may pass the node
            run_end = std::min(run_end, before_next);
        }
        for (; j < run_end; ++j)
            store(j, e);
    }
}

template <class Slot> std::uint32_t Ipv4Map::leaf(std::size_t interval) const {
    const std::uint32_t v = m_values[interval];
    // Values are table entry indices, far below the slot's reference bit
    // (build() chose the width); kNone is the one value that needs its own code.
    return v == kNone ? Format<Slot>::kNoValue : (v & Format<Slot>::kRefMask);
}

// Index of the interval holding `k`, searching forward from `i`. Slots are
// visited in address order, so the whole encoding walks the list once.
std::size_t Ipv4Map::advance(std::size_t i, std::uint32_t k) const {
    while (i + 1 < m_starts.size() && m_starts[i + 1] <= k)
        ++i;
    return i;
}

} // namespace ociproxy
