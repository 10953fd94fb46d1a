#include "core/simulate/movement.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace ociproxy {

std::vector<ChangedDestination> changed_destinations(const CompareResult& c, std::size_t limit) {
    std::map<std::string, ChangedDestination> cost;
    std::set<std::string> touched; // destinations that gain or lose requests
    for (const auto& m : c.moves) {
        cost[m.from].usd_a += m.usd_a;
        cost[m.to].usd_b += m.usd_b;
        if (has_moved(m)) touched.insert({m.from, m.to});
    }
    std::vector<ChangedDestination> out;
    for (auto& [name, d] : cost)
        if (touched.count(name)) {
            d.name = name;
            out.push_back(d);
        }
    std::stable_sort(out.begin(), out.end(), [](const auto& x, const auto& y) {
        return std::abs(x.usd_b - x.usd_a) > std::abs(y.usd_b - y.usd_a);
    });
    if (out.size() > limit) out.resize(limit);
    return out;
}

} // namespace ociproxy
