#include "server/tls_context.h"

#include <cstdlib>
#include <dirent.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <string_view>
#include <sys/stat.h>
#include <unistd.h>

namespace ociproxy::server {

namespace asio = boost::asio;

namespace {

// The directory OpenSSL looks certificates up in by hash ($SSL_CERT_DIR,
// else its default), and whether it holds any ("<8 hex digits>.<n>", as
// c_rehash names them).
const char* system_cert_dir() {
    const char* dir = std::getenv(X509_get_default_cert_dir_env());
    return dir ? dir : X509_get_default_cert_dir();
}

bool has_hashed_certificates(const char* dir) {
    bool found = false;
    if (DIR* d = ::opendir(dir)) {
        while (const dirent* e = ::readdir(d)) {
            const std::string_view name = e->d_name;
            if (name.size() >= 10 && name[8] == '.') {
                found = true;
                break;
            }
        }
        ::closedir(d);
    }
    return found;
}

// The system trust store. OpenSSL's defaults parse the whole CA file up
// front (about 1 MiB of certificates for Debian's ~140 roots, held for the
// life of the server) besides looking certificates up by hash in the
// directory. When the directory holds the roots and no SSL_CERT_FILE asks
// for a file, the lookup alone is used: the same roots, each read when a
// bucket's chain first needs it.
void load_system_store(asio::ssl::context& tls, boost::system::error_code& ec) {
    const char* dir = system_cert_dir();
    if (!std::getenv(X509_get_default_cert_file_env()) && has_hashed_certificates(dir))
        tls.add_verify_path(dir, ec);
    else
        tls.set_default_verify_paths(ec);
}

// True when the store holds at least one certificate: loaded from the CA
// file, or present as a hashed name in the directory (looked up lazily, so
// only its names can be checked now).
bool system_store_has_certificates(asio::ssl::context& tls) {
    X509_STORE* store = SSL_CTX_get_cert_store(tls.native_handle());
    if (store && sk_X509_OBJECT_num(X509_STORE_get0_objects(store)) > 0) return true;
    return has_hashed_certificates(system_cert_dir());
}

bool is_readable_file(const char* path) {
    struct stat st {};
    return ::stat(path, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
           ::access(path, R_OK) == 0;
}

// The system CA file OpenSSL reads: $SSL_CERT_FILE, else its default.
const char* system_cert_file() {
    const char* file = std::getenv(X509_get_default_cert_file_env());
    return file ? file : X509_get_default_cert_file();
}

bool is_https(std::string_view url) {
    return url.starts_with("https://");
}

} // namespace

Result<asio::ssl::context*> TlsContext::get() {
    std::lock_guard lock(m_mutex);
    if (m_context) return &*m_context;
    asio::ssl::context tls(asio::ssl::context::tls_client);
    boost::system::error_code ec;
    if (m_ca_file.empty()) {
        // Without trust anchors every HTTPS bucket check would fail and
        // every blob would silently go upstream: the caller refuses instead.
        load_system_store(tls, ec);
        if (ec || !system_store_has_certificates(tls))
            return Error{"cannot load the system CA certificates" +
                             (ec ? ": " + ec.message() : std::string()) +
                             " (install ca-certificates, or give --ca-file)",
                         "TLS"};
    } else {
        tls.load_verify_file(m_ca_file, ec);
        if (ec)
            return Error{"cannot load CA certificates: " + ec.message(), "--ca-file " + m_ca_file};
    }
    tls.set_verify_mode(asio::ssl::verify_peer);
    m_context.emplace(std::move(tls));
    return &*m_context;
}

Status TlsContext::check() {
    if (!m_ca_file.empty()) {
        if (auto made = get(); !made) return made.error();
        return {};
    }
    if (made() || has_hashed_certificates(system_cert_dir()) ||
        is_readable_file(system_cert_file()))
        return {};
    return Error{std::string("cannot load the system CA certificates: none in ") +
                     system_cert_dir() + " or " + system_cert_file() +
                     " (install ca-certificates, or give --ca-file)",
                 "TLS"};
}

bool TlsContext::made() const {
    std::lock_guard lock(m_mutex);
    return m_context.has_value();
}

bool needs_tls(const BucketMap& buckets) {
    if (is_https(buckets.default_url())) return true;
    for (const Bucket& b : buckets.buckets())
        if (is_https(b.url)) return true;
    return false;
}

} // namespace ociproxy::server
