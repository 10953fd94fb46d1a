// Fuzz target: the client-IP rule (X-Forwarded-For, then the peer). Input:
// the header, a newline, the peer. Whatever comes in: no crash, and an
// address it returns is one that was written in the input and prints back
// to itself. The streaming readers' parser (IpAddress::try_parse, byte
// masks over the text) takes exactly what the full one takes, and reads
// nothing past the text.

#include "core/request/client_ip.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

using namespace ociproxy;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view in(reinterpret_cast<const char*>(data), size);
    const auto nl = in.find('\n');
    const std::string_view xff = in.substr(0, nl);
    const std::string_view peer = nl == std::string_view::npos ? "127.0.0.1:1" : in.substr(nl + 1);
    for (const std::string_view text : {peer, xff, in}) {
        IpAddress fast;
        const auto full = IpAddress::parse(text);
        if (IpAddress::try_parse(text, fast) != full.ok() || (full && !(fast == *full))) {
            std::fprintf(stderr, "fuzz_client_ip: try_parse and parse disagree on '%.*s'\n",
                         int(text.size()), text.data());
            std::abort();
        }
    }
    const auto c = client_ip(xff, peer);
    if (!c) return 0;
    const std::string text = c->address.to_string();
    const auto again = IpAddress::parse(text);
    if (!again || !(*again == c->address)) {
        std::fprintf(stderr, "fuzz_client_ip: %s does not read back\n", text.c_str());
        std::abort();
    }
    if (c->source == ClientIpSource::ForwardedFor && xff.empty()) {
        std::fprintf(stderr, "fuzz_client_ip: an address from an empty header\n");
        std::abort();
    }
    return 0;
}
