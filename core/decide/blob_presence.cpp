#include "core/decide/blob_presence.h"

#include "core/file_io.h"
#include "core/net/base_url.h"
#include "core/text_lines.h"

namespace ociproxy {

const char* blob_answer_name(BlobAnswer a) {
    switch (a) {
    case BlobAnswer::Found:
        return "found";
    case BlobAnswer::NotFound:
        return "not_found";
    case BlobAnswer::Error:
        return "error";
    case BlobAnswer::Timeout:
        return "timeout";
    }
    return "?";
}

Result<BlobUrlList> BlobUrlList::parse(std::string_view text, const std::string& source) {
    BlobUrlList list;
    Status status;
    for_each_line(text, [&](std::string_view raw, std::size_t line_no) {
        const std::string_view line = trim_blanks(raw);
        if (line.empty() || line.front() == '#') return true;
        if (auto s = check_base_url(line); !s) {
            status = Error{s.error().message, source + ":" + std::to_string(line_no)};
            return false;
        }
        list.m_urls.emplace(line);
        return true;
    });
    if (!status) return status.error();
    return list;
}

Result<BlobUrlList> BlobUrlList::load_file(const std::string& path) {
    auto text = read_file(path);
    if (!text) return text.error();
    return parse(*text, path);
}

BlobAnswer BlobUrlList::check(std::string_view url) {
    return m_urls.count(std::string(url)) ? BlobAnswer::Found : BlobAnswer::NotFound;
}

} // namespace ociproxy
