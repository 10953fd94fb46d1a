#pragma once

// A deliberately plain HTTP/1.1 client for the server tests: raw request
// bytes in, status and headers out, over a real loopback socket.

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>
#include <cctype>
#include <chrono>
#include <map>
#include <optional>
#include <poll.h>
#include <string>

namespace ociproxy::test {

struct HttpReply {
    int status = 0;                             // 0: the connection closed without an answer
    std::map<std::string, std::string> headers; // lower-case names
    std::string body;
    std::string header(const std::string& name) const {
        auto it = headers.find(name);
        return it == headers.end() ? std::string() : it->second;
    }
};

class HttpProbe {
public:
    explicit HttpProbe(unsigned short port)
        : m_socket(m_io) {
        m_socket.connect({boost::asio::ip::make_address("127.0.0.1"), port});
    }

    void send_raw(const std::string& bytes) {
        boost::asio::write(m_socket, boost::asio::buffer(bytes));
    }

    // Reads one response head (responses here never have bodies).
    HttpReply read_reply() {
        HttpReply r;
        boost::system::error_code ec;
        boost::asio::read_until(m_socket, m_buf, "\r\n\r\n", ec);
        if (ec) return r;
        std::istream in(&m_buf);
        std::string line;
        std::getline(in, line);
        if (line.size() >= 12) r.status = std::stoi(line.substr(9, 3));
        while (std::getline(in, line) && line != "\r") {
            const auto colon = line.find(':');
            if (colon == std::string::npos) continue;
            std::string name = line.substr(0, colon);
            for (auto& c : name)
                c = char(std::tolower(static_cast<unsigned char>(c)));
            std::string value = line.substr(colon + 1);
            while (!value.empty() && (value.front() == ' '))
                value.erase(0, 1);
            if (!value.empty() && value.back() == '\r') value.pop_back();
            r.headers[name] = value;
        }
        if (const auto len = r.header("content-length"); !len.empty() && std::stoul(len) > 0) {
            const std::size_t want = std::stoul(len);
            if (m_buf.size() < want)
                boost::asio::read(m_socket, m_buf,
                                  boost::asio::transfer_exactly(want - m_buf.size()), ec);
            r.body.resize(std::min(want, m_buf.size()));
            in.read(r.body.data(), std::streamsize(r.body.size()));
        }
        return r;
    }

    HttpReply request(const std::string& method, const std::string& target,
                      const std::string& xff = {}, const std::string& extra = {}) {
        std::string req = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
        if (!xff.empty()) req += "X-Forwarded-For: " + xff + "\r\n";
        req += extra + "\r\n";
        send_raw(req);
        return read_reply();
    }

    // True once the server closed the connection (reads EOF).
    bool closed_by_server() {
        boost::system::error_code ec;
        char c;
        m_socket.read_some(boost::asio::buffer(&c, 1), ec);
        return ec == boost::asio::error::eof || ec == boost::asio::error::connection_reset;
    }

    // Waits at most `t` for the server to send something or to close, so a
    // test never blocks on a server that stays silent.
    bool wait_readable(std::chrono::milliseconds t) {
        if (m_buf.size() > 0) return true;
        pollfd p{m_socket.native_handle(), POLLIN, 0};
        return ::poll(&p, 1, static_cast<int>(t.count())) > 0;
    }

    boost::asio::ip::tcp::socket& socket() { return m_socket; }

private:
    boost::asio::io_context m_io;
    boost::asio::ip::tcp::socket m_socket;
    boost::asio::streambuf m_buf;
};

// The admin port's /metrics text.
inline std::string scrape_metrics(unsigned short admin_port) {
    HttpProbe probe(admin_port);
    return probe.request("GET", "/metrics").body;
}

} // namespace ociproxy::test
