#pragma once

#include "app/common/cli_args.h"
#include "app/route/routing_options.h"

#include <optional>
#include <string>
#include <vector>

namespace ociproxy::cli {

// Parses a subcommand's arguments with the routing options added, handles
// --help, and reports usage errors. Returns the exit code to stop with, or
// nullopt to go on.
std::optional<int> parse_command(int argc, char** argv, int first, std::vector<OptionSpec> specs,
                                 const char* usage, Args& args);

// One-line reason on stderr, as every failure reports.
int fail(int code, const std::string& message);

// Opens FILE for reading ("-" = stdin); -1 after reporting on failure.
int open_input(const std::string& path);

} // namespace ociproxy::cli
