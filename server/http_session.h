#pragma once

#include "server/server_context.h"

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>

namespace ociproxy::server {

// One client connection: HTTP/1.1 with keep-alive, every request answered by
// the core's decide() (plus the blob check it asks for). Limits: header
// 8 KiB (431), a header timeout for every request and a keep-alive idle
// timeout, no request bodies (413; any Transfer-Encoding 400). Malformed
// HTTP gets a 400 and closes this connection only; so does an exception.
boost::asio::awaitable<void> serve_client(boost::asio::ip::tcp::socket socket,
                                          SharedContext& shared, ThreadContext& thread);

// Over --max-connections: a 503 with Retry-After, counted, then closed.
boost::asio::awaitable<void> refuse_connection(boost::asio::ip::tcp::socket socket,
                                               SharedContext& shared);

// The admin port: /metrics, /healthz, /readyz.
boost::asio::awaitable<void> serve_admin(boost::asio::ip::tcp::socket socket,
                                         SharedContext& shared);

} // namespace ociproxy::server
