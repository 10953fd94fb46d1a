#include "core/report/simulation_report.h"

#include "core/json_util.h"
#include "core/report/pdf_document.h"
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

// A horizontal bar chart as inline SVG: no scripts, no external files.
std::string svg_bars(const std::string& title,
                     const std::vector<std::pair<std::string, double>>& bars,
                     const std::function<std::string(double)>& value_text) {
    const int row = 22, left = 220, width = 640;
    double max = 0;
    for (const auto& [n, v] : bars)
        max = std::max(max, v);
    std::string s =
        format_text("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                    "role=\"img\" aria-label=\"%s\">",
                    width, int(bars.size()) * row + 30, html_escape(title).c_str());
    s += "<text x=\"0\" y=\"16\" font-weight=\"bold\" font-size=\"14\">" + html_escape(title) +
         "</text>";
    for (std::size_t i = 0; i < bars.size(); ++i) {
        const int y = 26 + int(i) * row;
        const double w = max > 0 ? (width - left - 120) * bars[i].second / max : 0;
        s += format_text("<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"end\">", left - 8,
                         y + 14) +
             html_escape(bars[i].first) + "</text>";
        s += format_text("<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"16\" fill=\"#326ce5\"/>",
                         left, y, w);
        s += format_text("<text x=\"%.1f\" y=\"%d\" font-size=\"12\">", left + w + 6, y + 13) +
             html_escape(value_text(bars[i].second)) + "</text>";
    }
    return s + "</svg>";
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

std::string html(const SimulationResult& r, const ReportProvenance& p) {
    std::string s =
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Traffic simulation: " +
        html_escape(r.source) +
        "</title><style>body{font-family:sans-serif;max-width:960px;margin:2em auto}"
        "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px}"
        "td.n{text-align:right}</style></head><body>";
    s += "<h1>Traffic simulation: " + html_escape(r.source) + "</h1>";
    s += format_text(
        "<p><b>%llu requests</b>, %s, <b>%.1f%%</b> of bytes served from S3, estimated egress "
        "<b>%s</b>.</p>",
        static_cast<unsigned long long>(r.requests), human_bytes(double(r.bytes)).c_str(),
        share(s3_bytes(r), r.bytes), usd_text(r.usd).c_str());
    const auto bytes_text = [](double v) { return human_bytes(v); };
    s +=
        "<p>" +
        svg_bars("Bytes by backend", top(r, SimulationResult::By::Backend, false, 10), bytes_text) +
        "</p>";
    s += "<p>" +
         svg_bars("Top regions by bytes", top(r, SimulationResult::By::Region, false, 12),
                  bytes_text) +
         "</p>";
    s += "<p>" +
         svg_bars("Estimated cost by bucket", top(r, SimulationResult::By::Bucket, true, 12),
                  usd_text) +
         "</p>";
    s += "<h2>Detail</h2><table><tr><th>backend</th><th>bucket</th><th>cloud</th><th>region</th>"
         "<th>status</th><th>requests</th><th>bytes</th><th>est. cost</th></tr>";
    for (const auto& a : r.rows)
        s += "<tr><td>" + std::string(backend_name(a.backend)) + "</td><td>" +
             html_escape(a.bucket) + "</td><td>" + html_escape(a.cloud) + "</td><td>" +
             html_escape(a.region) + "</td><td class=n>" + std::to_string(a.status) +
             "</td><td class=n>" + std::to_string(a.requests) + "</td><td class=n>" +
             human_bytes(double(a.bytes)) + "</td><td class=n>" + usd_text(a.usd) + "</td></tr>";
    s += "</table><h2>Provenance</h2><ul><li>" + html_escape(p.tool) + ", " +
         html_escape(p.created) + "</li>";
    for (const auto& [path, sha] : p.inputs)
        s +=
            "<li>input <code>" + html_escape(path) + "</code> sha256 <code>" + sha + "</code></li>";
    for (const auto& [k, v] : p.settings)
        s += "<li>" + html_escape(k) + ": <code>" + html_escape(v) + "</code></li>";
    return s + "</ul></body></html>\n";
}

// Pages fill top to bottom; a row that would not fit starts a new page.
class PdfFlow {
public:
    explicit PdfFlow(PdfDocument& doc)
        : m_doc(doc) {
        m_doc.new_page();
    }
    double take(double height) {
        if (m_y + height > PdfDocument::kHeight - 40) {
            m_doc.new_page();
            m_y = 50;
        }
        const double y = m_y;
        m_y += height;
        return y;
    }

private:
    PdfDocument& m_doc;
    double m_y = 50;
};

void pdf_bars(PdfDocument& doc, PdfFlow& flow, const std::string& title,
              const std::vector<std::pair<std::string, double>>& bars,
              const std::function<std::string(double)>& value_text) {
    double max = 0;
    for (const auto& [n, v] : bars)
        max = std::max(max, v);
    doc.text(40, flow.take(22) + 14, 11, title, true);
    for (const auto& [name, v] : bars) {
        const double y = flow.take(14);
        const double w = max > 0 ? 260 * v / max : 0;
        doc.text(200 - PdfDocument::text_width(name, 8), y + 9, 8, name);
        doc.rect(205, y + 2, std::max(w, 0.5), 9, 0.196, 0.424, 0.898);
        doc.text(210 + w, y + 9, 8, value_text(v));
    }
}

std::string pdf(const SimulationResult& r, const ReportProvenance& p) {
    PdfDocument doc;
    PdfFlow flow(doc);
    doc.text(40, flow.take(24) + 16, 16, "Traffic simulation: " + r.source, true);
    doc.text(40, flow.take(16) + 11, 10,
             format_text("%llu requests, %s, %.1f%% of bytes from S3, estimated egress %s",
                         static_cast<unsigned long long>(r.requests),
                         human_bytes(double(r.bytes)).c_str(), share(s3_bytes(r), r.bytes),
                         usd_text(r.usd).c_str()));
    if (r.bad_lines)
        doc.text(40, flow.take(14) + 10, 9,
                 format_text("%llu unreadable lines skipped",
                             static_cast<unsigned long long>(r.bad_lines)));
    const auto bytes_text = [](double v) { return human_bytes(v); };
    pdf_bars(doc, flow, "Bytes by backend", top(r, SimulationResult::By::Backend, false, 10),
             bytes_text);
    pdf_bars(doc, flow, "Top regions by bytes", top(r, SimulationResult::By::Region, false, 12),
             bytes_text);
    pdf_bars(doc, flow, "Estimated cost by bucket", top(r, SimulationResult::By::Bucket, true, 12),
             usd_text);

    doc.text(40, flow.take(24) + 16, 11, "Detail", true);
    const double cols[] = {40, 100, 210, 260, 360, 400, 470, 540};
    const char* heads[] = {"backend", "bucket",   "cloud", "region",
                           "status",  "requests", "bytes", "cost"};
    double y = flow.take(12);
    for (int i = 0; i < 8; ++i)
        doc.text(cols[i], y + 9, 8, heads[i], true);
    for (const auto& a : r.rows) {
        y = flow.take(11);
        const std::string cells[] = {std::string(backend_name(a.backend)),
                                     a.bucket,
                                     a.cloud,
                                     a.region,
                                     std::to_string(a.status),
                                     std::to_string(a.requests),
                                     human_bytes(double(a.bytes)),
                                     usd_text(a.usd)};
        for (int i = 0; i < 8; ++i)
            doc.text(cols[i], y + 8, 7.5, cells[i].substr(0, 24));
    }
    doc.text(40, flow.take(24) + 16, 11, "Provenance", true);
    doc.text(40, flow.take(11) + 8, 7.5, p.tool + ", " + p.created);
    for (const auto& [path, sha] : p.inputs)
        doc.text(40, flow.take(11) + 8, 7.5, "input " + path + " sha256 " + sha);
    for (const auto& [k, v] : p.settings)
        doc.text(40, flow.take(11) + 8, 7.5, k + ": " + v);
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
