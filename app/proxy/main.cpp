// oci-proxy: the redirect server.

#include "resources/demo_data.h"
#include "server/descriptor_limit.h"
#include "server/proxy_server.h"

#include <cstdio>
#include <cstdlib>
#include <iostream>

int main(int argc, char** argv) {
    using namespace ociproxy;
    auto parsed =
        server::parse_command_line(argc, argv, [](const char* name) { return std::getenv(name); });
    if (!parsed) {
        std::cerr << "oci-proxy: " << parsed.error().what() << " (see --help)\n";
        return 2;
    }
    if (!parsed->config) {
        std::cout << parsed->help;
        return 0;
    }
    std::vector<RangeSet> demo_sets;
    if (parsed->config->demo) {
        auto demo = demo::range_sets();
        if (!demo) {
            std::cerr << "oci-proxy: " << demo.error().what() << "\n";
            return 3;
        }
        demo_sets = std::move(demo).value();
        std::cerr << "oci-proxy: --demo: routing with the built-in demo ranges\n";
    }
    server::raise_descriptor_limit();
    const auto log = [](const std::string& line) {
        std::fprintf(stderr, "oci-proxy: %s\n", line.c_str());
    };
    auto server = server::ProxyServer::create(std::move(*parsed->config), demo_sets, log);
    if (!server) {
        std::cerr << "oci-proxy: " << server.error().what() << "\n";
        return 3;
    }
    (*server)->handle_signals();
    log("listening on port " + std::to_string((*server)->port()) + ", admin on port " +
        std::to_string((*server)->admin_port()));
    (*server)->run();
    log("stopped");
    return 0;
}
