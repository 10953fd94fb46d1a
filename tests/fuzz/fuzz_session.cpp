// Fuzz target: raw bytes as one whole client connection, through the real
// server (ProxyServer on loopback, the real session code), against a bucket
// in the same process that answers found, missing, slow or garbage by the
// digest's first letter (f, m, s, g). Whatever the bytes, the server answers
// with well-formed responses only, never more answers than requests, and
// closes within its timeouts; under ASan/UBSan any memory error aborts.

#include "resources/demo_data.h"
#include "server/proxy_server.h"
#include "tests/server/test_bucket.h"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <cstdint>
#include <cstdlib>
#include <poll.h>
#include <string>
#include <string_view>
#include <thread>

using namespace ociproxy;
namespace asio = boost::asio;

namespace {

void check(bool ok, const char* what) {
    if (!ok) {
        std::fprintf(stderr, "fuzz_session: %s\n", what);
        std::abort();
    }
}

struct World {
    test::TestBucket bucket;
    std::unique_ptr<server::ProxyServer> proxy;
    std::thread thread;

    World() {
        bucket.set_rule([](const std::string& path) {
            const auto at = path.find("sha256:");
            const char kind = at == std::string::npos || at + 7 >= path.size() ? 'm' : path[at + 7];
            using B = test::TestBucket::Blob;
            switch (kind) {
            case 'f':
                return B{200, 1234, {}, false};
            case 's':
                return B{200, 99, std::chrono::milliseconds(120), false};
            case 'g':
                return B{200, 0, {}, true};
            default:
                return B{404, 0, {}, false};
            }
        });
        server::ServerConfig c;
        c.listen = {"127.0.0.1", 0};
        c.admin_listen = {"127.0.0.1", 0};
        c.demo = true;
        c.threads = 1;
        c.blob_timeout = std::chrono::milliseconds(80); // the slow bucket times out
        c.header_timeout = std::chrono::milliseconds(250);
        c.idle_timeout = std::chrono::milliseconds(250);
        c.routing.settings.default_aws_base = bucket.url();
        c.routing.settings.signature_upstream = "https://sig.example.com";
        auto demo = demo::range_sets();
        auto s = server::ProxyServer::create(std::move(c), *demo, [](const std::string&) {});
        check(s.ok(), "the proxy did not start");
        proxy = std::move(s).value();
        thread = std::thread([this] { proxy->run(); });
    }
};

World& world() {
    // Never destroyed: the process ends with it.
    static World* w = new World();
    return *w;
}

// Reads until the server closes, at most a few seconds.
std::string read_all(asio::ip::tcp::socket& s) {
    std::string out;
    char buf[4096];
    for (int rounds = 0; rounds < 400; ++rounds) {
        pollfd p{s.native_handle(), POLLIN, 0};
        if (::poll(&p, 1, 20) == 0) continue;
        boost::system::error_code ec;
        const std::size_t n = s.read_some(asio::buffer(buf), ec);
        out.append(buf, n);
        if (ec) return out;
    }
    check(false, "the server did not close the connection within its timeouts");
    return out;
}

bool allowed_location(std::string_view loc, const std::string& bucket) {
    const std::string in_bucket = bucket + "/containers/images/";
    for (std::string_view root :
         {std::string_view("https://us-central1-docker.pkg.dev/v2/"),
          std::string_view("https://sig.example.com/v2/"),
          std::string_view("https://github.com/kubernetes/registry.k8s.io"),
          std::string_view("https://www.linuxfoundation.org/privacy-policy/"),
          std::string_view(in_bucket), std::string_view("https://prod-registry-k8s-io-"),
          std::string_view("https://767373bbdcb8270361b96548387bf2a9ad0d48758c35-"),
          std::string_view("https://d1be1w964nk82h.cloudfront.net/")})
        if (loc.starts_with(root)) return true;
    return false;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    World& w = world();
    asio::io_context io;
    asio::ip::tcp::socket s(io);
    boost::system::error_code ec;
    s.connect({asio::ip::make_address("127.0.0.1"), w.proxy->port()}, ec);
    check(!ec, "cannot connect to the proxy");
    asio::write(s, asio::buffer(data, size), ec); // the server may close first: fine
    s.shutdown(asio::ip::tcp::socket::shutdown_send, ec);
    const std::string out = read_all(s);

    // Every answer is a complete, well-formed response of ours.
    const std::string_view in(reinterpret_cast<const char*>(data), size);
    std::size_t answers = 0, at = 0;
    bool closed = false;
    while (at < out.size()) {
        check(!closed, "bytes after a Connection: close answer");
        const auto end = out.find("\r\n\r\n", at);
        check(end != std::string::npos, "a truncated response");
        const std::string_view head = std::string_view(out).substr(at, end + 2 - at);
        check(head.starts_with("HTTP/1.1 "), "a response without a status line");
        const int status = std::atoi(std::string(head.substr(9, 3)).c_str());
        check(status == 200 || status == 307 || status == 400 || status == 404 || status == 405 ||
                  status == 413 || status == 431 || status == 503,
              "an unexpected status");
        check(head.find("Content-Length: 0\r\n") != std::string_view::npos, "a body");
        if (const auto l = head.find("Location: "); l != std::string_view::npos) {
            const auto eol = head.find("\r\n", l);
            check(allowed_location(head.substr(l + 10, eol - l - 10), w.bucket.url()),
                  "a redirect to a host not configured");
        }
        closed = head.find("Connection: close\r\n") != std::string_view::npos;
        ++answers;
        at = end + 4;
    }
    // Each request needs at least its blank line: no answer without one.
    std::size_t blank_lines = 0;
    for (std::size_t p = in.find("\n\r\n"); p != std::string_view::npos;
         p = in.find("\n\r\n", p + 1))
        ++blank_lines;
    for (std::size_t p = in.find("\n\n"); p != std::string_view::npos; p = in.find("\n\n", p + 1))
        ++blank_lines;
    check(answers <= blank_lines + 1, "more answers than requests: a desync");
    return 0;
}
