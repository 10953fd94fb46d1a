#pragma once

#include <string>
#include <string_view>

namespace ociproxy {

// Lower-case hex SHA-256 (OpenSSL), for the provenance of every loaded file.
std::string sha256_hex(std::string_view bytes);

// SHA-256 of data that arrives in pieces (a file read block by block), so
// hashing an input never needs all of it in memory or a second read.
class Sha256Stream {
public:
    Sha256Stream();
    ~Sha256Stream();
    Sha256Stream(const Sha256Stream&) = delete;
    Sha256Stream& operator=(const Sha256Stream&) = delete;

    void update(std::string_view bytes);
    // The digest of everything so far, as lower-case hex; ends the stream.
    std::string hex();

private:
    void* m_ctx; // EVP_MD_CTX, kept out of this header
};

} // namespace ociproxy
