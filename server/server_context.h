#pragma once

#include "server/access_log.h"
#include "server/blob_checker.h"
#include "server/bucket_hosts.h"
#include "server/dns_cache.h"
#include "server/head_client.h"
#include "server/metrics_registry.h"
#include "server/routing_state.h"
#include "server/server_config.h"
#include "server/tls_context.h"

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <functional>
#include <memory>

namespace ociproxy::server {

// What all I/O threads share.
struct SharedContext {
    ServerConfig config;
    RoutingState routing;
    MetricsRegistry metrics;
    DnsCache dns;
    BucketHosts hosts;
    BlobChecker blobs;
    std::unique_ptr<AccessLog> access_log;
    TlsContext tls;
    std::atomic<std::size_t> connections{0};
    std::atomic<bool> stopping{false};

    SharedContext(ServerConfig c, std::shared_ptr<const RoutingSnapshot> initial,
                  std::function<void(const std::string&)> log)
        : config(std::move(c))
        , routing(std::move(initial))
        , metrics(config.threads)
        , hosts(config.blob_check_concurrency, config.bucket_failures, config.bucket_cooldown,
                std::move(log))
        , blobs(BlobCheckerLimits{config.blob_cache_entries, config.negative_ttl,
                                  config.blob_cache_ttl},
                hosts)
        , tls(config.ca_file) {}
};

// What one I/O thread owns.
struct ThreadContext {
    unsigned index;
    boost::asio::io_context io{1};
    HeadClient head;
    SnapshotCache snapshot;

    ThreadContext(unsigned i, SharedContext& shared)
        : index(i)
        , head(io.get_executor(), shared.tls, shared.dns, shared.hosts)
        , snapshot(shared.routing) {}
};

} // namespace ociproxy::server
