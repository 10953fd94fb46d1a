#pragma once

#include "core/result.h"

#include <string>
#include <string_view>

namespace ociproxy {

// Validates an absolute http(s) URL that redirects are built on: bucket
// URLs, the default base URL, upstreams, info and privacy URLs. Beyond the
// syntax it insists the last host label looks like a top-level domain
// (letters, or an IDN "xn--" label): production once shipped
// "cloudfront.net1", which is syntactically a fine host name.
// IP literals and "localhost" are accepted for local setups and tests.
Status check_base_url(std::string_view url);

// `url` without trailing slashes, so "base" + "/path" never doubles one.
std::string without_trailing_slash(std::string_view url);

} // namespace ociproxy
