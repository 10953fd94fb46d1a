#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ociproxy {

// A minimal PDF 1.4 writer for reports: A4 pages, Helvetica text (the
// standard font every reader has, so nothing is embedded), filled
// rectangles. Text is Latin-1; other characters print as '?'. Enough for
// tables and bar charts a reader and pdftotext both understand.
class PdfDocument {
public:
    static constexpr double kWidth = 595.0, kHeight = 842.0; // A4 in points

    void new_page();
    // Baseline at (x, y) from the page's top-left corner, in points.
    void text(double x, double y, double size, std::string_view s, bool bold = false);
    void rect(double x, double y, double w, double h, double r, double g, double b);

    // Approximate width of `s` in Helvetica at `size` (for right alignment).
    static double text_width(std::string_view s, double size);

    std::string finish() const;

private:
    std::vector<std::string> m_pages; // content streams
};

} // namespace ociproxy
