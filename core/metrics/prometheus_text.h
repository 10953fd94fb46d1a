#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

namespace ociproxy {

// Writers for the Prometheus text exposition format 0.0.4.
using Label = std::pair<std::string_view, std::string_view>;

// "# HELP name help\n# TYPE name type\n"
void append_metric_header(std::string& out, std::string_view name, std::string_view help,
                          std::string_view type);

// name{k="v",...} value\n, label values escaped (\\, \", \n).
void append_sample(std::string& out, std::string_view name, std::initializer_list<Label> labels,
                   double value);
void append_sample(std::string& out, std::string_view name, const Label* labels, std::size_t count,
                   double value);

// Integers without exponent, NaN, +Inf and -Inf as the format spells them.
void append_value(std::string& out, double v);

} // namespace ociproxy
