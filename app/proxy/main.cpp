// oci-proxy: the redirect server.

#include "app/proxy/proxy_options.h"
#include "resources/demo_data.h"
#include "server/descriptor_limit.h"
#include "server/proxy_server.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <iostream>

int main(int argc, char** argv) {
    using namespace ociproxy;
    // A closed access-log pipe must not kill the server: writes report EPIPE
    // instead, and the log says so once.
    std::signal(SIGPIPE, SIG_IGN);
    // Signals are caught before anything is loaded: a SIGHUP from a
    // deployment tool during start-up is not fatal, and a SIGTERM then ends
    // the start-up cleanly. They are read once the server can act on them.
    boost::asio::io_context early_io;
    boost::asio::signal_set early(early_io, SIGHUP, SIGTERM, SIGINT);
    int early_stop = 0;
    early.async_wait([&](const boost::system::error_code& ec, int sig) {
        if (!ec) early_stop = sig;
    });
    const auto stop_requested = [&] {
        early_io.poll();
        if (early_stop == SIGHUP) { // nothing to reload yet: listen again
            early_stop = 0;
            early_io.restart();
            early.async_wait([&](const boost::system::error_code& ec, int sig) {
                if (!ec) early_stop = sig;
            });
            early_io.poll();
        }
        return early_stop != 0;
    };

    auto parsed =
        proxy::parse_command_line(argc, argv, [](const char* name) { return std::getenv(name); });
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
    if (stop_requested()) {
        log("signal " + std::to_string(early_stop) + " during start-up: stopped before serving");
        return 0;
    }
    // The server's own handlers are in place before the early ones go, so
    // no signal finds the default action in between.
    (*server)->handle_signals();
    if (stop_requested()) {
        log("signal " + std::to_string(early_stop) + " during start-up: stopped before serving");
        return 0;
    }
    early.cancel();
    log("listening on port " + std::to_string((*server)->port()) + ", admin on port " +
        std::to_string((*server)->admin_port()));
    (*server)->run();
    log("stopped");
    return 0;
}
