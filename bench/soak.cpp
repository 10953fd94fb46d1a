// bench_soak: hours of a bad day in minutes. Steady mixed traffic from many
// keep-alive connections through the real oci-proxy binary while its HTTPS
// bucket (on loopback, served here) flaps between healthy, 500, slow,
// refused and a TLS stall, and a SIGHUP arrives every 10 s alternating valid
// and broken range files. Every answer is checked against the core's
// decide() for the routing state in force. Reports the share answered, the
// answers that differ, p99, and the server's RSS and open descriptors
// sampled each second. Not a test: bench/soak.sh runs it.

#include "core/buckets/bucket_map.h"
#include "core/decide/decide.h"
#include "core/decide/router.h"
#include "core/ranges/range_loader.h"
#include "core/table/prefix_table.h"

#include <arpa/inet.h>
#include <array>
#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <dirent.h>
#include <fstream>
#include <mutex>
#include <netinet/in.h>
#include <poll.h>
#include <random>
#include <set>
#include <spawn.h>
#include <string>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace ociproxy;
using namespace std::chrono_literals;
namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;

namespace {

std::atomic<bool> g_done{false};

unsigned short free_port() {
    const int s = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a);
    socklen_t n = sizeof a;
    ::getsockname(s, reinterpret_cast<sockaddr*>(&a), &n);
    ::close(s);
    return ntohs(a.sin_port);
}

bool readable(int fd, int ms) {
    pollfd p{fd, POLLIN, 0};
    return ::poll(&p, 1, ms) > 0;
}

// ---- the flapping bucket -------------------------------------------------

enum class Mode { Healthy, Error500, Slow, Refused, TlsStall };
const char* mode_name(Mode m) {
    switch (m) {
    case Mode::Healthy:
        return "healthy";
    case Mode::Error500:
        return "500";
    case Mode::Slow:
        return "slow";
    case Mode::Refused:
        return "refused";
    case Mode::TlsStall:
        return "tls-stall";
    }
    return "?";
}

class FlappingBucket {
public:
    FlappingBucket(unsigned short port, const std::string& cert, const std::string& key)
        : m_port(port)
        , m_tls(asio::ssl::context::tls_server) {
        m_tls.use_certificate_chain_file(cert);
        m_tls.use_private_key_file(key, asio::ssl::context::pem);
        m_thread = std::thread([this] { accept_loop(); });
    }
    ~FlappingBucket() { m_thread.join(); }

    void set_mode(Mode m) {
        m_mode = m;
        // Connections the proxy pooled see the change at once.
        std::lock_guard lock(m_mutex);
        for (int fd : m_fds)
            ::shutdown(fd, SHUT_RDWR);
    }

private:
    void accept_loop() {
        int listener = -1;
        while (!g_done) {
            if (m_mode == Mode::Refused) {
                if (listener >= 0) ::close(listener);
                listener = -1;
                std::this_thread::sleep_for(20ms);
                continue;
            }
            if (listener < 0) listener = listen_now();
            if (listener < 0 || !readable(listener, 50)) continue;
            const int fd = ::accept4(listener, nullptr, nullptr, SOCK_CLOEXEC);
            if (fd < 0) continue;
            {
                std::lock_guard lock(m_mutex);
                m_fds.insert(fd);
            }
            std::thread([this, fd] { serve(fd); }).detach();
        }
        if (listener >= 0) ::close(listener);
    }

    int listen_now() {
        const int s = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        const int one = 1;
        ::setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        a.sin_port = htons(m_port);
        if (::bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 || ::listen(s, 512) != 0) {
            ::close(s);
            return -1;
        }
        return s;
    }

