#include "core/decide/blob_presence.h"

#include "core/file_io.h"
#include "core/net/base_url.h"

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
    std::size_t line_no = 0;
    while (!text.empty()) {
        const auto nl = text.find('\n');
        std::string_view line = text.substr(0, nl);
        text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
        ++line_no;
        while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t'))
            line.remove_suffix(1);
        while (!line.empty() && (line.front() == ' ' || line.front() == '\t'))
            line.remove_prefix(1);
        if (line.empty() || line.front() == '#') continue;
        if (auto s = check_base_url(line); !s)
            return Error{s.error().message, source + ":" + std::to_string(line_no)};
        list.m_urls.emplace(line);
    }
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
