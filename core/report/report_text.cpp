#include "core/report/report_text.h"

namespace ociproxy {

std::string usd_text(double v) {
    // The sign before the currency, as people write money: "-$0.36".
    if (v < 0) return "-" + usd_text(-v);
    return format_text(v != 0 && v > -1 && v < 1 ? "$%.4f" : "$%.2f", v);
}

std::string human_bytes(double b) {
    const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
    int u = 0;
    while (b >= 1024 && u < 5) {
        b /= 1024;
        ++u;
    }
    return format_text(u == 0 ? "%.0f %s" : "%.2f %s", b, units[u]);
}

std::string csv_field(std::string_view s) {
    if (s.find_first_of(",\"\n") == std::string_view::npos) return std::string(s);
    std::string out = "\"";
    for (const char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

std::string html_escape(std::string_view s) {
    std::string out;
    for (const char c : s) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        default:
            out += c;
        }
    }
    return out;
}

} // namespace ociproxy
