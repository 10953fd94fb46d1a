#pragma once

// A small bucket server for the blob-check tests: answers HEAD and GET for
// /containers/images/<digest> from a table the test sets, counts the HEADs,
// can be slow on purpose, and can speak TLS with a certificate the test made.

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace ociproxy::test {

class TestBucket {
public:
    struct Blob {
        int status = 200;
        std::size_t size = 0;
        std::chrono::milliseconds delay{0};
        bool garbage = false; // answers bytes that are not HTTP, then closes
    };

    // cert/key: PEM files to serve HTTPS; empty for plain HTTP.
    explicit TestBucket(const std::string& cert = {}, const std::string& key = {})
        : m_acceptor(m_io, {boost::asio::ip::make_address("127.0.0.1"), 0}) {
        if (!cert.empty()) {
            m_tls =
                std::make_unique<boost::asio::ssl::context>(boost::asio::ssl::context::tls_server);
            m_tls->use_certificate_chain_file(cert);
            m_tls->use_private_key_file(key, boost::asio::ssl::context::pem);
        }
        m_thread = std::thread([this] { accept_loop(); });
    }

    ~TestBucket() {
        m_stop = true;
        boost::system::error_code ec;
        // Wake the blocking accept with one last connection.
        boost::asio::io_context io;
        boost::asio::ip::tcp::socket poke(io);
        poke.connect(m_acceptor.local_endpoint(), ec);
        m_thread.join();
        std::lock_guard lock(m_mutex);
        for (auto& t : m_workers)
            t.join();
    }

    unsigned short port() const { return m_acceptor.local_endpoint().port(); }
    std::string url() const {
        return std::string(m_tls ? "https" : "http") + "://127.0.0.1:" + std::to_string(port());
    }

    void set(const std::string& digest, Blob b) {
        std::lock_guard lock(m_mutex);
        m_blobs["/containers/images/" + digest] = b;
    }
    // Answers by path, for paths not set explicitly (wins over set_default).
    void set_rule(std::function<Blob(const std::string& path)> rule) {
        std::lock_guard lock(m_mutex);
        m_rule = std::move(rule);
    }
    // What paths not set explicitly answer (default: 404).
    void set_default(Blob b) {
        std::lock_guard lock(m_mutex);
        m_default = b;
    }
    int heads(const std::string& digest) {
        std::lock_guard lock(m_mutex);
        return m_heads["/containers/images/" + digest];
    }
    int total_heads() {
        std::lock_guard lock(m_mutex);
        int n = 0;
        for (const auto& [k, v] : m_heads)
            n += v;
        return n;
    }
    int connections() const { return m_connections.load(); }
    // The most requests it was ever answering at once.
    int max_concurrent() const { return m_max_active.load(); }

private:
    template <class Stream> void serve(Stream& stream) {
        boost::asio::streambuf buf;
        while (!m_stop) {
            boost::system::error_code ec;
            boost::asio::read_until(stream, buf, "\r\n\r\n", ec);
            if (ec) return;
            std::istream in(&buf);
            std::string method, path, version, line;
            in >> method >> path >> version;
            std::getline(in, line);
            while (std::getline(in, line) && line != "\r") {
            }
            Blob b;
            const int now_active = ++m_active;
            for (int seen = m_max_active.load();
                 now_active > seen && !m_max_active.compare_exchange_weak(seen, now_active);) {
            }
            {
                std::lock_guard lock(m_mutex);
                if (method == "HEAD") ++m_heads[path];
                auto it = m_blobs.find(path);
                b = it != m_blobs.end() ? it->second : m_rule ? m_rule(path) : m_default;
            }
            if (b.delay.count()) std::this_thread::sleep_for(b.delay);
            // Done before the answer leaves: once the proxy can read it, it
            // may send its next HEAD, which must not count as concurrent.
            --m_active;
            if (b.garbage) {
                static constexpr char junk[] = "\x16\x03\x01\xff\xfeNOT HTTP AT ALL\r\n\r\n";
                boost::asio::write(stream, boost::asio::buffer(junk, sizeof junk - 1), ec);
                return;
            }
            const std::string reply =
                "HTTP/1.1 " + std::to_string(b.status) +
                " X\r\nContent-Length: " + std::to_string(b.status == 200 ? b.size : 0) +
                "\r\n\r\n";
            boost::asio::write(stream, boost::asio::buffer(reply), ec);
            if (ec) return;
        }
    }

    void accept_loop() {
        while (!m_stop) {
            auto socket = std::make_shared<boost::asio::ip::tcp::socket>(m_io);
            boost::system::error_code ec;
            m_acceptor.accept(*socket, ec);
            if (ec || m_stop) break;
            ++m_connections;
            std::lock_guard lock(m_mutex);
            m_workers.emplace_back([this, socket] {
                if (m_tls) {
                    boost::asio::ssl::stream<boost::asio::ip::tcp::socket&> tls(*socket, *m_tls);
                    boost::system::error_code hec;
                    tls.handshake(boost::asio::ssl::stream_base::server, hec);
                    if (!hec) serve(tls);
                } else {
                    serve(*socket);
                }
            });
        }
    }

    boost::asio::io_context m_io;
    boost::asio::ip::tcp::acceptor m_acceptor;
    std::unique_ptr<boost::asio::ssl::context> m_tls;
    std::thread m_thread;
    std::vector<std::thread> m_workers;
    std::mutex m_mutex;
    std::map<std::string, Blob> m_blobs;
    Blob m_default{404, 0, {}};
    std::function<Blob(const std::string&)> m_rule;
    std::map<std::string, int> m_heads;
    std::atomic<bool> m_stop{false};
    std::atomic<int> m_connections{0};
    std::atomic<int> m_active{0}, m_max_active{0};
};

} // namespace ociproxy::test
