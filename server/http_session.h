#pragma once

#include "server/server_context.h"

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>

namespace ociproxy::server {

// One client connection: HTTP/1.1 with keep-alive, every request answered by
// the core's decide() (plus the blob check it asks for). Limits: header
// 8 KiB (431), header read and keep-alive idle timeouts, no request bodies
// (413). Malformed HTTP gets a 400 and closes this connection only.
boost::asio::awaitable<void> serve_client(boost::asio::ip::tcp::socket socket,
                                          SharedContext& shared, ThreadContext& thread);

// The admin port: /metrics, /healthz, /readyz.
boost::asio::awaitable<void> serve_admin(boost::asio::ip::tcp::socket socket,
                                         SharedContext& shared);

} // namespace ociproxy::server
