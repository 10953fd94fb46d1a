#pragma once

#include "core/decide/blob_presence.h"

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace ociproxy::server {

struct HeadAnswer {
    BlobAnswer answer = BlobAnswer::Error;
    std::optional<std::uint64_t> content_length;
    int status = 0; // HTTP status, 0 when none arrived
};

class BucketHosts;
class DnsCache;
class TlsContext;

// HEAD requests over HTTP and HTTPS (certificates and host names verified,
// SNI), with keep-alive connections pooled per scheme://host:port. One per
// I/O thread: it is only ever used from its own executor, so it needs no
// locks. Host names come from the shared DNS cache, and every HEAD holds one
// of its host's slots (BucketHosts) while it runs.
class HeadClient {
public:
    using Clock = std::chrono::steady_clock;
    HeadClient(boost::asio::any_io_executor ex, TlsContext& tls, DnsCache& dns, BucketHosts& hosts);
    ~HeadClient();

    // 200 → Found (with Content-Length when sent); 4xx → NotFound; other
    // statuses and failures → Error; no answer by `deadline` → Timeout. The
    // deadline covers everything: the wait for a slot, DNS, connect, TLS,
    // request, response and the one retry on a stale pooled connection.
    boost::asio::awaitable<HeadAnswer> head(std::string url, Clock::time_point deadline);

private:
    struct Connection;
    boost::asio::any_io_executor m_ex;
    TlsContext& m_tls;
    DnsCache& m_dns;
    BucketHosts& m_hosts;
    std::unordered_map<std::string, std::vector<std::unique_ptr<Connection>>> m_idle;
};

} // namespace ociproxy::server
