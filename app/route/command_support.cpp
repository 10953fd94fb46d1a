#include "app/route/command_support.h"

#include "core/report/report_text.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <iostream>
#include <unistd.h>

namespace ociproxy::cli {

std::string bytes_assumption(std::uint64_t default_blob_bytes) {
    return "assuming " + human_bytes(double(default_blob_bytes)) +
           " per blob GET whose row gives no size (--default-bytes, or the workspace's "
           "simulation.default_blob_bytes); a HEAD moves none\n";
}

int fail(int code, const std::string& message) {
    std::cerr << "oci-route: " << message << "\n";
    return code;
}

std::optional<int> parse_command(int argc, char** argv, int first, std::vector<OptionSpec> specs,
                                 const char* usage, Args& args) {
    const auto& common = routing_option_specs();
    specs.insert(specs.end(), common.begin(), common.end());
    if (auto err = Args::parse(argc, argv, first, specs, args)) {
        return fail(kExitUsage, *err + " (see --help)");
    }
    if (args.has("help")) {
        std::cout << usage << "\n" << routing_options_help();
        return kExitOk;
    }
    if (auto err = check_routing_usage(args)) return fail(kExitUsage, *err);
    return std::nullopt;
}

int open_input(const std::string& path) {
    if (path == "-") return STDIN_FILENO;
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) fail(kExitInput, path + ": " + std::strerror(errno));
    return fd;
}

} // namespace ociproxy::cli
