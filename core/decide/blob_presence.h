#pragma once

#include "core/result.h"

#include <string>
#include <string_view>
#include <unordered_set>

namespace ociproxy {

enum class BlobAnswer { Found, NotFound, Error, Timeout };

const char* blob_answer_name(BlobAnswer a);

// "Is this blob really in that bucket?" The server answers with HEAD checks;
// the CLI and the console with one of the offline policies below.
class BlobPresence {
public:
    virtual ~BlobPresence() = default;
    virtual BlobAnswer check(std::string_view blob_url) = 0;
};

// Every blob is mirrored everywhere (the usual case, and the CLI default).
class AllBlobsPresent final : public BlobPresence {
public:
    BlobAnswer check(std::string_view) override { return BlobAnswer::Found; }
};

// No bucket has anything: every blob request falls back to upstream.
class NoBlobsPresent final : public BlobPresence {
public:
    BlobAnswer check(std::string_view) override { return BlobAnswer::NotFound; }
};

// Exactly the listed blob URLs exist (one per line; blank lines and '#'
// comments skipped).
class BlobUrlList final : public BlobPresence {
public:
    static Result<BlobUrlList> parse(std::string_view text, const std::string& source);
    static Result<BlobUrlList> load_file(const std::string& path);
    BlobAnswer check(std::string_view url) override;
    std::size_t size() const { return m_urls.size(); }

private:
    std::unordered_set<std::string> m_urls;
};

} // namespace ociproxy
