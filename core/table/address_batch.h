#pragma once

#include "core/net/address_scan.h"
#include "core/net/ip_address.h"
#include "core/table/lookup_batch_size.h"

#include <cstddef>
#include <cstdint>

namespace ociproxy {

// Up to kSize addresses for one PrefixTable::lookup_batch(), kept apart by
// family as they are added: the table walks IPv4 and IPv6 keys in separate
// maps, and a pass to split whole IpAddress values (32 bytes each) was a
// fifth of the streaming readers' lookup cost. IPv4-mapped IPv6 addresses are
// looked up as IPv4, as PrefixTable::lookup does, and come back from
// address() as they were added.
class AddressBatch {
public:
    // As many as the table walks together.
    static constexpr std::size_t kSize = kLookupBatch;

    std::size_t size() const { return m_count; }
    bool full() const { return m_count == kSize; }
    void clear() { m_count = m_v4 = m_v6 = 0; }

    // Branch-free: the families come in random order in real traffic.
    void add(const IpAddress& a) {
        const bool mapped = a.is_v4_mapped();
        const bool four = a.is_v4() || mapped;
        m_keys4[m_v4] = a.v4_bits();
        m_keys6[m_v6] = a.bits();
        m_slot[m_count] = std::uint16_t(four ? m_v4 : kSize + m_v6);
        m_mapped[m_count] = mapped;
        m_v4 += four;
        m_v6 += !four;
        ++m_count;
    }

    // Parses `text` and adds the address; false, and nothing added, for text
    // IpAddress::parse refuses. The two forms address_scan.h reads go from
    // the scan straight to their family's keys, without an IpAddress to
    // store and read back and to test the family of.
    bool add_parsed(std::string_view text) {
        u128 bits;
        switch (scan_address(text, bits)) {
        case ScannedForm::V4:
            add_v4(std::uint32_t(bits), false);
            return true;
        case ScannedForm::V6:
            if ((bits >> 32) == 0xffff) // IPv4-mapped
                add_v4(std::uint32_t(bits), true);
            else
                add_v6(bits);
            return true;
        case ScannedForm::None:
            break;
        }
        IpAddress a;
        if (!IpAddress::try_parse_unscanned(text, a)) return false;
        add(a);
        return true;
    }

    // After PrefixTable::lookup_batch(): the i-th added address's entry.
    std::uint32_t entry(std::size_t i) const { return m_found[m_slot[i]]; }

    // After PrefixTable::lookup_batch(): `f(entry, k)` for every address's
    // entry, the IPv4 ones first, each family in the order added; k counts
    // the calls from 0. For work that does not depend on the order: the
    // entries are read where the table wrote them, with no index per address.
    template <class F> void for_each_entry_by_family(F&& f) const {
        // The counts in locals: `f` storing any 64-bit value could change
        // them, for all the compiler knows, so each step reloaded them.
        const std::size_t v4 = m_v4, v6 = m_v6;
        for (std::size_t j = 0; j < v4; ++j)
            f(m_found[j], j);
        for (std::size_t j = 0; j < v6; ++j)
            f(m_found[kSize + j], v4 + j);
    }

    IpAddress address(std::size_t i) const {
        const std::size_t s = m_slot[i];
        if (s >= kSize) return IpAddress::v6(m_keys6[s - kSize]);
        if (m_mapped[i]) return IpAddress::v6((u128(0xffff) << 32) | m_keys4[s]);
        return IpAddress::v4(m_keys4[s]);
    }

private:
    friend class PrefixTable;
    void add_v4(std::uint32_t key, bool mapped) {
        m_keys4[m_v4] = key;
        m_slot[m_count] = std::uint16_t(m_v4);
        m_mapped[m_count] = mapped;
        ++m_v4;
        ++m_count;
    }
    void add_v6(u128 key) {
        m_keys6[m_v6] = key;
        m_slot[m_count] = std::uint16_t(kSize + m_v6);
        m_mapped[m_count] = false;
        ++m_v6;
        ++m_count;
    }

    std::uint32_t m_keys4[kSize];
    u128 m_keys6[kSize];
    std::uint32_t m_found[2 * kSize]; // IPv4 answers, then IPv6
    std::uint16_t m_slot[kSize];      // by position: index into m_found
    bool m_mapped[kSize];
    std::size_t m_count = 0, m_v4 = 0, m_v6 = 0;
};

} // namespace ociproxy
