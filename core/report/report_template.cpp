#include "core/report/report_template.h"

#include "core/report/report_text.h"

#include <algorithm>

namespace ociproxy {

std::string html_report_start(const std::string& title) {
    return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + html_escape(title) +
           "</title><style>body{font-family:sans-serif;max-width:960px;margin:2em auto}"
           "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px}"
           "td.n,th.n{text-align:right}tr.moved{background:#ffe8b0}</style></head><body><h1>" +
           html_escape(title) + "</h1>";
}

std::string html_provenance(const ReportProvenance& p) {
    std::string s = "<h2>Provenance</h2><ul><li>" + html_escape(p.tool) + ", " +
                    html_escape(p.created) + "</li>";
    for (const auto& [path, sha] : p.inputs)
        s +=
            "<li>input <code>" + html_escape(path) + "</code> sha256 <code>" + sha + "</code></li>";
    for (const auto& [k, v] : p.settings)
        s += "<li>" + html_escape(k) + ": <code>" + html_escape(v) + "</code></li>";
    return s + "</ul>";
}

namespace {

// Okabe–Ito blue and orange, as the console's charts.
constexpr const char* kColourA = "#0072b2";
constexpr const char* kColourB = "#e69f00";

} // namespace

std::string svg_bars(const std::string& title, const std::vector<BarRow>& bars, bool paired,
                     const std::function<std::string(double)>& value_text,
                     const std::string& a_label, const std::string& b_label) {
    const int bar = 16, gap = 6, left = 220, width = 640;
    const int row = paired ? 2 * bar + gap : bar + gap;
    double max = 0;
    for (const auto& b : bars)
        max = std::max({max, b.a, paired ? b.b : 0.0});
    const int legend = paired ? 20 : 0;
    std::string s =
        format_text("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                    "role=\"img\" aria-label=\"%s\">",
                    width, int(bars.size()) * row + 30 + legend, html_escape(title).c_str());
    s += "<text x=\"0\" y=\"16\" font-weight=\"bold\" font-size=\"14\">" + html_escape(title) +
         "</text>";
    const auto one = [&](int y, double v, const char* colour) {
        const double w = max > 0 ? (width - left - 120) * v / max : 0;
        s += format_text("<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>", left,
                         y, w, bar, colour);
        s += format_text("<text x=\"%.1f\" y=\"%d\" font-size=\"12\">", left + w + 6, y + 13) +
             html_escape(value_text(v)) + "</text>";
    };
    for (std::size_t i = 0; i < bars.size(); ++i) {
        const int y = 26 + int(i) * row;
        s += format_text("<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"end\">", left - 8,
                         y + (paired ? bar + 4 : 14)) +
             html_escape(bars[i].name) + "</text>";
        one(y, bars[i].a, kColourA);
        if (paired) one(y + bar, bars[i].b, kColourB);
    }
    if (paired) {
        const int y = 26 + int(bars.size()) * row + 4;
        s += format_text("<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>", left,
                         y, kColourA) +
             format_text("<text x=\"%d\" y=\"%d\" font-size=\"12\">", left + 16, y + 11) +
             html_escape(a_label) + "</text>" +
             format_text("<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>",
                         left + 160, y, kColourB) +
             format_text("<text x=\"%d\" y=\"%d\" font-size=\"12\">", left + 176, y + 11) +
             html_escape(b_label) + "</text>";
    }
    return s + "</svg>";
}

PdfFlow::PdfFlow(PdfDocument& doc)
    : m_doc(doc) {
    m_doc.new_page();
}

double PdfFlow::take(double height) {
    if (m_y + height > PdfDocument::kHeight - 40) {
        m_doc.new_page();
        m_y = 50;
    }
    const double y = m_y;
    m_y += height;
    return y;
}

void pdf_heading(PdfFlow& flow, const std::string& text, double size) {
    flow.doc().text(40, flow.take(size + 13) + size + 5, size, text, true);
}

void pdf_line(PdfFlow& flow, const std::string& text, double size) {
    flow.doc().text(40, flow.take(size + 6) + size + 1, size, text);
}

void pdf_bars(PdfFlow& flow, const std::string& title, const std::vector<BarRow>& bars, bool paired,
              const std::function<std::string(double)>& value_text) {
    PdfDocument& doc = flow.doc();
    double max = 0;
    for (const auto& b : bars)
        max = std::max({max, b.a, paired ? b.b : 0.0});
    pdf_heading(flow, title);
    const auto one = [&](double y, double v, double r, double g, double b) {
        const double w = max > 0 ? 260 * v / max : 0;
        doc.rect(205, y + 2, std::max(w, 0.5), 9, r, g, b);
        doc.text(210 + w, y + 9, 8, value_text(v));
    };
    for (const auto& bar : bars) {
        const double y = flow.take(paired ? 24 : 14);
        doc.text(200 - PdfDocument::text_width(bar.name, 8), y + (paired ? 14 : 9), 8, bar.name);
        one(y, bar.a, 0.0, 0.447, 0.698);
        if (paired) one(y + 10, bar.b, 0.902, 0.624, 0.0);
    }
}

namespace {

// `s` cut to fit `width` points at `size`, with an ellipsis when cut.
std::string fit(const std::string& s, double width, double size) {
    if (PdfDocument::text_width(s, size) <= width) return s;
    std::string out = s;
    while (!out.empty() && PdfDocument::text_width(out + "...", size) > width)
        out.pop_back();
    return out + "...";
}

} // namespace

void pdf_table(PdfFlow& flow, const std::vector<PdfColumn>& columns,
               const std::vector<std::vector<std::string>>& rows,
               const std::vector<bool>& highlighted) {
    PdfDocument& doc = flow.doc();
    const auto cell = [&](const PdfColumn& c, double y, double size, const std::string& text,
                          bool bold) {
        const std::string t = fit(text, c.width - 4, size);
        const double x = c.numeric ? c.x + c.width - 4 - PdfDocument::text_width(t, size) : c.x;
        doc.text(x, y, size, t, bold);
    };
    const auto header = [&] {
        const double y = flow.take(13);
        for (const auto& c : columns)
            cell(c, y + 9, 8, c.title, true);
    };
    header();
    double last_y = -1;
    for (std::size_t r = 0; r < rows.size(); ++r) {
        const double y = flow.take(11);
        double row_y = y;
        // A row that starts a new page repeats the header above it.
        if (y < last_y) {
            for (const auto& c : columns)
                cell(c, y + 8, 8, c.title, true);
            row_y = flow.take(11);
        }
        last_y = row_y;
        if (r < highlighted.size() && highlighted[r]) {
            const auto& end = columns.back();
            doc.rect(columns.front().x - 2, row_y + 0.5, end.x + end.width - columns.front().x + 2,
                     10, 1.0, 0.91, 0.69);
        }
        for (std::size_t i = 0; i < columns.size() && i < rows[r].size(); ++i)
            cell(columns[i], row_y + 8, 7.5, rows[r][i], false);
    }
}

void pdf_provenance(PdfFlow& flow, const ReportProvenance& p) {
    pdf_heading(flow, "Provenance");
    pdf_line(flow, p.tool + ", " + p.created, 7.5);
    for (const auto& [path, sha] : p.inputs)
        pdf_line(flow, "input " + path + " sha256 " + sha, 7.5);
    for (const auto& [k, v] : p.settings)
        pdf_line(flow, k + ": " + v, 7.5);
}

} // namespace ociproxy
