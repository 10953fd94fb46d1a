#include "server/access_log.h"

#include "core/json_util.h"
#include "core/net/ip_prefix.h"

#include <cerrno>
#include <cstring>
#include <ctime>

namespace ociproxy::server {

Result<std::unique_ptr<AccessLog>> AccessLog::open(const std::string& target,
                                                   ClientIpLogging policy) {
    if (target == "off") return std::unique_ptr<AccessLog>();
    if (target == "-") return std::unique_ptr<AccessLog>(new AccessLog(stdout, false, policy));
    std::FILE* f = std::fopen(target.c_str(), "ae");
    if (!f) return Error{std::strerror(errno), target};
    return std::unique_ptr<AccessLog>(new AccessLog(f, true, policy));
}

AccessLog::~AccessLog() {
    flush();
    if (m_owned) std::fclose(m_file);
}

std::string AccessLog::client_text(const IpAddress& a, ClientIpLogging policy) {
    switch (policy) {
    case ClientIpLogging::Full:
        return a.to_string();
    case ClientIpLogging::None:
        return {};
    case ClientIpLogging::Truncated:
        return IpPrefix(a, a.is_v4() ? 24 : 48).network().to_string();
    }
    return {};
}

void AccessLog::write(const AccessRecord& r) {
    std::string line;
    line.reserve(320);
    char when[40];
    const auto now = std::chrono::system_clock::now();
    const std::time_t secs = std::chrono::system_clock::to_time_t(now);
    const auto ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() %
        1000;
    std::tm tm{};
    gmtime_r(&secs, &tm);
    const std::size_t n = std::strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%S", &tm);
    std::snprintf(when + n, sizeof when - n, ".%03dZ", int(ms));
    const Decision& d = *r.decision;
    line += "{\"time\":\"";
    line += when;
    line += "\",\"method\":";
    append_json_string(line, r.method);
    line += ",\"path\":";
    append_json_string(line, r.target);
    line += ",\"client_ip\":";
    append_json_string(line, r.client ? client_text(*r.client, m_policy) : std::string());
    line += ",\"cloud\":";
    append_json_string(line, d.cloud);
    line += ",\"region\":";
    append_json_string(line, d.region);
    line += ",\"kind\":\"";
    line += request_kind_name(d.kind);
    line += "\",\"backend\":\"";
    line += backend_name(d.backend);
    line += "\",\"bucket\":";
    append_json_string(line, d.backend == Backend::Upstream ? std::string_view()
                                                            : std::string_view(d.bucket_name));
    char tail[96];
    std::snprintf(tail, sizeof tail, ",\"status\":%d,\"duration_ms\":%.3f", d.status,
                  double(r.duration.count()) / 1000.0);
    line += tail;
    if (r.bytes) {
        line += ",\"bytes\":";
        line += std::to_string(*r.bytes);
    }
    line += "}\n";
    std::lock_guard lock(m_mutex);
    if (m_failed) return;
    m_buffer += line;
    if (m_buffer.size() > (64 << 10)) write_out_locked();
}

void AccessLog::write_out_locked() {
    if (m_failed) return;
    errno = 0;
    const bool ok = (m_buffer.empty() ||
                     std::fwrite(m_buffer.data(), 1, m_buffer.size(), m_file) == m_buffer.size()) &&
                    std::fflush(m_file) == 0;
    m_buffer.clear();
    if (ok) return;
    m_failed = true;
    std::fprintf(stderr, "oci-proxy: access log: %s; logging stops, serving goes on\n",
                 errno ? std::strerror(errno) : "write failed");
}

void AccessLog::flush() {
    std::lock_guard lock(m_mutex);
    write_out_locked();
}

} // namespace ociproxy::server