    void serve(int fd) {
        asio::io_context io;
        asio::ip::tcp::socket sock(io);
        sock.assign(asio::ip::tcp::v4(), fd);
        const auto forget = [&] {
            std::lock_guard lock(m_mutex);
            m_fds.erase(fd);
        };
        boost::system::error_code ec;
        if (m_mode == Mode::TlsStall) { // accept, then never a byte of TLS
            char sink[512];
            while (!ec && !g_done)
                sock.read_some(asio::buffer(sink), ec);
            forget();
            return;
        }
        asio::ssl::stream<asio::ip::tcp::socket&> tls(sock, m_tls);
        tls.handshake(asio::ssl::stream_base::server, ec);
        asio::streambuf buf;
        while (!ec && !g_done) {
            asio::read_until(tls, buf, "\r\n\r\n", ec);
            if (ec) break;
            std::string head(asio::buffers_begin(buf.data()), asio::buffers_end(buf.data()));
            buf.consume(head.find("\r\n\r\n") + 4);
            const Mode m = m_mode;
            if (m == Mode::Slow) std::this_thread::sleep_for(2500ms);
            if (m == Mode::Refused || m == Mode::TlsStall) break;
            const bool missing = head.find("sha256:m") != std::string::npos;
            const int status = m == Mode::Error500 ? 500 : missing ? 404 : 200;
            const std::string reply = "HTTP/1.1 " + std::to_string(status) +
                                      " X\r\nContent-Length: " + (status == 200 ? "1000" : "0") +
                                      "\r\n\r\n";
            asio::write(tls, asio::buffer(reply), ec);
        }
        forget();
        sock.close(ec);
    }

    unsigned short m_port;
    asio::ssl::context m_tls;
    std::atomic<Mode> m_mode{Mode::Healthy};
    std::mutex m_mutex;
    std::set<int> m_fds;
    std::thread m_thread;
};

// ---- the routing states ----------------------------------------------------

const char* kRangesA = "cidr,cloud,region\n35.180.0.0/16,aws,eu-west-3\n"
                       "52.95.0.0/16,aws,us-east-1\n34.80.0.0/15,gcp,asia-east1\n";
const char* kRangesB = "cidr,cloud,region\n35.180.0.0/16,aws,eu-west-3\n"
                       "52.95.0.0/16,aws,eu-west-3\n34.80.0.0/15,gcp,asia-east1\n";
const char* kBroken = "cidr,cloud,region\n35.180.0.0/33,aws,eu-west-3\n";

Router router_for(const char* ranges, const BucketMap& map) {
    auto set = parse_ranges(ranges, "soak.csv");
    return std::move(Router::create(PrefixTable::build(std::span(&*set, 1)), map, {})).value();
}

struct Request {
    std::string method, target, xff;
};

// Does `status`/`location` agree with decide() under `router`? A blob may
// be found (its bucket URL) or not (the upstream fallback); a missing blob
// never goes to the bucket.
bool agrees(const Router& router, const Request& r, int status, const std::string& location) {
    const Decision d =
        decide(HttpRequest{r.method, r.target, "127.0.0.1:1", r.xff}, router, DecideDetail::Brief);
    if (status != d.status) return false;
    if (!d.needs_blob_check) return location == d.location;
    if (location == d.location) return true;
    return location == d.blob_url && r.target.find("sha256:m") == std::string::npos;
}

// ---- latency ---------------------------------------------------------------

struct Histogram { // 10 µs buckets up to 10 s
    std::array<std::atomic<std::uint64_t>, 1000001> counts{};
    void add(Clock::duration d) {
        const auto us = std::chrono::duration_cast<std::chrono::microseconds>(d).count() / 10;
        counts[std::size_t(std::min<long long>(us, 1000000))].fetch_add(1);
    }
    double quantile_ms(double q) const {
        std::uint64_t total = 0;
        for (const auto& c : counts)
            total += c.load();
        std::uint64_t seen = 0;
        for (std::size_t i = 0; i < counts.size(); ++i) {
            seen += counts[i].load();
            if (total && double(seen) >= q * double(total)) return double(i) * 0.01;
        }
        return 0;
    }
};

long status_field(pid_t pid, const char* field) {
    std::ifstream f("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(f, line))
        if (line.rfind(field, 0) == 0) return std::stol(line.substr(std::strlen(field)));
    return -1;
}

long open_fds(pid_t pid) {
    long n = 0;
    if (DIR* d = ::opendir(("/proc/" + std::to_string(pid) + "/fd").c_str())) {
        while (const dirent* e = ::readdir(d))
            n += e->d_name[0] != '.';
        ::closedir(d);
    }
    return n;
}

} // namespace

