#include "core/report/simulation_report.h"

#include "core/json_util.h"
#include "core/report/pdf_document.h"
#include "core/report/report_template.h"
#include "core/report/report_text.h"

#include <boost/json.hpp>
#include <cstdio>

namespace ociproxy {
namespace {

std::string label(const Aggregate& a, SimulationResult::By by) {
    switch (by) {
    case SimulationResult::By::Backend:
        return std::string(backend_name(a.backend));
    case SimulationResult::By::Bucket:
        return a.bucket;
    case SimulationResult::By::Cloud:
        return a.cloud;
    case SimulationResult::By::Region:
        return a.cloud + " " + a.region;
    }
    return {};
}

double share(std::uint64_t part, std::uint64_t whole) {
    return whole ? 100.0 * double(part) / double(whole) : 0.0;
}

std::uint64_t s3_bytes(const SimulationResult& r) {
    std::uint64_t b = 0;
    for (const auto& a : r.rows)
        if (a.backend == Backend::S3) b += a.bytes;
    return b;
}

std::vector<std::pair<std::string, double>> top(const SimulationResult& r, SimulationResult::By by,
                                                bool cost, std::size_t n) {
    std::vector<std::pair<std::string, double>> out;
    auto rows = r.rollup(by);
    if (cost)
        std::stable_sort(rows.begin(), rows.end(),
                         [](const Aggregate& a, const Aggregate& b) { return a.usd > b.usd; });
    for (const auto& a : rows) {
        if (out.size() == n) break;
        out.emplace_back(label(a, by), cost ? a.usd : double(a.bytes));
    }
    return out;
}

std::string md_table(const SimulationResult& r, SimulationResult::By by, const char* what,
                     std::size_t n) {
    std::string s =
        std::string("| ") + what + " | requests | bytes | share of bytes | est. cost |\n";
    s += "|---|---:|---:|---:|---:|\n";
    std::size_t i = 0;
    for (const auto& a : r.rollup(by)) {
        if (i++ == n) break;
        s += "| " + label(a, by) + " | " + std::to_string(a.requests) + " | " +
             human_bytes(double(a.bytes)) + " | " + format_text("%.1f%%", share(a.bytes, r.bytes)) +
             " | " + usd_text(a.usd) + " |\n";
    }
    return s;
}

std::string csv(const SimulationResult& r, const ReportProvenance& p) {
    std::string s = "# " + p.tool + ", " + p.created + "\n";
    for (const auto& [path, sha] : p.inputs)
        s += "# input " + path + " sha256 " + sha + "\n";
    for (const auto& [k, v] : p.settings)
        s += "# " + k + " = " + v + "\n";
    s += "backend,bucket,cloud,region,status,requests,bytes,usd\n";
    for (const auto& a : r.rows)
        s += std::string(backend_name(a.backend)) + "," + csv_field(a.bucket) + "," +
             csv_field(a.cloud) + "," + csv_field(a.region) + "," + std::to_string(a.status) + "," +
             std::to_string(a.requests) + "," + std::to_string(a.bytes) + "," +
             format_text("%.6f", a.usd) + "\n";
    return s;
}

boost::json::object provenance_json(const ReportProvenance& p) {
    boost::json::array inputs;
    for (const auto& [path, sha] : p.inputs)
        inputs.push_back({{"path", path}, {"sha256", sha}});
    boost::json::object settings;
    for (const auto& [k, v] : p.settings)
        settings[k] = v;
    return {{"tool", p.tool}, {"created", p.created}, {"inputs", inputs}, {"settings", settings}};
}

boost::json::array rows_json(const std::vector<Aggregate>& rows) {
    boost::json::array out;
    for (const auto& a : rows)
        out.push_back({{"backend", backend_name(a.backend)},
                       {"bucket", a.bucket},
                       {"cloud", a.cloud},
                       {"region", a.region},
                       {"status", a.status},
                       {"requests", a.requests},
                       {"bytes", a.bytes},
                       {"usd", a.usd}});
    return out;
}

std::string json(const SimulationResult& r, const ReportProvenance& p) {
    boost::json::array issues;
    for (const auto& i : r.issues)
        issues.push_back({{"line", i.line}, {"message", i.message}});
    boost::json::object root{
        {"provenance", provenance_json(p)},
        {"traffic",
         {{"source", r.source},
          {"format", traffic_format_name(r.format)},
          {"lines", r.lines},
          {"bad_lines", r.bad_lines},
          {"issues", issues}}},
        {"totals",
         {{"requests", r.requests},
          {"bytes", r.bytes},
          {"usd", r.usd},
          {"s3_share_of_bytes", share(s3_bytes(r), r.bytes) / 100.0}}},
        {"rows", rows_json(r.rows)},
        {"by_backend", rows_json(r.rollup(SimulationResult::By::Backend))},
        {"by_bucket", rows_json(r.rollup(SimulationResult::By::Bucket))},
        {"by_region", rows_json(r.rollup(SimulationResult::By::Region))},
    };
    return pretty_json(root);
}

std::string provenance_md(const ReportProvenance& p) {
    std::string s = "<details><summary>Provenance</summary>\n\n";
    s += "- " + p.tool + ", " + p.created + "\n";
    for (const auto& [path, sha] : p.inputs)
        s += "- input `" + path + "` sha256 `" + sha + "`\n";
    for (const auto& [k, v] : p.settings)
        s += "- " + k + ": `" + v + "`\n";
    return s + "\n</details>\n";
}

std::string markdown(const SimulationResult& r, const ReportProvenance& p) {
    std::string s = "## Traffic simulation: " + r.source + "\n\n";
    s += format_text(
        "**%llu requests**, %s, **%.1f%%** of bytes served from S3, estimated egress **%s**.\n\n",
        static_cast<unsigned long long>(r.requests), human_bytes(double(r.bytes)).c_str(),
        share(s3_bytes(r), r.bytes), usd_text(r.usd).c_str());
    if (r.bad_lines)
        s += format_text("%llu unreadable lines skipped.\n\n",
                         static_cast<unsigned long long>(r.bad_lines));
    s += "### By backend\n\n" + md_table(r, SimulationResult::By::Backend, "backend", 10) + "\n";
    s += "### By bucket\n\n" + md_table(r, SimulationResult::By::Bucket, "bucket", 15) + "\n";
    s += "### Top regions\n\n" + md_table(r, SimulationResult::By::Region, "cloud region", 15) +
         "\n";
    return s + provenance_md(p);
}

std::vector<BarRow> bar_rows(const std::vector<std::pair<std::string, double>>& top) {
    std::vector<BarRow> out;
    for (const auto& [name, v] : top)
        out.push_back({name, v, 0});
    return out;
}

std::string html(const SimulationResult& r, const ReportProvenance& p) {
    std::string s = html_report_start("Traffic simulation: " + r.source);
    s += format_text(
        "<p><b>%llu requests</b>, %s, <b>%.1f%%</b> of bytes served from S3, estimated egress "
        "<b>%s</b>.</p>",
        static_cast<unsigned long long>(r.requests), human_bytes(double(r.bytes)).c_str(),
        share(s3_bytes(r), r.bytes), usd_text(r.usd).c_str());
    if (r.bad_lines)
        s += format_text("<p>%llu unreadable lines skipped.</p>",
                         static_cast<unsigned long long>(r.bad_lines));
    const auto bytes_text = [](double v) { return human_bytes(v); };
    s += "<p>" +
         svg_bars("Bytes by backend", bar_rows(top(r, SimulationResult::By::Backend, false, 10)),
                  false, bytes_text) +
         "</p>";
    s += "<p>" +
         svg_bars("Top regions by bytes", bar_rows(top(r, SimulationResult::By::Region, false, 12)),
                  false, bytes_text) +
         "</p>";
    s += "<p>" +
         svg_bars("Estimated cost by bucket",
                  bar_rows(top(r, SimulationResult::By::Bucket, true, 12)), false, usd_text) +
         "</p>";
    s += "<h2>Detail</h2><table><tr><th>backend</th><th>bucket</th><th>cloud</th><th>region</th>"
         "<th class=n>status</th><th class=n>requests</th><th class=n>bytes</th>"
         "<th class=n>est. cost</th></tr>";
    for (const auto& a : r.rows)
        s += "<tr><td>" + std::string(backend_name(a.backend)) + "</td><td>" +
             html_escape(a.bucket) + "</td><td>" + html_escape(a.cloud) + "</td><td>" +
             html_escape(a.region) + "</td><td class=n>" + std::to_string(a.status) +
             "</td><td class=n>" + std::to_string(a.requests) + "</td><td class=n>" +
             human_bytes(double(a.bytes)) + "</td><td class=n>" + usd_text(a.usd) + "</td></tr>";
    return s + "</table>" + html_provenance(p) + "</body></html>\n";
}

std::string pdf(const SimulationResult& r, const ReportProvenance& p) {
    PdfDocument doc;
    PdfFlow flow(doc);
    pdf_heading(flow, "Traffic simulation: " + r.source, 16);
    pdf_line(flow, format_text("%llu requests, %s, %.1f%% of bytes from S3, estimated egress %s",
                               static_cast<unsigned long long>(r.requests),
                               human_bytes(double(r.bytes)).c_str(), share(s3_bytes(r), r.bytes),
                               usd_text(r.usd).c_str()));
    if (r.bad_lines)
        pdf_line(flow,
                 format_text("%llu unreadable lines skipped",
                             static_cast<unsigned long long>(r.bad_lines)),
                 9);
    const auto bytes_text = [](double v) { return human_bytes(v); };
    pdf_bars(flow, "Bytes by backend", bar_rows(top(r, SimulationResult::By::Backend, false, 10)),
             false, bytes_text);
    pdf_bars(flow, "Top regions by bytes",
             bar_rows(top(r, SimulationResult::By::Region, false, 12)), false, bytes_text);
    pdf_bars(flow, "Estimated cost by bucket",
             bar_rows(top(r, SimulationResult::By::Bucket, true, 12)), false, usd_text);
    pdf_heading(flow, "Detail");
    std::vector<std::vector<std::string>> rows;
    for (const auto& a : r.rows)
        rows.push_back({std::string(backend_name(a.backend)), a.bucket, a.cloud, a.region,
                        std::to_string(a.status), std::to_string(a.requests),
                        human_bytes(double(a.bytes)), usd_text(a.usd)});
    pdf_table(flow,
              {{"backend", 40, 60},
               {"bucket", 100, 110},
               {"cloud", 210, 50},
               {"region", 260, 95},
               {"status", 355, 40, true},
               {"requests", 395, 60, true},
               {"bytes", 455, 65, true},
               {"cost", 520, 55, true}},
              rows);
    pdf_provenance(flow, p);
    return doc.finish();
}

} // namespace

const char* report_format_name(ReportFormat f) {
    switch (f) {
    case ReportFormat::Csv:
        return "csv";
    case ReportFormat::Json:
        return "json";
    case ReportFormat::Markdown:
        return "md";
    case ReportFormat::Html:
        return "html";
    case ReportFormat::Pdf:
        return "pdf";
    }
    return "?";
}

std::optional<ReportFormat> parse_report_format(std::string_view n) {
    if (n == "csv") return ReportFormat::Csv;
    if (n == "json") return ReportFormat::Json;
    if (n == "md" || n == "markdown") return ReportFormat::Markdown;
    if (n == "html") return ReportFormat::Html;
    if (n == "pdf") return ReportFormat::Pdf;
    return std::nullopt;
}

std::optional<ReportFormat> report_format_for_path(std::string_view path) {
    const auto dot = path.rfind('.');
    if (dot == std::string_view::npos) return std::nullopt;
    const std::string_view ext = path.substr(dot + 1);
    if (ext == "htm") return ReportFormat::Html;
    return parse_report_format(ext);
}

std::string simulation_report(const SimulationResult& r, const ReportProvenance& p,
                              ReportFormat f) {
    switch (f) {
    case ReportFormat::Csv:
        return csv(r, p);
    case ReportFormat::Json:
        return json(r, p);
    case ReportFormat::Markdown:
        return markdown(r, p);
    case ReportFormat::Html:
        return html(r, p);
    case ReportFormat::Pdf:
        return pdf(r, p);
    }
    return {};
}

std::string simulation_summary(const SimulationResult& r) {
    std::string s = format_text(
        "%s (%s): %llu lines, %llu requests", r.source.c_str(), traffic_format_name(r.format),
        static_cast<unsigned long long>(r.lines), static_cast<unsigned long long>(r.requests));
    if (r.bad_lines)
        s += format_text(", %llu unreadable lines skipped",
                         static_cast<unsigned long long>(r.bad_lines));
    s += "\n";
    for (const auto& i : r.issues)
        s += format_text("  line %zu: %s\n", i.line, i.message.c_str());
    s += format_text("bytes %s, %.1f%% from S3; estimated egress %s\n\n",
                     human_bytes(double(r.bytes)).c_str(), share(s3_bytes(r), r.bytes),
                     usd_text(r.usd).c_str());
    const auto section = [&](const char* title, SimulationResult::By by, std::size_t n) {
        s += format_text("%-34s %12s %12s %7s %12s\n", title, "requests", "bytes", "share",
                         "est. cost");
        std::size_t i = 0;
        for (const auto& a : r.rollup(by)) {
            if (i++ == n) break;
            s += format_text("  %-32s %12llu %12s %6.1f%% %12s\n", label(a, by).c_str(),
                             static_cast<unsigned long long>(a.requests),
                             human_bytes(double(a.bytes)).c_str(), share(a.bytes, r.bytes),
                             usd_text(a.usd).c_str());
        }
        s += "\n";
    };
    section("by backend", SimulationResult::By::Backend, 10);
    section("by bucket (top 10)", SimulationResult::By::Bucket, 10);
    section("by cloud region (top 10)", SimulationResult::By::Region, 10);
    return s;
}

} // namespace ociproxy
