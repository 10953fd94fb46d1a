#pragma once

#include "core/ranges/range_set.h"
#include "core/table/address_batch.h"
#include "core/table/interval_map.h"
#include "core/table/ipv4_map.h"
#include "core/table/match_mode.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ociproxy {

inline constexpr std::uint32_t kNoEntry = 0xffffffffu;

// Where a prefix was published: which loaded source and under which service
// label. One prefix usually has several (AWS lists it for AMAZON, EC2, ...).
struct Provenance {
    std::uint32_t source;
    std::uint32_t service;
};

// Its provenance is kept apart (PrefixTable::provenance): a vector in every
// entry made it 96 bytes instead of 64, a third of the server's table
// entries for a list the server never reads.
struct TableEntry {
    IpPrefix prefix;
    std::uint32_t cloud;
    std::uint32_t region;
    std::uint32_t parent; // innermost other entry containing this one, or kNoEntry
};

struct SourceInfo {
    std::string name;
    RangeFormat format;
    std::string published;
    std::string sync_token;
    std::size_t ipv4 = 0;
    std::size_t ipv6 = 0;
};

// Everything explain() knows about one address.
struct Explanation {
    IpAddress address;                     // after IPv4-mapped unwrapping
    std::vector<std::uint32_t> containing; // every containing entry, most specific first
    std::uint32_t longest = kNoEntry;
    std::uint32_t first = kNoEntry;
    bool modes_disagree = false; // see PrefixTable::modes_disagree
};

// A prefix nested inside a shorter one of a different cloud or region: the
// places where the two match modes can disagree.
struct Overlap {
    std::uint32_t inner;
    std::uint32_t outer;
};

// The compiled lookup table over any number of range sets. Immutable after
// build(), so one instance is shared by all server threads without locks.
class PrefixTable {
public:
    // `only`: compile the lookup maps of that match mode alone. The server
    // answers in one mode and never explains; the other mode's maps are
    // most of the table's memory. Lookups in a mode not compiled find
    // nothing, and explain() needs both. Such a table keeps no provenance
    // either (an allocation per entry, a tenth of the table).
    static PrefixTable build(std::span<const RangeSet> sets,
                             std::optional<MatchMode> only = std::nullopt);
    // The same over sets owned elsewhere (the console's cache of loaded
    // files), without copying them.
    static PrefixTable build_shared(std::span<const RangeSet* const> sets,
                                    std::optional<MatchMode> only = std::nullopt);
    // The same, taking the sets: each one's entries are freed as soon as
    // they are in the table, so a server reloading its files does not hold
    // them as well as the new table's maps at the peak of the build.
    static PrefixTable build_consuming(std::vector<RangeSet>&& sets,
                                       std::optional<MatchMode> only = std::nullopt);

    bool has_mode(MatchMode mode) const { return m_compiled[int(mode)]; }

    // The winning entry for `a` (IPv4-mapped IPv6 is looked up as IPv4), or
    // kNoEntry.
    std::uint32_t lookup(const IpAddress& a, MatchMode mode) const {
        if (!m_compiled[int(mode)]) [[unlikely]]
            return kNoEntry;
        const IpAddress x = a.unmapped();
        if (x.is_v4()) return m_v4[int(mode)].find(x.v4_bits());
        return m_v6[int(mode)].find(x.bits());
    }

    // lookup() for each address of `batch` (split by family as it was
    // filled), faster than one at a time for the streaming readers: the
    // walks of a batch overlap their cache misses. Read the answers with
    // batch.entry(i).
    void lookup_batch(AddressBatch& batch, MatchMode mode) const;

    Explanation explain(const IpAddress& a) const;
    // "The two match modes disagree" for an address whose longest and first
    // matches are these entries: they name a different cloud or region, so
    // the client would be routed differently. Two nested prefixes of the same
    // region agree. The one definition every front end shows.
    bool modes_disagree(std::uint32_t longest, std::uint32_t first) const;
    std::vector<Overlap> overlaps() const;

    const TableEntry& entry(std::uint32_t i) const { return m_entries[i]; }
    // Where entry i was published; empty in a table built for one match
    // mode (see build()).
    std::span<const Provenance> provenance(std::uint32_t i) const {
        if (i >= m_provenance.size()) return {};
        return m_provenance[i];
    }
    std::size_t size() const { return m_entries.size(); }
    const std::vector<TableEntry>& entries() const { return m_entries; }

    const std::string& cloud_name(std::uint32_t id) const { return m_clouds[id]; }
    const std::string& region_name(std::uint32_t id) const { return m_regions[id]; }
    const std::string& service_name(std::uint32_t id) const { return m_services[id]; }
    const std::vector<std::string>& clouds() const { return m_clouds; }
    const std::vector<std::string>& regions() const { return m_regions; }
    const std::vector<SourceInfo>& sources() const { return m_sources; }

    // Id of an interned cloud name, or kNoEntry when no prefix has it.
    std::uint32_t cloud_id(std::string_view name) const;

    // Shape of the compiled maps (longest mode), for benchmarks and status.
    // `*_allocated`: nodes (and IPv4 scan records) the maps hold memory for,
    // equal to the counts when the build counted right. `v4_narrow`: 16-bit
    // IPv4 slots. `v4_bytes`: the IPv4 map's slots and records.
    struct Shape {
        std::size_t v4_intervals, v4_nodes, v4_scans, v6_intervals, v6_nodes;
        std::size_t v4_allocated, v4_scans_allocated, v6_allocated, v4_bytes;
        bool v4_narrow;
    };
    Shape shape() const {
        const auto& a = m_v4[int(MatchMode::Longest)];
        const auto& b = m_v6[int(MatchMode::Longest)];
        return {a.interval_count(), a.node_count(),    a.scan_count(),    b.interval_count(),
                b.node_count(),     a.node_capacity(), a.scan_capacity(), b.node_capacity(),
                a.bytes(),          a.narrow()};
    }

    // Unique prefixes per cloud id and family.
    std::size_t count(std::uint32_t cloud, Family f) const;

private:
    // build_shared(), freeing each of `owned` (the same sets) once read.
    static PrefixTable build_from(std::span<const RangeSet* const> sets,
                                  std::optional<MatchMode> only, std::vector<RangeSet>* owned);

    // One map per match mode (indexed by MatchMode), so a lookup ends at
    // the winning entry without a second table.
    template <class Map> using ModeMaps = Map[2];
    template <class Key, class Map>
    void flatten(std::span<const std::uint32_t> order, ModeMaps<Map>& out);

    bool m_compiled[2] = {true, true}; // by MatchMode
    std::vector<TableEntry> m_entries;
    std::vector<std::vector<Provenance>> m_provenance; // by entry; empty with `only`
    std::vector<std::string> m_clouds, m_regions, m_services;
    std::vector<SourceInfo> m_sources;
    ModeMaps<Ipv4Map> m_v4;
    ModeMaps<IntervalMap<u128, 128>> m_v6;
};

} // namespace ociproxy