int main(int argc, char** argv) {
    std::string proxy_bin, work = "/tmp/oci-soak";
    int seconds = 600, connections = 32, rate = 400;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string a = argv[i], v = argv[i + 1];
        if (a == "--proxy")
            proxy_bin = v;
        else if (a == "--seconds")
            seconds = std::stoi(v);
        else if (a == "--connections")
            connections = std::stoi(v);
        else if (a == "--rate")
            rate = std::stoi(v);
        else if (a == "--work")
            work = v;
    }
    if (proxy_bin.empty()) {
        std::fprintf(stderr, "usage: bench_soak --proxy BIN [--seconds N] [--connections N] "
                             "[--rate REQ_PER_S] [--work DIR]\n");
        return 2;
    }
    std::signal(SIGPIPE, SIG_IGN);
    const std::string mk =
        "mkdir -p " + work + " && cd " + work +
        " && printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\\n' > ext.cnf"
        " && openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1"
        " -nodes -keyout ca.key -out ca.pem -days 2 -subj /CN=soak-ca 2>/dev/null"
        " && openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes"
        " -keyout b.key -out b.csr -subj /CN=127.0.0.1 2>/dev/null"
        " && openssl x509 -req -in b.csr -CA ca.pem -CAkey ca.key"
        " -CAcreateserial -out b.pem -days 2 -extfile ext.cnf 2>/dev/null";
    if (std::system(mk.c_str()) != 0) return 3;

    const unsigned short bucket_port = free_port(), port = free_port(), admin = free_port();
    FlappingBucket bucket(bucket_port, work + "/b.pem", work + "/b.key");
    const std::string regional = "https://127.0.0.1:" + std::to_string(bucket_port);
    const std::string fallback = "https://localhost:" + std::to_string(bucket_port);
    const std::string map_text = R"({"default":")" + fallback +
                                 R"(","buckets":[{"name":"eu-west-3","url":")" + regional +
                                 R"(","regions":["eu-west-3"]}]})";
    {
        std::ofstream(work + "/buckets.json") << map_text;
        std::ofstream(work + "/ranges.csv") << kRangesA;
    }
    const auto map = BucketMap::load_file(work + "/buckets.json");
    if (!map) return 3;
    const Router routers[2] = {router_for(kRangesA, *map), router_for(kRangesB, *map)};

    const std::string listen = "127.0.0.1:" + std::to_string(port);
    const std::string admin_listen = "127.0.0.1:" + std::to_string(admin);
    const std::string ranges = work + "/ranges.csv", buckets = work + "/buckets.json",
                      ca = work + "/ca.pem", err = work + "/proxy.stderr";
    std::vector<std::string> args = {
        proxy_bin,    "--listen",          listen, "--admin-listen",
        admin_listen, "--ranges",          ranges, "--buckets",
        buckets,      "--ca-file",         ca,     "--threads",
        "2",          "--blob-timeout",    "1s",   "--bucket-failures",
        "3",          "--bucket-cooldown", "2s",   "--negative-ttl",
        "5s",         "--blob-cache-ttl",  "3s",   "--blob-cache-entries",
        "1000",       "--header-timeout",  "5s"};
    std::vector<char*> argvp;
    for (auto& a : args)
        argvp.push_back(a.data());
    argvp.push_back(nullptr);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    pid_t pid = 0;
    if (posix_spawn(&pid, proxy_bin.c_str(), &fa, nullptr, argvp.data(), environ) != 0) return 3;
    for (int i = 0; i < 200; ++i) { // wait for the port
        asio::io_context io;
        asio::ip::tcp::socket s(io);
        boost::system::error_code ec;
        s.connect({asio::ip::make_address("127.0.0.1"), port}, ec);
        if (!ec) break;
        std::this_thread::sleep_for(50ms);
    }

    // State in force: which valid file, and since when (answers within 2 s
    // of a switch may still come from the previous one).
    std::atomic<int> in_force{0}, previous{0};
    std::atomic<long long> switched_at_ms{-1000000};
    const auto t0 = Clock::now();
    const auto now_ms = [&] {
        return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t0).count();
    };

    std::atomic<std::uint64_t> sent{0}, answered{0}, differ{0};
    static Histogram latency;
    std::mutex sample_mutex;
    std::string first_differ;
    const auto end = t0 + std::chrono::seconds(seconds);
    const std::uint64_t max_requests = std::uint64_t(rate) * std::uint64_t(seconds) + 1000;
    const auto per_conn = std::chrono::microseconds(1000000LL * connections / std::max(rate, 1));

    std::vector<std::thread> clients;
    for (int c = 0; c < connections; ++c) {
        clients.emplace_back([&, c] {
            std::mt19937 rng(unsigned(c) * 7919u + 1);
            asio::io_context io;
            std::unique_ptr<asio::ip::tcp::socket> s;
            asio::streambuf buf;
            auto next = Clock::now();
            while (Clock::now() < end && sent.load() < max_requests) {
                next += per_conn;
                std::this_thread::sleep_until(next);
                const char* clients_xff[] = {"35.180.1.1, 34.120.0.1", "52.95.1.1, 34.120.0.1",
                                             "34.80.1.1, 34.120.0.1", "192.0.2.9, 34.120.0.1"};
                const auto pick = static_cast<unsigned>(rng() % 10);
                Request r{pick == 9 ? "HEAD" : "GET", "",
                          clients_xff[static_cast<unsigned>(rng() % 4)]};
                const auto digest = static_cast<unsigned>(rng() % 2000);
                if (pick < 5)
                    r.target = "/v2/pause/blobs/sha256:f" + std::to_string(digest);
                else if (pick < 7)
                    r.target = "/v2/pause/blobs/sha256:m" + std::to_string(digest);
                else if (pick == 7)
                    r.target = "/v2/pause/manifests/3.9";
                else if (pick == 8)
                    r.target = "/v2/";
                else
                    r.target = "/v2/pause/blobs/sha256:f" + std::to_string(digest);
                boost::system::error_code ec;
                if (!s) {
                    s = std::make_unique<asio::ip::tcp::socket>(io);
                    s->connect({asio::ip::make_address("127.0.0.1"), port}, ec);
                    buf.consume(buf.size());
                    if (ec) {
                        s.reset();
                        ++sent;
                        continue; // counted as unanswered
                    }
                }
                const std::string req = r.method + " " + r.target +
                                        " HTTP/1.1\r\nHost: soak\r\nX-Forwarded-For: " + r.xff +
                                        "\r\n\r\n";
                const auto t = Clock::now();
                ++sent;
                asio::write(*s, asio::buffer(req), ec);
                if (!ec && buf.size() == 0 && !readable(s->native_handle(), 10000))
                    ec = asio::error::timed_out;
                if (!ec) asio::read_until(*s, buf, "\r\n\r\n", ec);
                if (ec) {
                    s.reset();
                    continue;
                }
                std::string head(asio::buffers_begin(buf.data()), asio::buffers_end(buf.data()));
                head.resize(head.find("\r\n\r\n") + 4);
                buf.consume(head.size());
                latency.add(Clock::now() - t);
                ++answered;
                const int status = std::atoi(head.c_str() + 9);
                std::string location;
                if (const auto l = head.find("Location: "); l != std::string::npos)
                    location = head.substr(l + 10, head.find("\r\n", l) - l - 10);
                const int cur = in_force.load();
                bool ok = agrees(routers[cur], r, status, location);
                if (!ok && now_ms() - switched_at_ms.load() < 2000)
                    ok = agrees(routers[previous.load()], r, status, location);
                if (!ok) {
                    ++differ;
                    std::lock_guard lock(sample_mutex);
                    if (first_differ.empty())
                        first_differ = r.method + " " + r.target + " xff " + r.xff + " → " +
                                       std::to_string(status) + " " + location;
                }
                if (head.find("Connection: close") != std::string::npos) s.reset();
            }
        });
    }

    // Flaps, reloads and samples, once a second.
    const Mode cycle[] = {Mode::Healthy, Mode::Error500, Mode::Healthy, Mode::Slow,
                          Mode::Healthy, Mode::Refused,  Mode::Healthy, Mode::TlsStall};
    std::vector<std::pair<long, long>> samples; // RSS kB, fds
    int reloads = 0, mode_index = 0;
    std::string modes_seen;
    for (int sec = 1; Clock::now() < end; ++sec) {
        std::this_thread::sleep_until(t0 + std::chrono::seconds(sec));
        samples.emplace_back(status_field(pid, "VmRSS:"), open_fds(pid));
        if (sec % 7 == 0) {
            mode_index = (mode_index + 1) % 8;
            bucket.set_mode(cycle[mode_index]);
            if (modes_seen.size() < 200)
                modes_seen += std::string(mode_name(cycle[mode_index])) + " ";
        }
        if (sec % 10 == 0) {
            ++reloads;
            const bool valid = reloads % 2 == 0; // broken, A/B, broken, B/A ...
            const int target = (reloads / 2) % 2;
            std::ofstream(ranges, std::ios::trunc)
                << (valid ? (target ? kRangesB : kRangesA) : kBroken);
            ::kill(pid, SIGHUP);
            if (valid && target != in_force.load()) {
                previous = in_force.load();
                in_force = target;
                switched_at_ms = now_ms();
            }
        }
    }
    g_done = true;
    for (auto& t : clients)
        t.join();
    ::kill(pid, SIGTERM);
    int wstatus = 0;
    ::waitpid(pid, &wstatus, 0);

    // Bounded resources: the minute after warm-up against the last minute
    // (for short runs, the second and the last fifth).
    const std::size_t n = samples.size();
    const std::size_t window = std::max<std::size_t>(1, std::min<std::size_t>(60, n / 5));
    const std::size_t warm = std::min<std::size_t>(n / 5, 30);
    long rss_first = 0, rss_last = 0, fd_first = 0, fd_last = 0;
    for (std::size_t i = warm; i < std::min(n, warm + window); ++i) {
        rss_first = std::max(rss_first, samples[i].first);
        fd_first = std::max(fd_first, samples[i].second);
    }
    for (std::size_t i = n - std::min(n, window); i < n; ++i) {
        rss_last = std::max(rss_last, samples[i].first);
        fd_last = std::max(fd_last, samples[i].second);
    }
    const double share = sent ? 100.0 * double(answered.load()) / double(sent.load()) : 0;
    const double rss_ratio = rss_first ? double(rss_last) / double(rss_first) : 0;
    const double fd_ratio = fd_first ? double(fd_last) / double(fd_first) : 0;
    std::printf(
        "soak: %d s, %d connections, %d req/s asked, %d reloads (half broken), bucket modes "
        "cycled every 7 s\n",
        seconds, connections, rate, reloads);
    std::printf("requests sent      %llu\n", static_cast<unsigned long long>(sent.load()));
    std::printf("answered           %.4f %%\n", share);
    std::printf("differ from decide %llu%s%s\n", static_cast<unsigned long long>(differ.load()),
                first_differ.empty() ? "" : "  first: ", first_differ.c_str());
    std::printf("latency p50 / p99  %.2f / %.2f ms\n", latency.quantile_ms(0.5),
                latency.quantile_ms(0.99));
    std::printf("RSS (max, kB)      first window %ld, last window %ld (%.2fx)\n", rss_first,
                rss_last, rss_ratio);
    std::printf("open fds (max)     first window %ld, last window %ld (%.2fx)\n", fd_first, fd_last,
                fd_ratio);
    std::printf("proxy exit         %s %d\n", WIFEXITED(wstatus) ? "status" : "signal",
                WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : WTERMSIG(wstatus));
    const bool pass = share == 100.0 && differ == 0 && rss_ratio <= 1.2 && fd_ratio <= 1.2 &&
                      WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 0;
    std::printf("verdict            %s\n", pass ? "PASS" : "FAIL");
    std::fflush(stdout);
    std::_Exit(pass ? 0 : 1); // bucket threads may still hold connections
}
