#include "core/metrics/prometheus_text.h"

#include <cmath>
#include <cstdio>

namespace ociproxy {

void append_metric_header(std::string& out, std::string_view name, std::string_view help,
                          std::string_view type) {
    out += "# HELP ";
    out += name;
    out += ' ';
    for (char c : help) {
        if (c == '\\')
            out += "\\\\";
        else if (c == '\n')
            out += "\\n";
        else
            out += c;
    }
    out += "\n# TYPE ";
    out += name;
    out += ' ';
    out += type;
    out += '\n';
}

void append_value(std::string& out, double v) {
    if (std::isnan(v)) {
        out += "NaN";
    } else if (std::isinf(v)) {
        out += v > 0 ? "+Inf" : "-Inf";
    } else if (v == std::floor(v) && std::fabs(v) < 1e15) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.0f", v);
        out += buf;
    } else {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.17g", v);
        out += buf;
    }
}

void append_sample(std::string& out, std::string_view name, const Label* labels, std::size_t count,
                   double value) {
    out += name;
    if (count) {
        out += '{';
        for (std::size_t i = 0; i < count; ++i) {
            if (i) out += ',';
            out += labels[i].first;
            out += "=\"";
            for (char c : labels[i].second) {
                if (c == '\\')
                    out += "\\\\";
                else if (c == '"')
                    out += "\\\"";
                else if (c == '\n')
                    out += "\\n";
                else
                    out += c;
            }
            out += '"';
        }
        out += '}';
    }
    out += ' ';
    append_value(out, value);
    out += '\n';
}

void append_sample(std::string& out, std::string_view name, std::initializer_list<Label> labels,
                   double value) {
    append_sample(out, name, labels.begin(), labels.size(), value);
}

} // namespace ociproxy
