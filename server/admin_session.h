#pragma once

#include "server/server_context.h"

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>

namespace ociproxy::server {

// One connection to the admin port: /metrics (Prometheus text 0.0.4),
// /healthz (the process answers) and /readyz (ranges and buckets loaded,
// not stopping).
boost::asio::awaitable<void> serve_admin(boost::asio::ip::tcp::socket socket,
                                         SharedContext& shared);

} // namespace ociproxy::server
