#pragma once

#include "app/common/cli_args.h"
#include "app/route/routing_options.h"

#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <system_error>
#include <vector>

namespace ociproxy::cli {

// Parses a subcommand's arguments with the routing options added, handles
// --help, and reports usage errors. Returns the exit code to stop with, or
// nullopt to go on.
std::optional<int> parse_command(int argc, char** argv, int first, std::vector<OptionSpec> specs,
                                 const char* usage, Args& args);

// The whole of `s` as a number (integers or, for a floating T, decimals);
// false for anything else, a sign where T has none included.
template <class T> bool parse_number(const std::string& s, T& out) {
    const auto r = std::from_chars(s.data(), s.data() + s.size(), out);
    return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

// The line under a simulation's or comparison's totals that says what bytes
// a blob GET without a size was taken to move.
std::string bytes_assumption(std::uint64_t default_blob_bytes);

// One-line reason on stderr, as every failure reports.
int fail(int code, const std::string& message);

// Opens FILE for reading ("-" = stdin); -1 after reporting on failure.
int open_input(const std::string& path);

} // namespace ociproxy::cli
