#include "server/routing_state.h"

#include "core/ranges/published_time.h"

#include <filesystem>

namespace ociproxy::server {

RoutingSnapshot::RoutingSnapshot(LoadedRouting r)
    : routing(std::move(r)) {
    const auto& table = routing.router.table();
    for (std::uint32_t c = 0; c < table.clouds().size(); ++c)
        prefixes_per_cloud.emplace_back(table.cloud_name(c),
                                        table.count(c, Family::V4) + table.count(c, Family::V6));
    // The file name alone: a label that stays the same on every replica
    // whatever directory the files are mounted in.
    for (const auto& source : table.sources())
        if (const auto t = published_unix_seconds(source.published))
            published.emplace_back(std::filesystem::path(source.name).filename().string(), *t);
}

} // namespace ociproxy::server
