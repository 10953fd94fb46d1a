#pragma once

#include "core/decide/decision.h"

#include <string>

namespace ociproxy::cli {

// One decision as a single-line JSON object:
// status location reason cloud region bucket, then kind backend client_ip
// prefix bucket_name digest for the curious.
void append_decision_json(std::string& out, const Decision& d);

} // namespace ociproxy::cli
