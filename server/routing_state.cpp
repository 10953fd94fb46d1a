#include "server/routing_state.h"

namespace ociproxy::server {

RoutingSnapshot::RoutingSnapshot(LoadedRouting r)
    : routing(std::move(r)) {
    const auto& table = routing.router.table();
    for (std::uint32_t c = 0; c < table.clouds().size(); ++c)
        prefixes_per_cloud.emplace_back(table.cloud_name(c),
                                        table.count(c, Family::V4) + table.count(c, Family::V6));
}

} // namespace ociproxy::server
