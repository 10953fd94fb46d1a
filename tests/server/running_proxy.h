#pragma once

// The real ProxyServer, in-process on ephemeral loopback ports, run on its
// own thread for the length of a test.

#include "app/proxy/proxy_options.h"
#include "resources/demo_data.h"
#include "server/descriptor_limit.h"
#include "server/proxy_server.h"

#include <QtGlobal>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace ociproxy::test {

using server::raise_descriptor_limit;

class RunningProxy {
public:
    // `args` as on the command line (without the program name); the listen
    // ports default to ephemeral loopback ones and the ranges to --demo.
    explicit RunningProxy(std::vector<std::string> args) {
        std::vector<std::string> all = {"oci-proxy", "--listen", "127.0.0.1:0", "--admin-listen",
                                        "127.0.0.1:0"};
        bool has_ranges = false;
        for (const auto& a : args)
            has_ranges |= a == "--ranges" || a == "--demo";
        if (!has_ranges) all.push_back("--demo");
        all.insert(all.end(), args.begin(), args.end());
        std::vector<char*> argv;
        for (auto& a : all)
            argv.push_back(a.data());
        auto parsed = proxy::parse_command_line(int(argv.size()), argv.data(),
                                                [](const char*) { return nullptr; });
        if (!parsed || !parsed->config)
            qFatal("bad proxy arguments: %s", parsed ? "help" : parsed.error().what().c_str());
        auto demo = demo::range_sets();
        auto s = server::ProxyServer::create(std::move(*parsed->config), *demo,
                                             [this](const std::string& line) {
                                                 std::lock_guard lock(m_log_mutex);
                                                 m_log.push_back(line);
                                             });
        if (!s) qFatal("proxy did not start: %s", s.error().what().c_str());
        m_server = std::move(s).value();
        m_thread = std::thread([this] { m_server->run(); });
    }
    ~RunningProxy() {
        m_server->stop();
        m_thread.join();
    }
    server::ProxyServer& server() { return *m_server; }
    unsigned short port() const { return m_server->port(); }
    unsigned short admin_port() const { return m_server->admin_port(); }

    // What the server logged so far (written from its threads).
    std::vector<std::string> log_lines() {
        std::lock_guard lock(m_log_mutex);
        return m_log;
    }

private:
    std::mutex m_log_mutex;
    std::vector<std::string> m_log;
    std::unique_ptr<server::ProxyServer> m_server;
    std::thread m_thread;
};

} // namespace ociproxy::test
