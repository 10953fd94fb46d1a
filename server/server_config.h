#pragma once

#include "core/decide/router_loader.h"
#include "server/listen_address.h"

#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>

namespace ociproxy::server {

enum class ClientIpLogging { Full, Truncated, None };

struct ServerConfig {
    ListenAddress listen{{}, 8080};
    ListenAddress admin_listen{"127.0.0.1", 9102};
    RoutingSources routing;
    bool demo = false;
    unsigned threads = 1;
    std::chrono::milliseconds blob_timeout{5000};
    std::chrono::milliseconds negative_ttl{60000};
    std::chrono::milliseconds header_timeout{10000};
    std::chrono::milliseconds idle_timeout{60000};
    std::size_t blob_cache_entries = 100000;
    std::size_t max_connections = 10000;
    std::string ca_file;
    std::string access_log = "off"; // FILE, "-" (stdout) or "off"
    ClientIpLogging log_client_ip = ClientIpLogging::Truncated;
};

struct ParsedCommandLine {
    std::optional<ServerConfig> config; // empty when --help was asked
    std::string help;
};

// Flags override the archeio environment variables (PORT,
// UPSTREAM_REGISTRY_ENDPOINT, UPSTREAM_REGISTRY_PATH,
// SIGNATURE_UPSTREAM_ENDPOINT, DEFAULT_AWS_BASE_URL), which override the
// defaults; an empty variable counts as unset. Errors name the option.
using Environment = std::function<const char*(const char*)>;
Result<ParsedCommandLine> parse_command_line(int argc, char** argv, const Environment& env);

const char* usage_text();

} // namespace ociproxy::server
