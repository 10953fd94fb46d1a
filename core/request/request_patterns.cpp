#include "core/request/request_patterns.h"

namespace ociproxy {
namespace {

// Splits "/v2/<middle>/<marker>/<last>" and checks the "^/v2/.*/<marker>/"
// part; `last` is what follows the final '/'.
bool split_v2(std::string_view path, std::string_view marker, std::string_view& last) {
    if (path.substr(0, 4) != "/v2/") return false;
    const auto slash = path.rfind('/');
    const std::size_t mlen = marker.size() + 2; // "/marker/"
    if (slash + 1 < mlen || slash + 1 - mlen < 4) return false;
    const std::size_t mstart = slash + 1 - mlen;
    if (path[mstart] != '/' || path.substr(mstart + 1, marker.size()) != marker) return false;
    if (path.substr(4, mstart - 4).find('\n') != std::string_view::npos) return false;
    last = path.substr(slash + 1);
    return true;
}

bool is_digest_algo_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '=' ||
           c == '_' || c == '-';
}

} // namespace

std::optional<std::string_view> blob_digest(std::string_view path) {
    std::string_view last;
    if (!split_v2(path, "blobs", last)) return std::nullopt;
    const auto colon = last.rfind(':');
    if (colon == std::string_view::npos || colon == 0 || colon + 1 == last.size())
        return std::nullopt;
    for (char c : last.substr(colon + 1))
        if (!is_digest_algo_char(c)) return std::nullopt;
    return last;
}

bool is_signature_path(std::string_view path) {
    std::string_view last;
    if (!split_v2(path, "manifests", last)) return false;
    if (last.size() != 7 + 64 + 4 || last.substr(0, 7) != "sha256-") return false;
    for (char c : last.substr(7, 64))
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    const auto ext = last.substr(71);
    return ext == ".sig" || ext == ".att";
}

} // namespace ociproxy
