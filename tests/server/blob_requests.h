#pragma once

// What the blob-check suites ask the server and read back: the path of a
// blob of the demo repository, where the server sends it when the bucket
// cannot, and one sample's value from /metrics.

#include "tests/server/http_probe.h"

#include <string>

namespace ociproxy::test {

// The upstream fallback of a `pause` blob with the default settings.
inline const std::string kUpstream =
    "https://us-central1-docker.pkg.dev/v2/k8s-artifacts-prod/images/pause/blobs/";

inline std::string blob_path(const std::string& digest) {
    return "/v2/pause/blobs/" + digest;
}

// The value of one sample as written (`name{labels}`), or -1 when absent.
inline double metric(unsigned short admin_port, const std::string& sample) {
    const std::string text = scrape_metrics(admin_port);
    const auto at = text.find("\n" + sample + " ");
    if (at == std::string::npos) return -1;
    return std::stod(text.substr(at + sample.size() + 2));
}

} // namespace ociproxy::test
