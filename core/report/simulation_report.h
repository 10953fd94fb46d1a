#pragma once

#include "core/report/provenance.h"
#include "core/simulate/simulation.h"

#include <optional>
#include <string>
#include <string_view>

namespace ociproxy {

enum class ReportFormat { Csv, Json, Markdown, Html, Pdf };

const char* report_format_name(ReportFormat f);
std::optional<ReportFormat> parse_report_format(std::string_view name);
// From a file name's extension (.csv, .json, .md, .html/.htm, .pdf).
std::optional<ReportFormat> report_format_for_path(std::string_view path);

// A simulation as CSV (one row per backend/bucket/cloud/region/status, the
// provenance as leading '#' comments), JSON, Markdown (to paste into a
// GitHub issue), self-contained HTML with the charts as inline SVG, or PDF
// with the same charts drawn in the page.
std::string simulation_report(const SimulationResult& r, const ReportProvenance& p, ReportFormat f);

// The readable summary oci-route prints on stdout.
std::string simulation_summary(const SimulationResult& r);

} // namespace ociproxy
