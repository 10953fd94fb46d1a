#pragma once

#include "core/decide/blob_presence.h"
#include "core/decide/decision.h"
#include "core/decide/router.h"

namespace ociproxy {

// DESIGN §3, rules 1–8, in one place for the server, the CLI and the console.
// For a blob request that a bucket may serve, the result has
// needs_blob_check set and holds the upstream fallback; the caller asks
// whether blob_url exists (the server with an async HEAD) and calls
// complete_blob_check(). Never throws, for any input.
// Brief skips what only a reader needs (the reason text and the matched
// prefix spelled out): the server's hot path asks for Brief.
enum class DecideDetail { Explain, Brief };

Decision decide(const HttpRequest& request, const Router& router,
                DecideDetail detail = DecideDetail::Explain);

// Applies the blob check's answer: found → 307 to the blob; anything else →
// the upstream fallback already in `d`.
void complete_blob_check(Decision& d, BlobAnswer answer);

// decide() and, when needed, a synchronous check against `presence`.
Decision decide(const HttpRequest& request, const Router& router, BlobPresence& presence);

} // namespace ociproxy
