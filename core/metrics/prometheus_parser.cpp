#include "core/metrics/prometheus_parser.h"

#include "core/text_lines.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>

namespace ociproxy {
namespace {

bool name_start(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
}
bool name_char(char c) {
    return name_start(c) || (c >= '0' && c <= '9');
}

// Reads a metric (colons allowed) or label name at `i`.
std::string_view read_name(std::string_view s, std::size_t& i, bool metric) {
    const std::size_t start = i;
    if (i >= s.size() || !name_start(s[i]) || (!metric && s[i] == ':')) return {};
    ++i;
    while (i < s.size() && name_char(s[i]) && (metric || s[i] != ':'))
        ++i;
    return s.substr(start, i - start);
}

void skip_blanks(std::string_view s, std::size_t& i) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t'))
        ++i;
}

std::optional<double> parse_value(std::string_view t) {
    if (t == "NaN") return std::nan("");
    if (t == "+Inf" || t == "Inf") return HUGE_VAL;
    if (t == "-Inf") return -HUGE_VAL;
    if (t.empty() || t.size() > 64) return std::nullopt;
    const std::string text(t);
    char* end = nullptr;
    errno = 0;
    const double v = std::strtod(text.c_str(), &end);
    // strtod also takes "inf", "nan(...)" and hex floats: only plain decimal
    // numbers are values here.
    if (end != text.c_str() + text.size() || text.find_first_of("xXnNiI") != std::string::npos)
        return std::nullopt;
    return v;
}

std::optional<std::int64_t> parse_timestamp(std::string_view t) {
    if (t.empty() || t.size() > 19) return std::nullopt;
    std::size_t i = t[0] == '-' ? 1 : 0;
    if (i == t.size()) return std::nullopt;
    std::int64_t v = 0;
    for (; i < t.size(); ++i) {
        if (t[i] < '0' || t[i] > '9') return std::nullopt;
        v = v * 10 + (t[i] - '0');
    }
    return t[0] == '-' ? -v : v;
}

std::optional<MetricType> parse_type(std::string_view t) {
    if (t == "counter") return MetricType::Counter;
    if (t == "gauge") return MetricType::Gauge;
    if (t == "histogram") return MetricType::Histogram;
    if (t == "summary") return MetricType::Summary;
    if (t == "untyped") return MetricType::Untyped;
    return std::nullopt;
}

// "# HELP name text" and "# TYPE name type"; other comments are ignored.
std::optional<std::string> read_comment(std::string_view line, Scrape& out) {
    std::size_t i = 1;
    skip_blanks(line, i);
    const bool help = line.substr(i, 4) == "HELP", type = line.substr(i, 4) == "TYPE";
    if (!help && !type) return std::nullopt;
    i += 4;
    if (i < line.size() && line[i] != ' ' && line[i] != '\t')
        return std::nullopt; // "# HELPER ..." is a comment
    skip_blanks(line, i);
    const std::string_view name = read_name(line, i, true);
    if (name.empty())
        return std::string("expected a metric name after # ") + (help ? "HELP" : "TYPE");
    if (i < line.size() && line[i] != ' ' && line[i] != '\t')
        return "invalid character in metric name";
    skip_blanks(line, i);
    MetricFamily& f = out.families[std::string(name)];
    if (help) {
        std::string text;
        for (std::size_t k = i; k < line.size(); ++k) {
            if (line[k] == '\\' && k + 1 < line.size() &&
                (line[k + 1] == '\\' || line[k + 1] == 'n')) {
                text += line[k + 1] == 'n' ? '\n' : '\\';
                ++k;
            } else {
                text += line[k];
            }
        }
        f.help = std::move(text);
        return std::nullopt;
    }
    std::string_view t = line.substr(i);
    while (!t.empty() && (t.back() == ' ' || t.back() == '\t'))
        t.remove_suffix(1);
    const auto kind = parse_type(t);
    if (!kind) return "unknown metric type '" + std::string(t.substr(0, 40)) + "'";
    f.type = *kind;
    return std::nullopt;
}

std::optional<std::string> read_sample(std::string_view line, Scrape& out) {
    MetricSample s;
    std::size_t i = 0;
    const std::string_view name = read_name(line, i, true);
    if (name.empty()) return "expected a metric name";
    s.name = std::string(name);
    std::size_t value_sep = i; // the value must be separated from what precedes it
    skip_blanks(line, i);
    if (i < line.size() && line[i] == '{') {
        ++i;
        while (true) {
            skip_blanks(line, i);
            if (i < line.size() && line[i] == '}') {
                ++i;
                break;
            }
            const std::string_view label = read_name(line, i, false);
            if (label.empty()) return "expected a label name";
            skip_blanks(line, i);
            if (i >= line.size() || line[i] != '=')
                return "expected '=' after label " + std::string(label);
            ++i;
            skip_blanks(line, i);
            if (i >= line.size() || line[i] != '"')
                return "expected '\"' to open the value of label " + std::string(label);
            ++i;
            std::string value;
            bool closed = false;
            for (; i < line.size(); ++i) {
                if (line[i] == '"') {
                    closed = true;
                    ++i;
                    break;
                }
                if (line[i] == '\\') {
                    if (i + 1 >= line.size()) break;
                    const char e = line[++i];
                    if (e == 'n')
                        value += '\n';
                    else if (e == '\\' || e == '"')
                        value += e;
                    else
                        return std::string("invalid escape '\\") + e + "' in label " +
                               std::string(label);
                } else {
                    value += line[i];
                }
            }
            if (!closed) return "unterminated value of label " + std::string(label);
            s.labels.emplace_back(std::string(label), std::move(value));
            skip_blanks(line, i);
            if (i < line.size() && line[i] == ',') {
                ++i;
                continue;
            }
            if (i < line.size() && line[i] == '}') {
                ++i;
                break;
            }
            return "expected ',' or '}' after label " + std::string(label);
        }
        value_sep = i;
        skip_blanks(line, i);
    }
    if (i == value_sep && i < line.size()) return "expected a space before the value";
    std::size_t end = i;
    while (end < line.size() && line[end] != ' ' && line[end] != '\t')
        ++end;
    const auto value = parse_value(line.substr(i, end - i));
    if (!value)
        return "invalid value '" + std::string(line.substr(i, std::min<std::size_t>(end - i, 40))) +
               "'";
    s.value = *value;
    i = end;
    skip_blanks(line, i);
    if (i < line.size()) {
        std::size_t tend = i;
        while (tend < line.size() && line[tend] != ' ' && line[tend] != '\t')
            ++tend;
        const auto ts = parse_timestamp(line.substr(i, tend - i));
        if (!ts)
            return "invalid timestamp '" +
                   std::string(line.substr(i, std::min<std::size_t>(tend - i, 40))) + "'";
        s.timestamp_ms = *ts;
        i = tend;
        skip_blanks(line, i);
        if (i < line.size()) return "unexpected text after the timestamp";
    }
    out.samples.push_back(std::move(s));
    return std::nullopt;
}

} // namespace

std::string_view MetricSample::label(std::string_view wanted) const {
    for (const auto& [k, v] : labels)
        if (k == wanted) return v;
    return {};
}

const MetricFamily* Scrape::family_of(const MetricSample& s) const {
    if (auto it = families.find(s.name); it != families.end()) return &it->second;
    for (const std::string_view suffix : {"_bucket", "_sum", "_count"}) {
        if (s.name.size() > suffix.size() && s.name.ends_with(suffix)) {
            if (auto it = families.find(s.name.substr(0, s.name.size() - suffix.size()));
                it != families.end())
                return &it->second;
        }
    }
    return nullptr;
}

Scrape parse_prometheus_text(std::string_view text) {
    Scrape out;
    for_each_line(text, [&](std::string_view raw, std::size_t line_no) {
        std::string_view line = raw;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        std::size_t i = 0;
        skip_blanks(line, i);
        line = line.substr(i);
        if (line.empty()) return true;
        auto problem = line.front() == '#' ? read_comment(line, out) : read_sample(line, out);
        if (problem) out.issues.push_back(ScrapeIssue{line_no, std::move(*problem)});
        return true;
    });
    return out;
}

} // namespace ociproxy
