#pragma once

#include <cstdio>
#include <string>
#include <string_view>

namespace ociproxy {

// printf into a std::string, for report lines of any length.
template <class... Args> std::string format_text(const char* f, Args... args) {
    // Measured first: report text carries paths and names of any length.
    const int n = std::snprintf(nullptr, 0, f, args...);
    if (n <= 0) return {};
    std::string out(std::size_t(n), '\0');
    std::snprintf(out.data(), out.size() + 1, f, args...);
    return out;
}

// "$12.34", "-$0.36"; four decimals below a dollar either way, where cents would hide
// the small scenarios a test or a demo makes.
std::string usd_text(double v);
// "1.50 GiB" in binary units.
std::string human_bytes(double bytes);
// A CSV field, quoted when it holds a comma, quote or newline.
std::string csv_field(std::string_view s);
std::string html_escape(std::string_view s);

} // namespace ociproxy
