#pragma once

// The baseline the benchmarks compare against: a one-bit-per-level binary
// trie answering with the first (shortest) prefix met while walking down,
// the structure archeio's lookup uses. Written here only to measure against.

#include "core/table/prefix_table.h"

#include <cstdint>
#include <vector>

namespace ociproxy::bench {

class BaselineTrie {
public:
    explicit BaselineTrie(const PrefixTable& table) {
        m_nodes.reserve(1 << 20);
        m_nodes.push_back({});
        m_nodes.push_back({}); // roots: [0] IPv4, [1] IPv6
        for (std::uint32_t i = 0; i < table.size(); ++i)
            insert(table.entry(i).prefix, i);
    }

    std::uint32_t lookup(const IpAddress& a) const {
        const IpAddress x = a.unmapped();
        const int bits = x.is_v4() ? 32 : 128;
        std::uint32_t n = x.is_v4() ? 0 : 1;
        for (int depth = 0;; ++depth) {
            const Node& node = m_nodes[n];
            if (node.value != kNoEntry) return node.value;
            if (depth == bits) return kNoEntry;
            const int bit = int((x.bits() >> (bits - 1 - depth)) & 1);
            n = node.child[bit];
            if (n == 0) return kNoEntry;
        }
    }

private:
    struct Node {
        std::uint32_t child[2] = {0, 0}; // 0 = none (node 0 is a root, never a child)
        std::uint32_t value = kNoEntry;
    };

    void insert(const IpPrefix& p, std::uint32_t value) {
        const int bits = address_bits(p.family());
        std::uint32_t n = p.family() == Family::V4 ? 0 : 1;
        for (int depth = 0; depth < p.length(); ++depth) {
            const int bit = int((p.first() >> (bits - 1 - depth)) & 1);
            if (m_nodes[n].child[bit] == 0) {
                m_nodes[n].child[bit] = std::uint32_t(m_nodes.size());
                m_nodes.push_back({});
            }
            n = m_nodes[n].child[bit];
        }
        if (m_nodes[n].value == kNoEntry) m_nodes[n].value = value;
    }

    std::vector<Node> m_nodes;
};

} // namespace ociproxy::bench
