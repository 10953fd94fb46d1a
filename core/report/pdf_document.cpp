#include "core/report/pdf_document.h"

#include <cstdio>

namespace ociproxy {
namespace {

std::string num(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", v);
    return buf;
}

// A PDF string literal: backslash, parentheses escaped; UTF-8 folded to
// Latin-1 where it fits.
std::string literal(std::string_view s) {
    std::string out = "(";
    for (std::size_t i = 0; i < s.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (c >= 0x80) {
            // Two-byte UTF-8 sequences for U+0080..U+00FF map to Latin-1.
            if ((c == 0xC2 || c == 0xC3) && i + 1 < s.size()) {
                c = static_cast<unsigned char>(((c & 0x03) << 6) | (s[i + 1] & 0x3F));
                ++i;
            } else {
                while (i + 1 < s.size() && (static_cast<unsigned char>(s[i + 1]) & 0xC0) == 0x80)
                    ++i;
                c = '?';
            }
        }
        if (c == '\\' || c == '(' || c == ')') out += '\\';
        out += static_cast<char>(c);
    }
    return out + ")";
}

} // namespace

void PdfDocument::new_page() {
    m_pages.emplace_back();
}

void PdfDocument::text(double x, double y, double size, std::string_view s, bool bold) {
    if (m_pages.empty()) new_page();
    m_pages.back() += "BT /" + std::string(bold ? "F2" : "F1") + " " + num(size) + " Tf " + num(x) +
                      " " + num(kHeight - y) + " Td " + literal(s) + " Tj ET\n";
}

void PdfDocument::rect(double x, double y, double w, double h, double r, double g, double b) {
    if (m_pages.empty()) new_page();
    m_pages.back() += num(r) + " " + num(g) + " " + num(b) + " rg " + num(x) + " " +
                      num(kHeight - y - h) + " " + num(w) + " " + num(h) + " re f 0 0 0 rg\n";
}

double PdfDocument::text_width(std::string_view s, double size) {
    // Helvetica's average advance is close to half the size for digits and
    // lower case; good enough to right-align numbers.
    return double(s.size()) * size * 0.52;
}

std::string PdfDocument::finish() const {
    std::vector<std::string> objects;
    // 1 catalog, 2 pages, 3 F1, 4 F2, then per page: page, content.
    const std::size_t n = m_pages.empty() ? 1 : m_pages.size();
    std::string kids;
    for (std::size_t i = 0; i < n; ++i)
        kids += std::to_string(5 + 2 * i) + " 0 R ";
    objects.push_back("<< /Type /Catalog /Pages 2 0 R >>");
    objects.push_back("<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(n) + " >>");
    objects.push_back(
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
    objects.push_back(
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>");
    for (std::size_t i = 0; i < n; ++i) {
        const std::string content = m_pages.empty() ? std::string() : m_pages[i];
        objects.push_back("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 " + num(kWidth) + " " +
                          num(kHeight) + "] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> " +
                          "/Contents " + std::to_string(6 + 2 * i) + " 0 R >>");
        objects.push_back("<< /Length " + std::to_string(content.size()) + " >>\nstream\n" +
                          content + "endstream");
    }
    std::string out = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n";
    std::vector<std::size_t> offsets;
    for (std::size_t i = 0; i < objects.size(); ++i) {
        offsets.push_back(out.size());
        out += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
    }
    const std::size_t xref = out.size();
    out += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
    for (const auto off : offsets) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%010zu 00000 n \n", off);
        out += buf;
    }
    out += "trailer\n<< /Size " + std::to_string(objects.size() + 1) +
           " /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
    return out;
}

} // namespace ociproxy
