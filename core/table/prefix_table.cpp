#include "core/table/prefix_table.h"

#include "core/prefault.h"

#include <algorithm>
#include <tuple>
#include <unordered_map>

namespace ociproxy {
namespace {

class Interner {
public:
    explicit Interner(std::vector<std::string>& names)
        : m_names(names) {}
    std::uint32_t id(const std::string& s) {
        // Neighbouring entries mostly share a cloud and a service: the last
        // answer is tried before hashing the name.
        if (m_last != kNone && m_names[m_last] == s) return m_last;
        auto [it, inserted] = m_ids.try_emplace(s, std::uint32_t(m_names.size()));
        if (inserted) m_names.push_back(s);
        m_last = it->second;
        return m_last;
    }

private:
    static constexpr std::uint32_t kNone = ~std::uint32_t(0);
    std::uint32_t m_last = kNone;
    std::vector<std::string>& m_names;
    std::unordered_map<std::string, std::uint32_t> m_ids;
};

// An entry as the build sorts it: its prefix as (family, start, length),
// then what tells equal prefixes apart. It is all the build needs of an
// entry, so the sets' entries are read once, into these, and not copied.
struct SortKey {
    std::uint32_t family, length;
    std::uint64_t high, low;
    std::uint32_t cloud, region, order;
    std::uint32_t source, service; // provenance, not part of the order

