#pragma once

#include "core/decide/decision.h"
#include "core/result.h"
#include "server/server_config.h"

#include <chrono>
#include <cstdio>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace ociproxy::server {

struct AccessRecord {
    std::string_view method;
    std::string_view target;
    std::optional<IpAddress> client;
    const Decision* decision;
    std::chrono::microseconds duration;
    std::optional<std::uint64_t> bytes;
};

// One JSON object per request:
// {"time","method","path","client_ip","cloud","region","kind","backend",
//  "bucket","status","duration_ms","bytes"}. Lines are buffered and
// written in batches; flush() runs periodically and at shutdown.
class AccessLog {
public:
    // "-" is stdout; "off" gives nullptr; anything else a file appended to.
    static Result<std::unique_ptr<AccessLog>> open(const std::string& target,
                                                   ClientIpLogging ip_policy);
    ~AccessLog();

    void write(const AccessRecord& r);
    void flush();

    // The address as the policy allows it to be logged.
    static std::string client_text(const IpAddress& a, ClientIpLogging policy);

private:
    AccessLog(std::FILE* f, bool owned, ClientIpLogging policy)
        : m_file(f)
        , m_owned(owned)
        , m_policy(policy) {}
    // Writes the buffer; on the first failure (a closed pipe: EPIPE, a full
    // disk) says so once on stderr and stops logging, while serving goes on.
    void write_out_locked();

    std::mutex m_mutex;
    std::string m_buffer;
    bool m_failed = false;
    std::FILE* m_file;
    bool m_owned;
    ClientIpLogging m_policy;
};

} // namespace ociproxy::server
