#pragma once

#include "core/decide/router_loader.h"
#include "server/listen_address.h"

#include <chrono>
#include <cstddef>
#include <string>

namespace ociproxy::server {

enum class ClientIpLogging { Full, Truncated, None };

// Everything the server runs with. Filled by app/proxy from the command line
// and the environment; the server library never parses either.
struct ServerConfig {
    ListenAddress listen{{}, 8080};
    ListenAddress admin_listen{"127.0.0.1", 9102};
    RoutingSources routing;
    bool demo = false;
    unsigned threads = 1;
    // One deadline per blob check: DNS, connect, TLS, request, response and
    // any retry all fit inside it.
    std::chrono::milliseconds blob_timeout{5000};
    std::chrono::milliseconds negative_ttl{60000};
    std::chrono::milliseconds blob_cache_ttl{24 * 3600 * 1000};
    std::chrono::milliseconds header_timeout{10000};
    std::chrono::milliseconds idle_timeout{60000};
    std::size_t blob_cache_entries = 100000;
    std::size_t max_connections = 10000;
    // Outbound HEADs in flight per bucket host, across all threads.
    std::size_t blob_check_concurrency = 32;
    // A bucket host is skipped after this many consecutive errors or
    // timeouts, for bucket_cooldown, and probed in the background.
    std::size_t bucket_failures = 3;
    std::chrono::milliseconds bucket_cooldown{30000};
    std::string ca_file;
    std::string access_log = "off"; // FILE, "-" (stdout) or "off"
    ClientIpLogging log_client_ip = ClientIpLogging::Truncated;
};

} // namespace ociproxy::server
