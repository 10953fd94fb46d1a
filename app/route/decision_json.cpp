#include "app/route/decision_json.h"

#include "core/json_util.h"

namespace ociproxy::cli {

void append_decision_json(std::string& out, const Decision& d) {
    out += "{\"status\":";
    out += std::to_string(d.status);
    const std::pair<const char*, std::string_view> fields[] = {
        {"location", d.location},
        {"reason", d.reason},
        {"cloud", d.cloud},
        {"region", d.region},
        {"bucket", d.bucket},
        {"kind", request_kind_name(d.kind)},
        {"backend", backend_name(d.backend)},
        {"prefix", d.prefix},
        {"bucket_name", d.bucket_name},
        {"digest", d.digest},
    };
    for (const auto& [k, v] : fields) {
        out += ",\"";
        out += k;
        out += "\":";
        append_json_string(out, v);
    }
    out += ",\"client_ip\":";
    append_json_string(out, d.client_ip ? d.client_ip->to_string() : std::string());
    out += "}";
}

} // namespace ociproxy::cli
