#pragma once

#include "core/decide/blob_presence.h"
#include "core/decide/decision.h"
#include "core/decide/destination.h"
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
inline constexpr std::string_view kDefaultLookupPath = kSampleBlobPath;

// Each non-empty line is an IP, a peer "host:port" / "[v6]:port", or an
// X-Forwarded-For value (several entries: the client is the one the load
// balancer's rule picks). Runs on any thread; `presence` answers blob checks.
std::vector<LookupRow> lookup_rows(const Router& router, BlobPresence& presence,
                                   const QStringList& lines, const QString& path);

} // namespace ociproxy::ui
