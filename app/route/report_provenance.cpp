#include "app/route/report_provenance.h"

#include "app/route/command_support.h"
#include "core/digest/sha256.h"
#include "core/file_io.h"
#include "core/workspace/range_source.h"
#include "resources/demo_data.h"

#include <cstdio>
#include <ctime>

namespace ociproxy::cli {

Result<RunChoices> parse_run_choices(const Args& args, bool with_report) {
    RunChoices c;
    if (with_report) {
        c.report = args.value("report");
        // A report names the traffic's digest: hashed as the run reads it.
        c.options.hash_input = c.report.has_value() || args.value("format").has_value();
        if (auto f = args.value("format")) {
            c.format = parse_report_format(*f);
            if (!c.format)
                return Error{"--format must be csv, json, md, html or pdf, not '" + *f + "'", ""};
        } else if (c.report) {
            c.format = report_format_for_path(*c.report);
            if (!c.format)
                return Error{"cannot tell the report format from '" + *c.report +
                                 "': use --format csv|json|md|html|pdf",
                             ""};
        }
    }
    if (auto b = args.value("default-bytes")) {
        std::uint64_t n = 0;
        if (!parse_number(*b, n) || n == 0)
            return Error{"--default-bytes takes a whole number of bytes > 0, not '" + *b + "'", ""};
        c.default_blob_bytes = n;
    }
    if (auto t = args.value("threads")) {
        std::uint64_t n = 0;
        if (!parse_number(*t, n) || n == 0 || n > 256)
            return Error{"--threads takes 1 to 256, not '" + *t + "'", ""};
        c.options.threads = unsigned(n);
    }
    return c;
}

std::string source_digest(const std::string& source) {
    auto bytes = read_range_source(source, &demo::file);
    return bytes ? sha256_hex(*bytes) : "unreadable: " + bytes.error().message;
}

int write_report(const RunChoices& c, const std::string& text) {
    if (!c.report) {
        std::fputs(text.c_str(), stdout);
        return kExitOk;
    }
    if (auto st = write_file_atomic(*c.report, text); !st)
        return fail(kExitInput, st.error().what());
    std::fprintf(stderr, "oci-route: %s report written to %s\n", report_format_name(*c.format),
                 c.report->c_str());
    return kExitOk;
}

} // namespace ociproxy::cli
