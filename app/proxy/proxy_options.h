#pragma once

#include "core/result.h"
#include "server/server_config.h"

#include <functional>
#include <optional>
#include <string>

namespace ociproxy::proxy {

struct ParsedCommandLine {
    std::optional<server::ServerConfig> config; // empty when --help was asked
    std::string help;
};

// Reads a variable: nullptr when unset. A variable that is set but empty is
// used as is, as archeio does (UPSTREAM_REGISTRY_PATH= means no path).
using Environment = std::function<const char*(const char*)>;

// Defaults, then the archeio environment variables, then flags; errors name
// the flag or the variable. Every flag, its variable, default and help text
// come from one table (proxy_options.cpp), and --help is generated from it.
Result<ParsedCommandLine> parse_command_line(int argc, char** argv, const Environment& env);

std::string usage_text();

} // namespace ociproxy::proxy
