#include "core/decide/blob_presence.h"

#include "core/file_io.h"
#include "core/net/base_url.h"
#include "core/text_lines.h"

#include <charconv>

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

Result<BlobInventory> BlobInventory::parse(std::string_view text, const std::string& source,
                                           const BucketMap& buckets) {
    BlobInventory inv;
    Status status;
    for_each_line(text, [&](std::string_view raw, std::size_t line_no) {
        const std::string_view line = trim_blanks(raw);
        if (line.empty() || line.front() == '#' || line.starts_with("digest")) return true;
        const auto where = source + ":" + std::to_string(line_no);
        const auto c1 = line.find(',');
        const auto c2 = c1 == std::string_view::npos ? c1 : line.find(',', c1 + 1);
        if (c1 == std::string_view::npos) {
            status = Error{"expected \"digest,size,buckets\"", where};
            return false;
        }
        const std::string_view digest = trim_blanks(line.substr(0, c1));
        const std::string_view size_text =
            trim_blanks(line.substr(c1 + 1, c2 == std::string_view::npos ? c2 : c2 - c1 - 1));
        Item item;
        const auto r =
            std::from_chars(size_text.data(), size_text.data() + size_text.size(), item.size);
        if (digest.find(':') == std::string_view::npos || r.ec != std::errc() ||
            r.ptr != size_text.data() + size_text.size()) {
            status = Error{"expected \"digest,size,buckets\" with a digest like sha256:... and a "
                           "size in bytes",
                           where};
            return false;
        }
        std::string_view names =
            c2 == std::string_view::npos ? "" : trim_blanks(line.substr(c2 + 1));
        while (!names.empty() && names != "*") {
            const auto end = names.find_first_of(" ;");
            const std::string_view name = names.substr(0, end);
            names = end == std::string_view::npos ? "" : trim_blanks(names.substr(end + 1));
            if (name.empty()) continue;
            if (name == "default") {
                item.bases.push_back(buckets.default_url());
                continue;
            }
            const Bucket* b = nullptr;
            for (const auto& x : buckets.buckets())
                if (x.name == name) b = &x;
            if (!b) {
                status =
                    Error{"no bucket named '" + std::string(name) + "' in the bucket map", where};
                return false;
            }
            item.bases.push_back(b->url);
        }
        inv.m_items[std::string(digest)] = std::move(item);
        return true;
    });
    if (!status) return status.error();
    return inv;
}

Result<BlobInventory> BlobInventory::load_file(const std::string& path, const BucketMap& buckets) {
    auto text = read_file(path);
    if (!text) return text.error();
    return parse(*text, path, buckets);
}

BlobAnswer BlobInventory::check(std::string_view url) {
    static constexpr std::string_view kImages = "/containers/images/";
    const auto at = url.rfind(kImages);
    if (at == std::string_view::npos) return BlobAnswer::NotFound;
    const auto it = m_items.find(std::string(url.substr(at + kImages.size())));
    if (it == m_items.end()) return BlobAnswer::NotFound;
    if (it->second.bases.empty()) return BlobAnswer::Found;
    const std::string_view base = url.substr(0, at);
    for (const auto& b : it->second.bases)
        if (b == base) return BlobAnswer::Found;
    return BlobAnswer::NotFound;
}

std::optional<std::uint64_t> BlobInventory::blob_size(std::string_view digest) const {
    const auto it = m_items.find(std::string(digest));
    if (it == m_items.end()) return std::nullopt;
    return it->second.size;
}

std::uint64_t BlobInventory::total_bytes() const {
    std::uint64_t total = 0;
    for (const auto& [_, item] : m_items)
        total += item.size;
    return total;
}

} // namespace ociproxy
