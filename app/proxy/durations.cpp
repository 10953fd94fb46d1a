#include "app/proxy/durations.h"

#include <string>

namespace ociproxy::proxy {

Result<std::chrono::milliseconds> parse_duration(std::string_view text) {
    const auto bad = [&] {
        return Error{"invalid duration '" + std::string(text.substr(0, 40)) +
                         "' (write e.g. 250ms, 5s, 1m)",
                     {}};
    };
    if (text == "0") return std::chrono::milliseconds(0);
    std::size_t i = 0;
    std::uint64_t n = 0;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
        n = n * 10 + std::uint64_t(text[i] - '0');
        if (n > 1'000'000'000) return bad();
        ++i;
    }
    if (i == 0) return bad();
    const std::string_view unit = text.substr(i);
    std::uint64_t ms = 0;
    if (unit == "ms")
        ms = n;
    else if (unit == "s")
        ms = n * 1000;
    else if (unit == "m")
        ms = n * 60'000;
    else if (unit == "h")
        ms = n * 3'600'000;
    else
        return bad();
    // A bound keeps every deadline computed from a duration far from the
    // clock's range: "3000000h" is a typing error, not a wish.
    if (ms > static_cast<std::uint64_t>(kMaxDuration.count()))
        return Error{"duration '" + std::string(text.substr(0, 40)) + "' is longer than 24h", {}};
    return std::chrono::milliseconds(static_cast<std::chrono::milliseconds::rep>(ms));
}

} // namespace ociproxy::proxy
