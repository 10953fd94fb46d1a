#pragma once

// A peer that accepts TCP connections and then never says a word: what a
// bucket looks like when its TLS terminator or its HTTP server hangs.

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace ociproxy::test {

class StallServer {
public:
    StallServer()
        : m_acceptor(m_io, {boost::asio::ip::make_address("127.0.0.1"), 0}) {
        accept();
        m_thread = std::thread([this] { m_io.run(); });
    }
    ~StallServer() {
        m_io.stop();
        m_thread.join();
    }
    unsigned short port() const { return m_acceptor.local_endpoint().port(); }
    int accepted() const { return m_accepted.load(); }

private:
    void accept() {
        auto s = std::make_shared<boost::asio::ip::tcp::socket>(m_io);
        m_acceptor.async_accept(*s, [this, s](const boost::system::error_code& ec) {
            if (ec) return;
            ++m_accepted;
            m_held.push_back(s); // held open, never read, never answered
            accept();
        });
    }

    boost::asio::io_context m_io;
    boost::asio::ip::tcp::acceptor m_acceptor;
    std::vector<std::shared_ptr<boost::asio::ip::tcp::socket>> m_held;
    std::atomic<int> m_accepted{0};
    std::thread m_thread;
};

} // namespace ociproxy::test
