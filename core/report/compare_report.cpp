#include "core/report/compare_report.h"

#include "core/json_util.h"
#include "core/report/pdf_document.h"
#include "core/report/report_template.h"
#include "core/report/report_text.h"
#include "core/simulate/movement.h"

#include <boost/json.hpp>
#include <cstdio>

namespace ociproxy {
namespace {

std::string gib(double bytes) {
    return format_text("%.2f GiB", bytes / (1024.0 * 1024 * 1024));
}

std::string where(Backend b, const std::string& bucket) {
    const std::string name(backend_name(b));
    return bucket == name ? name : name + "/" + bucket;
}

std::string header_line(const CompareResult& c) {
    return format_text("A: %s, %s; B: %s, %s; B - A: %s", gib(double(c.a.bytes)).c_str(),
                       usd_text(c.a.usd).c_str(), gib(double(c.b.bytes)).c_str(),
                       usd_text(c.b.usd).c_str(), usd_text(c.b.usd - c.a.usd).c_str());
}

std::vector<BarRow> bar_rows(const std::vector<ChangedDestination>& changed) {
    std::vector<BarRow> out;
    for (const auto& d : changed)
        out.push_back({d.name, d.usd_a, d.usd_b});
    return out;
}

} // namespace

std::string compare_summary(const CompareResult& c) {
    std::string s = format_text("%s: %llu requests\n", c.a.source.c_str(),
                                static_cast<unsigned long long>(c.a.requests));
    s += header_line(c) + "\n\n";
    s += format_text("%-30s %-30s %12s %12s %12s\n", "from (A)", "to (B)", "requests", "cost A",
                     "cost B");
    for (const auto& m : c.moves)
        s += format_text("%-30s %-30s %12llu %12s %12s%s\n", where(m.from_backend, m.from).c_str(),
                         where(m.to_backend, m.to).c_str(),
                         static_cast<unsigned long long>(m.requests), usd_text(m.usd_a).c_str(),
                         usd_text(m.usd_b).c_str(), has_moved(m) ? "  moved" : "");
    if (!c.changed.empty()) {
        s += "\nfirst changed requests:\n";
        for (const auto& r : c.changed)
            s += format_text("  line %zu: %s: %s -> %s\n", r.line, r.input.c_str(), r.from.c_str(),
                             r.to.c_str());
    }
    return s;
}

std::string compare_report(const CompareResult& c, const ReportProvenance& p, ReportFormat f) {
    switch (f) {
    case ReportFormat::Csv: {
        std::string s = "# " + p.tool + ", " + p.created + "\n";
        for (const auto& [path, sha] : p.inputs)
            s += "# input " + path + " sha256 " + sha + "\n";
        for (const auto& [k, v] : p.settings)
            s += "# " + k + " = " + v + "\n";
        s += "from_backend,from,to_backend,to,requests,bytes_a,bytes_b,usd_a,usd_b,delta_usd,"
             "moved\n";
        for (const auto& m : c.moves)
            s += std::string(backend_name(m.from_backend)) + "," + csv_field(m.from) + "," +
                 std::string(backend_name(m.to_backend)) + "," + csv_field(m.to) + "," +
                 std::to_string(m.requests) + "," + std::to_string(m.bytes_a) + "," +
                 std::to_string(m.bytes_b) + "," + format_text("%.6f", m.usd_a) + "," +
                 format_text("%.6f", m.usd_b) + "," + format_text("%.6f", m.usd_b - m.usd_a) +
                 (has_moved(m) ? ",yes\n" : ",no\n");
        return s;
    }
    case ReportFormat::Json: {
        boost::json::array moves, changed, inputs;
        for (const auto& m : c.moves)
            moves.push_back({{"from_backend", backend_name(m.from_backend)},
                             {"from", m.from},
                             {"to_backend", backend_name(m.to_backend)},
                             {"to", m.to},
                             {"requests", m.requests},
                             {"bytes_a", m.bytes_a},
                             {"bytes_b", m.bytes_b},
                             {"usd_a", m.usd_a},
                             {"usd_b", m.usd_b},
                             {"delta_usd", m.usd_b - m.usd_a},
                             {"moved", has_moved(m)}});
        for (const auto& r : c.changed)
            changed.push_back(
                {{"line", r.line}, {"input", r.input}, {"from", r.from}, {"to", r.to}});
        for (const auto& [path, sha] : p.inputs)
            inputs.push_back({{"path", path}, {"sha256", sha}});
        boost::json::object settings;
        for (const auto& [k, v] : p.settings)
            settings[k] = v;
        boost::json::object root{
            {"provenance",
             {{"tool", p.tool},
              {"created", p.created},
              {"inputs", inputs},
              {"settings", settings}}},
            {"a", {{"requests", c.a.requests}, {"bytes", c.a.bytes}, {"usd", c.a.usd}}},
            {"b", {{"requests", c.b.requests}, {"bytes", c.b.bytes}, {"usd", c.b.usd}}},
            {"delta_usd", c.b.usd - c.a.usd},
            {"moves", moves},
            {"changed", changed}};
        return pretty_json(root);
    }
    case ReportFormat::Pdf: {
        PdfDocument doc;
        PdfFlow flow(doc);
        pdf_heading(flow, "Scenario comparison: " + c.a.source, 16);
        pdf_line(flow, header_line(c));
        pdf_line(flow, format_text("%llu of %llu requests route differently under B",
                                   static_cast<unsigned long long>(moved_requests(c)),
                                   static_cast<unsigned long long>(c.a.requests)));
        const auto bars = bar_rows(changed_destinations(c, 12));
        if (!bars.empty())
            pdf_bars(flow, "Estimated cost where requests move (A blue, B orange)", bars, true,
                     usd_text);
        pdf_heading(flow, "Movement (A -> B)");
        std::vector<std::vector<std::string>> rows;
        std::vector<bool> moved;
        for (const auto& m : c.moves) {
            rows.push_back({where(m.from_backend, m.from), where(m.to_backend, m.to),
                            std::to_string(m.requests), usd_text(m.usd_a), usd_text(m.usd_b),
                            usd_text(m.usd_b - m.usd_a), has_moved(m) ? "yes" : ""});
            moved.push_back(has_moved(m));
        }
        pdf_table(flow,
                  {{"from (A)", 40, 130},
                   {"to (B)", 170, 130},
                   {"requests", 300, 60, true},
                   {"cost A", 360, 60, true},
                   {"cost B", 420, 60, true},
                   {"B - A", 480, 60, true},
                   {"moved", 545, 40}},
                  rows, moved);
        pdf_provenance(flow, p);
        return doc.finish();
    }
    case ReportFormat::Markdown:
    case ReportFormat::Html: {
        const bool md = f == ReportFormat::Markdown;
        const auto bars = md ? std::vector<BarRow>{} : bar_rows(changed_destinations(c, 12));
        std::string s =
            md ? "## Scenario comparison: " + c.a.source + "\n\n" + header_line(c) +
                     "\n\n| from (A) | to (B) | requests | cost A | cost B | B - A | moved "
                     "|\n|---|---|---:|---:|---:|---:|---|\n"
               : html_report_start("Scenario comparison: " + c.a.source) + "<p>" + header_line(c) +
                     "; <b>" + std::to_string(moved_requests(c)) + "</b> of " +
                     std::to_string(c.a.requests) + " requests route differently under B.</p>" +
                     (bars.empty() ? std::string()
                                   : "<p>" +
                                         svg_bars("Estimated cost where requests move", bars, true,
                                                  usd_text, "A (workspace)", "B") +
                                         "</p>") +
                     "<h2>Movement (A → B)</h2><table><tr><th>from (A)</th><th>to (B)</th>"
                     "<th class=n>requests</th><th class=n>cost A</th><th class=n>cost B</th>"
                     "<th class=n>B - A</th><th>moved</th></tr>";
        for (const auto& m : c.moves) {
            const std::string from = where(m.from_backend, m.from), to = where(m.to_backend, m.to);
            const std::string delta = usd_text(m.usd_b - m.usd_a);
            s += md ? format_text("| %s | %s | %llu | %s | %s | %s | %s |\n", from.c_str(),
                                  to.c_str(), static_cast<unsigned long long>(m.requests),
                                  usd_text(m.usd_a).c_str(), usd_text(m.usd_b).c_str(),
                                  delta.c_str(), has_moved(m) ? "yes" : "")
                    : std::string(has_moved(m) ? "<tr class=\"moved\">" : "<tr>") + "<td>" +
                          html_escape(from) + "</td><td>" + html_escape(to) + "</td><td class=n>" +
                          std::to_string(m.requests) + "</td><td class=n>" + usd_text(m.usd_a) +
                          "</td><td class=n>" + usd_text(m.usd_b) + "</td><td class=n>" + delta +
                          "</td><td>" + (has_moved(m) ? "yes" : "") + "</td></tr>";
        }
        if (!md) return s + "</table>" + html_provenance(p) + "</body></html>\n";
        s += "\n<details><summary>Provenance</summary>\n\n- " + p.tool + ", " + p.created + "\n";
        for (const auto& [path, sha] : p.inputs)
            s += "- input `" + path + "` sha256 `" + sha + "`\n";
        for (const auto& [k, v] : p.settings)
            s += "- " + k + ": `" + v + "`\n";
        return s + "\n</details>\n";
    }
    }
    return {};
}

} // namespace ociproxy