    IpPrefix prefix() const {
        return family == std::uint32_t(Family::V4)
                   ? IpPrefix(IpAddress::v4(std::uint32_t(low)), int(length))
                   : IpPrefix(IpAddress::v6((u128(high) << 64) | low), int(length));
    }
};

} // namespace

namespace {

std::vector<const RangeSet*> pointers_to(std::span<const RangeSet> sets) {
    std::vector<const RangeSet*> ptrs;
    ptrs.reserve(sets.size());
    for (const auto& s : sets)
        ptrs.push_back(&s);
    return ptrs;
}

} // namespace

PrefixTable PrefixTable::build(std::span<const RangeSet> sets, std::optional<MatchMode> only) {
    return build_from(pointers_to(sets), only, nullptr);
}

PrefixTable PrefixTable::build_shared(std::span<const RangeSet* const> sets,
                                      std::optional<MatchMode> only) {
    return build_from(sets, only, nullptr);
}

PrefixTable PrefixTable::build_consuming(std::vector<RangeSet>&& sets,
                                         std::optional<MatchMode> only) {
    return build_from(pointers_to(sets), only, &sets);
}

PrefixTable PrefixTable::build_from(std::span<const RangeSet* const> sets,
                                    std::optional<MatchMode> only, std::vector<RangeSet>* owned) {
    PrefixTable t;
    if (only) {
        t.m_compiled[int(MatchMode::Longest)] = *only == MatchMode::Longest;
        t.m_compiled[int(MatchMode::First)] = *only == MatchMode::First;
    }
    Interner clouds(t.m_clouds), regions(t.m_regions), services(t.m_services);
    std::vector<SortKey> keys;
    std::size_t total = 0;
    for (const auto* s : sets)
        total += s->entries.size();
    reserve_populated(keys, total);
    for (const auto* sp : sets) {
        const RangeSet& s = *sp;
        const auto source = std::uint32_t(t.m_sources.size());
        t.m_sources.push_back(SourceInfo{s.source, s.format, s.published, s.sync_token,
                                         s.count(Family::V4), s.count(Family::V6)});
        for (const auto& e : s.entries) {
            const u128 first = e.prefix.first();
            keys.push_back({std::uint32_t(e.prefix.family()), std::uint32_t(e.prefix.length()),
                            std::uint64_t(first >> 64), std::uint64_t(first), clouds.id(e.cloud),
                            regions.id(e.region), std::uint32_t(keys.size()), source,
                            services.id(e.service)});
        }
        if (owned) std::vector<RangeEntry>().swap((*owned)[source].entries);
    }
    // Sorting by (family, start, length) puts every prefix after the ones
    // containing it, which is the order flatten() relies on; equal prefixes
    // of the same cloud and region become one entry with all provenances.
    // Sorted through a 64-bit digest of each key that keeps their order
    // (family, then an IPv4 start and length, or an IPv6 start's top 63
    // bits), the whole key compared only where digests are equal (the same
    // prefix from several services): the 7-field compare and the 48-byte
    // moves were most of the sort's cost.
    struct Digest {
        std::uint64_t digest;
        std::uint32_t key;
    };
    std::vector<Digest> by_digest;
    reserve_populated(by_digest, keys.size());
    by_digest.resize(keys.size());
    for (std::size_t k = 0; k < keys.size(); ++k) {
        const SortKey& sk = keys[k];
        const bool v6 = sk.family != std::uint32_t(Family::V4);
        by_digest[k] = {v6 ? (std::uint64_t(1) << 63) | (sk.high >> 1) : (sk.low << 6) | sk.length,
                        std::uint32_t(k)};
    }
    std::sort(by_digest.begin(), by_digest.end(), [&keys](const Digest& a, const Digest& b) {
        if (a.digest != b.digest) return a.digest < b.digest;
        const SortKey &x = keys[a.key], &y = keys[b.key];
        return std::tie(x.family, x.high, x.low, x.length, x.cloud, x.region, x.order) <
               std::tie(y.family, y.high, y.low, y.length, y.cloud, y.region, y.order);
    });
    // The runs of equal keys first, so the entries are allocated once, at
    // their size: a growing vector would hold up to twice that at the
    // start-up peak.
    const auto same = [](const SortKey& a, const SortKey& b) {
        return std::tie(a.family, a.high, a.low, a.length, a.cloud, a.region) ==
               std::tie(b.family, b.high, b.low, b.length, b.cloud, b.region);
    };
    std::vector<std::uint32_t> run_ends;
    for (std::size_t k = 1; k <= keys.size(); ++k)
        if (k == keys.size() || !same(keys[by_digest[k].key], keys[by_digest[k - 1].key]))
            run_ends.push_back(std::uint32_t(k));
    reserve_populated(t.m_entries, run_ends.size());
    if (!only) t.m_provenance.resize(run_ends.size()); // provenance answers explanations only
    std::size_t v4_count = 0;
    std::size_t r = 0; // the place in key order
    for (const std::size_t end : run_ends) {
        const SortKey& head = keys[by_digest[r].key];
        TableEntry entry{head.prefix(), head.cloud, head.region, kNoEntry};
        for (; r < end; ++r) {
            if (only) continue;
            auto& provenance = t.m_provenance[t.m_entries.size()];
            const SortKey& e = keys[by_digest[r].key];
            const Provenance p{e.source, e.service};
            const bool seen =
                std::any_of(provenance.begin(), provenance.end(), [&](const Provenance& q) {
                    return q.source == p.source && q.service == p.service;
                });
            if (!seen) provenance.push_back(p);
        }
        if (entry.prefix.family() == Family::V4) ++v4_count;
        t.m_entries.push_back(entry);
    }
    // The keys are done with: give them back before flatten() builds the
    // interval maps, the other large allocation of the build.
    std::vector<Digest>().swap(by_digest);
    std::vector<SortKey>().swap(keys);
    std::vector<std::uint32_t> order(t.m_entries.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = std::uint32_t(i);
    t.flatten<std::uint32_t>(std::span(order).first(v4_count), t.m_v4);
    t.flatten<u128>(std::span(order).subspan(v4_count), t.m_v6);
    return t;
}

// Cuts the family's address space into intervals on which both winners are
// constant. A stack of open prefixes is swept in start order: the top is the
// most specific (longest) match, the bottom the shortest (first) match.
template <class Key, class Map>
void PrefixTable::flatten(std::span<const std::uint32_t> order, ModeMaps<Map>& out) {
    const Key max = ~Key(0);
    std::vector<Key> starts;
    std::vector<std::uint32_t> longest, first, stack;
    auto emit = [&](Key pos) {
        const std::uint32_t l = stack.empty() ? kNoEntry : stack.back();
        const std::uint32_t f = stack.empty() ? kNoEntry : stack.front();
        if (!starts.empty() && starts.back() == pos) {
            longest.back() = l;
            first.back() = f;
        } else {
            starts.push_back(pos);
            longest.push_back(l);
            first.push_back(f);
        }
        const std::size_t n = starts.size();
        if (n >= 2 && longest[n - 1] == longest[n - 2] && first[n - 1] == first[n - 2]) {
            starts.pop_back();
            longest.pop_back();
            first.pop_back();
        }
    };
    auto last_of = [&](std::uint32_t e) { return Key(m_entries[e].prefix.last()); };
    auto close_top = [&] {
        const Key end = last_of(stack.back());
        stack.pop_back();
        if (end != max) emit(end + 1);
    };
    emit(0);
    for (const std::uint32_t e : order) {
        const Key start = Key(m_entries[e].prefix.first());
        while (!stack.empty() && last_of(stack.back()) < start)
            close_top();
        m_entries[e].parent = stack.empty() ? kNoEntry : stack.back();
        stack.push_back(e);
        emit(start);
    }
    while (!stack.empty())
        close_top();
    if (m_compiled[int(MatchMode::Longest)]) out[int(MatchMode::Longest)].build(starts, longest);
    if (m_compiled[int(MatchMode::First)]) out[int(MatchMode::First)].build(starts, first);
}

Explanation PrefixTable::explain(const IpAddress& a) const {
    Explanation ex;
    ex.address = a.unmapped();
    ex.longest = lookup(ex.address, MatchMode::Longest);
    ex.first = lookup(ex.address, MatchMode::First);
    for (std::uint32_t e = ex.longest; e != kNoEntry; e = m_entries[e].parent)
        ex.containing.push_back(e);
    ex.modes_disagree = modes_disagree(ex.longest, ex.first);
    return ex;
}

bool PrefixTable::modes_disagree(std::uint32_t longest, std::uint32_t first) const {
    if (longest == first) return false;
    if (longest == kNoEntry || first == kNoEntry) return true;
    const TableEntry& a = m_entries[longest];
    const TableEntry& b = m_entries[first];
    return a.cloud != b.cloud || a.region != b.region;
}

std::vector<Overlap> PrefixTable::overlaps() const {
    std::vector<Overlap> out;
    for (std::uint32_t i = 0; i < m_entries.size(); ++i) {
        const auto& e = m_entries[i];
        if (e.parent == kNoEntry) continue;
        const auto& p = m_entries[e.parent];
        if (p.cloud != e.cloud || p.region != e.region) out.push_back(Overlap{i, e.parent});
    }
    return out;
}

std::uint32_t PrefixTable::cloud_id(std::string_view name) const {
    for (std::uint32_t i = 0; i < m_clouds.size(); ++i)
        if (m_clouds[i] == name) return i;
    return kNoEntry;
}

std::size_t PrefixTable::count(std::uint32_t cloud, Family f) const {
    return std::size_t(std::count_if(m_entries.begin(), m_entries.end(), [&](const TableEntry& e) {
        return e.cloud == cloud && e.prefix.family() == f;
    }));
}

void PrefixTable::lookup_batch(AddressBatch& batch, MatchMode mode) const {
    if (!m_compiled[int(mode)]) {
        std::fill_n(batch.m_found, 2 * AddressBatch::kSize, kNoEntry);
        return;
    }
    m_v4[int(mode)].find_batch(batch.m_keys4, batch.m_v4, batch.m_found);
    m_v6[int(mode)].find_batch(batch.m_keys6, batch.m_v6, batch.m_found + AddressBatch::kSize);
}

} // namespace ociproxy
