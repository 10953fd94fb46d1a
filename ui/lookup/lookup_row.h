#pragma once

#include "core/decide/blob_presence.h"
#include "core/decide/decision.h"
#include "core/decide/router.h"

#include <QString>
#include <QStringList>
#include <vector>

namespace ociproxy::ui {

// One line of the Lookup view: what was typed and what the routing core
// answers for it, with the other match mode's answer when it differs.
struct LookupRow {
    QString input;
    Decision decision;
    bool modes_differ = false;
    QString longest, first; // "AWS ap-southeast-1" under each mode, when they differ
};

// A blob path, the request the operators usually ask about.
inline constexpr const char* kDefaultLookupPath =
    "/v2/pause/blobs/sha256:7031c1b283388d2c2e09b57badb803c05ebed362dc88d84b480cc47f72a21097";

// Each non-empty line is an IP, a peer "host:port" / "[v6]:port", or an
// X-Forwarded-For value (several entries: the client is the one the load
// balancer's rule picks). Runs on any thread; `presence` answers blob checks.
std::vector<LookupRow> lookup_rows(const Router& router, BlobPresence& presence,
                                   const QStringList& lines, const QString& path);

} // namespace ociproxy::ui
