#pragma once

#include "core/report/pdf_document.h"
#include "core/report/provenance.h"

#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace ociproxy {

// The look every report shares (simulation, comparison): one HTML style,
// inline SVG bar charts, PDF pages that flow, PDF tables whose columns line
// up with their headers, and the provenance block.

// "<!DOCTYPE html>…<body><h1>title</h1>": the shared style included
// (tables, right-aligned numbers, highlighted rows with class "moved").
std::string html_report_start(const std::string& title);
std::string html_provenance(const ReportProvenance& p); // "<h2>Provenance</h2><ul>…</ul>"

// Horizontal bars as inline SVG; one value per bar, or two (A and B) with a
// legend.
struct BarRow {
    std::string name;
    double a = 0, b = 0;
};
std::string svg_bars(const std::string& title, const std::vector<BarRow>& bars, bool paired,
                     const std::function<std::string(double)>& value_text,
                     const std::string& a_label = {}, const std::string& b_label = {});

// PDF pages filled top to bottom; a block that would not fit starts a page.
class PdfFlow {
public:
    explicit PdfFlow(PdfDocument& doc);
    double take(double height);
    PdfDocument& doc() { return m_doc; }

private:
    PdfDocument& m_doc;
    double m_y = 50;
};

void pdf_heading(PdfFlow& flow, const std::string& text, double size = 11);
void pdf_line(PdfFlow& flow, const std::string& text, double size = 10);
void pdf_bars(PdfFlow& flow, const std::string& title, const std::vector<BarRow>& bars, bool paired,
              const std::function<std::string(double)>& value_text);

// A table: each column's left edge and width; numeric columns are right-
// aligned at their right edge, header included, so the numbers stand under
// their heading. Text longer than its column is cut with "…".
struct PdfColumn {
    std::string title;
    double x, width;
    bool numeric = false;
};
void pdf_table(PdfFlow& flow, const std::vector<PdfColumn>& columns,
               const std::vector<std::vector<std::string>>& rows,
               const std::vector<bool>& highlighted = {});
void pdf_provenance(PdfFlow& flow, const ReportProvenance& p);

} // namespace ociproxy
