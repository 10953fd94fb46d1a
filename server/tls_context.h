#pragma once

#include "core/buckets/bucket_map.h"
#include "core/result.h"

#include <boost/asio/ssl/context.hpp>
#include <mutex>
#include <optional>
#include <string>

namespace ociproxy::server {

// The client TLS context of the HTTPS bucket checks, made by the first one.
// Initialising OpenSSL and a context costs about 2.6 MiB of resident memory
// (its providers and algorithm tables): a server whose clients' blobs are
// all checked over plain HTTP never pays it.
class TlsContext {
public:
    // `ca_file` empty: the system trust store.
    explicit TlsContext(std::string ca_file)
        : m_ca_file(std::move(ca_file)) {}

    // The context, made and given its trust anchors on the first call, or
    // why it cannot be (no CA certificates): each later call tries again.
    Result<boost::asio::ssl::context*> get();

    // Whether get() can be expected to succeed, checked without making the
    // context: a --ca-file is loaded now (the operator named it, so a wrong
    // one is a start-up error); the system store must have certificates
    // where OpenSSL looks (a hashed directory or a CA file).
    Status check();

    bool made() const;

private:
    mutable std::mutex m_mutex;
    std::string m_ca_file;
    std::optional<boost::asio::ssl::context> m_context;
};

// Whether checking blobs in `buckets` needs TLS: the default or any bucket
// is an https:// URL.
bool needs_tls(const BucketMap& buckets);

} // namespace ociproxy::server
