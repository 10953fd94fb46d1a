#include "core/simulate/scenario_builder.h"

namespace ociproxy {

Scenario make_scenario(const Workspace& ws, const Router& router, BlobPresence& presence) {
    Scenario s;
    s.router = &router;
    s.presence = &presence;
    s.prices = ws.prices;
    s.default_blob_bytes = ws.default_blob_bytes;
    return s;
}

} // namespace ociproxy
