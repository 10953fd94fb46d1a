#pragma once

#include "core/report/provenance.h"
#include "core/report/simulation_report.h"
#include "core/simulate/simulation.h"

#include <string>

namespace ociproxy {

// A comparison of scenarios A and B over the same traffic: totals under
// each, the movement matrix, the first changed requests.
std::string compare_summary(const CompareResult& c);
std::string compare_report(const CompareResult& c, const ReportProvenance& p, ReportFormat f);

} // namespace ociproxy
