#pragma once

#include <string>
#include <string_view>

namespace ociproxy {

// Lower-case hex SHA-256 (OpenSSL), for the provenance of every loaded file.
std::string sha256_hex(std::string_view bytes);

} // namespace ociproxy
