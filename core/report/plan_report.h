#pragma once

#include "core/plan/placement_plan.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace ociproxy {

enum class PlanFormat { Text, Json, Markdown, Csv };

std::optional<PlanFormat> parse_plan_format(std::string_view name);

// A plan for people (text, Markdown) and for programs (JSON, CSV): the alias
// table, the best `top` candidates (0: all), the regions not in the
// catalogue and every assumption with its source. CSV is one table, a
// "table" column telling alias rows from candidate rows.
std::string plan_report(const Plan& plan, PlanFormat f, std::size_t top = 0);

} // namespace ociproxy
