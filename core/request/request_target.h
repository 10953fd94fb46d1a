#pragma once

#include <string_view>

namespace ociproxy {

// The origin form ("/path?query") of an HTTP request-target. An absolute-form
// target ("http://host/v2/...", RFC 9112 §3.2.2, what a client sends to a
// forward proxy) is routed by its path alone, as archeio does: the host in
// it is never looked at, so no request can steer a redirect elsewhere. An
// absolute URL without a path means "/". Anything else is returned as is.
std::string_view origin_form(std::string_view target);

} // namespace ociproxy
