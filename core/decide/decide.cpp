#include "core/decide/decide.h"

#include "core/request/client_ip.h"
#include "core/request/path_text.h"
#include "core/request/request_patterns.h"
#include "core/request/request_target.h"

namespace ociproxy {

std::string_view request_kind_name(RequestKind k) {
    switch (k) {
    case RequestKind::Blob:
        return "blob";
    case RequestKind::Manifest:
        return "manifest";
    case RequestKind::Signature:
        return "signature";
    case RequestKind::Ping:
        return "ping";
    case RequestKind::Catalog:
        return "catalog";
    case RequestKind::Info:
        return "info";
    case RequestKind::Privacy:
        return "privacy";
    case RequestKind::NotFound:
        return "not_found";
    case RequestKind::BadRequest:
        return "bad_request";
    case RequestKind::MethodNotAllowed:
        return "method_not_allowed";
    }
    return "?";
}

std::string_view backend_name(Backend b) {
    switch (b) {
    case Backend::S3:
        return "s3";
    case Backend::Default:
        return "default";
    case Backend::Upstream:
        return "upstream";
    case Backend::Signature:
        return "signature";
    case Backend::None:
        return "none";
    }
    return "?";
}

namespace {

Decision answer(int status, RequestKind kind, Backend backend, std::string location,
                std::string reason) {
    Decision d;
    d.status = status;
    d.kind = kind;
    d.backend = backend;
    d.location = std::move(location);
    d.reason = std::move(reason);
    return d;
}

// Rule 8: the configured host, the configured namespace, the request path
// below it, the query kept. path.Join cannot climb out: dot segments were
// refused before this point.
std::string upstream_url(const std::string& endpoint, const RoutingSettings& s,
                         std::string_view v2_path, std::string_view query) {
    std::string url = endpoint;
    append_escaped_path(url, go_path_join({"/v2/", s.upstream_path, v2_path.substr(3)}));
    if (!query.empty()) {
        url += '?';
        append_sanitized_query(url, query);
    }
    return url;
}

void describe_client(Decision& d, const Router& router, bool with_prefix) {
    const auto& table = router.table();
    if (d.entry == kNoEntry) return;
    const auto& e = table.entry(d.entry);
    d.cloud = table.cloud_name(e.cloud);
    d.region = table.region_name(e.region);
    if (with_prefix) d.prefix = e.prefix.to_string();
}

std::string who(const Decision& d, const Router& router) {
    std::string s = d.client_ip->to_string();
    if (d.entry == kNoEntry) return s + " is in no known range";
    s += " is " + d.cloud + " " + d.region + " via " + d.prefix + " (" +
         std::string(match_mode_name(router.settings().match)) + " match)";
    return s;
}

} // namespace

Decision decide(const HttpRequest& req, const Router& router, DecideDetail detail) {
    const bool explain = detail == DecideDetail::Explain;
    const RoutingSettings& cfg = router.settings();
    const std::string_view target = origin_form(req.target);
    const auto q = target.find('?');
    const std::string_view raw_path = target.substr(0, q);
    const std::string_view query =
        q == std::string_view::npos ? std::string_view{} : target.substr(q + 1);

    // The rules see the decoded path, as Go's URL.Path.
    auto decoded = percent_decode_path(raw_path);
    if (!decoded)
        return answer(400, RequestKind::BadRequest, Backend::None, {},
                      "400: " + decoded.error().message);
    const std::string& path = *decoded;

    // 1. Only GET and HEAD.
    if (req.method != "GET" && req.method != "HEAD")
        return answer(405, RequestKind::MethodNotAllowed, Backend::None, {},
                      "405: method " + std::string(req.method.substr(0, 32)) +
                          " is not GET or HEAD");

    // 2. Info, privacy, and nothing outside /v2.
    if (path == "/")
        return answer(307, RequestKind::Info, Backend::None, cfg.info_url,
                      "info: / redirects to the info URL");
    if (path.starts_with("/privacy"))
        return answer(307, RequestKind::Privacy, Backend::None, cfg.privacy_url,
                      "privacy: redirects to the privacy URL");
    if (path != "/v2" && !path.starts_with("/v2/"))
        return answer(404, RequestKind::NotFound, Backend::None, {},
                      "404: path is outside the /v2 API");

    // (ours) No "." or ".." segments: cleaning them would leave the namespace.
    if (has_dot_segment(path))
        return answer(400, RequestKind::BadRequest, Backend::None, {},
                      "400: path has a '.' or '..' segment");

    // 3. The API version check.
    if (path == "/v2" || path == "/v2/")
        return answer(200, RequestKind::Ping, Backend::None, {},
                      explain ? "ping: /v2/ answers 200" : "");

    // 4. No catalog.
    if (path == "/v2/_catalog")
        return answer(404, RequestKind::Catalog, Backend::None, {},
                      "404: the catalog is not served");

    // 5./6. Manifests and everything else that is not a blob.
    const auto digest = blob_digest(path);
    if (!digest) {
        if (!cfg.signature_upstream.empty() && is_signature_path(path))
            return answer(307, RequestKind::Signature, Backend::Signature,
                          upstream_url(cfg.signature_upstream, cfg, path, query),
                          "signature: cosign signature/attestation → signature upstream");
        return answer(307, RequestKind::Manifest, Backend::Upstream,
                      upstream_url(cfg.upstream, cfg, path, query),
                      explain ? "manifest: not a blob → upstream" : "");
    }

    // 7. Blobs: by the client's cloud and region.
    auto client = client_ip(req.forwarded_for, req.peer);
    if (!client)
        return answer(400, RequestKind::BadRequest, Backend::None, {},
                      "400: " + client.error().message);
    Decision d = answer(307, RequestKind::Blob, Backend::Upstream,
                        upstream_url(cfg.upstream, cfg, path, query), {});
    d.client_ip = client->address.unmapped();
    d.digest = std::string(*digest);
    const BlobRoute route = router.route(*d.client_ip);
    d.entry = route.entry;
    describe_client(d, router, explain);
    if (route.gcp) {
        if (explain)
            d.reason =
                "blob: " + who(d, router) + " → upstream (same cloud as the source of truth)";
        return d;
    }
    d.bucket = router.base_url(route);
    d.bucket_name = route.bucket ? route.bucket->name : "default";
    if (route.bucket) d.bucket_region = route.bucket->home_region();
    // The digest capture ([^/]+:...) admits any byte but '/', decoded
    // escapes included: escaped here, or "%0d%0a" would split the Location
    // header. Valid digests are unchanged.
    d.blob_url = d.bucket + "/containers/images/";
    append_escaped_path(d.blob_url, d.digest);
    d.backend = route.bucket ? Backend::S3 : Backend::Default;
    d.needs_blob_check = true;
    if (explain) d.reason = "blob: " + who(d, router) + " → bucket " + d.bucket_name;
    return d;
}

void complete_blob_check(Decision& d, BlobAnswer a) {
    if (!d.needs_blob_check) return;
    d.needs_blob_check = false;
    if (a == BlobAnswer::Found) {
        d.location = d.blob_url;
        if (!d.reason.empty()) d.reason += " (blob found)";
        return;
    }
    d.backend = Backend::Upstream;
    if (!d.reason.empty())
        d.reason += std::string(" → blob check ") + blob_answer_name(a) + " → upstream";
}

Decision decide(const HttpRequest& request, const Router& router, BlobPresence& presence) {
    Decision d = decide(request, router);
    if (d.needs_blob_check) complete_blob_check(d, presence.check(d.blob_url));
    return d;
}

} // namespace ociproxy
