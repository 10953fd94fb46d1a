#pragma once

#include "app/common/cli_args.h"
#include "app/route/routing_options.h"
#include "core/report/provenance.h"
#include "core/report/simulation_report.h"
#include "core/simulate/simulation.h"

#include <optional>
#include <string>

namespace ociproxy::cli {

// The options simulate and compare share: the report, the default blob
// size, the thread count.
struct RunChoices {
    std::optional<ReportFormat> format;              // set when a report is wanted
    std::optional<std::string> report;               // the file; stdout when unset
    std::optional<std::uint64_t> default_blob_bytes; // --default-bytes; else the workspace's
    SimulationOptions options;
};
// `with_report`: read --report and --format too (plan has a --format of its
// own).
Result<RunChoices> parse_run_choices(const Args& args, bool with_report = true);

// A range source's SHA-256, read again (the CLI's runs are short).
std::string source_digest(const std::string& source);

// Writes `text` to the report file (or stdout); the exit code.
int write_report(const RunChoices& c, const std::string& text);

} // namespace ociproxy::cli
