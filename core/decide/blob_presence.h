#pragma once

#include "core/buckets/bucket_map.h"
#include "core/result.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace ociproxy {

enum class BlobAnswer { Found, NotFound, Error, Timeout };

const char* blob_answer_name(BlobAnswer a);

// "Is this blob really in that bucket?" The server answers with HEAD checks;
// the CLI and the console with one of the offline policies below.
class BlobPresence {
public:
    virtual ~BlobPresence() = default;
    virtual BlobAnswer check(std::string_view blob_url) = 0;
    // The blob's size when the policy knows it (an inventory), for bytes and
    // cost in simulations.
    virtual std::optional<std::uint64_t> blob_size(std::string_view /*digest*/) const {
        return std::nullopt;
    }
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

// An inventory of mirrored blobs (DESIGN §5), CSV lines
// "digest,size,buckets": the bucket names (space or ';' separated) that hold
// the blob, "default" for the default base URL, empty or "*" for all of
// them. An optional header line starts with "digest". Errors name the line.
class BlobInventory final : public BlobPresence {
public:
    static Result<BlobInventory> parse(std::string_view text, const std::string& source,
                                       const BucketMap& buckets);
    static Result<BlobInventory> load_file(const std::string& path, const BucketMap& buckets);
    BlobAnswer check(std::string_view url) override;
    std::optional<std::uint64_t> blob_size(std::string_view digest) const override;
    std::size_t size() const { return m_items.size(); }
    // The bytes of every listed blob once: the size of the mirrored store.
    std::uint64_t total_bytes() const;

private:
    struct Item {
        std::uint64_t size = 0;
        std::vector<std::string> bases; // empty: every bucket
    };
    std::unordered_map<std::string, Item> m_items;
};

} // namespace ociproxy
