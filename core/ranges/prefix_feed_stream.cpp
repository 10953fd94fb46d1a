#include "core/ranges/prefix_feed_stream.h"

#include "core/prefault.h"

#include <boost/json/basic_parser_impl.hpp>
#include <cstring>
#include <string>
#include <vector>

namespace ociproxy::detail {

namespace {

namespace json = boost::json;

enum class Feed { None, Prefixes, Ipv6Prefixes, Skip };
enum class Field {
    Other,
    IpPrefix,
    Ipv6Prefix,
    Ipv4PrefixGcp,
    Ipv6PrefixGcp,
    Region,
    Scope,
    Service
};
enum class Kind : unsigned char { Aws, Gcp };

Field field_of(std::string_view key) {
    if (key == "ip_prefix") return Field::IpPrefix;
    if (key == "ipv6_prefix") return Field::Ipv6Prefix;
    if (key == "ipv4Prefix") return Field::Ipv4PrefixGcp;
    if (key == "ipv6Prefix") return Field::Ipv6PrefixGcp;
    if (key == "region") return Field::Region;
    if (key == "scope") return Field::Scope;
    if (key == "service") return Field::Service;
    return Field::Other;
}

bool is_feed_key(std::string_view key) {
    return key == "prefixes" || key == "ipv6_prefixes" || key == "syncToken" ||
           key == "createDate" || key == "creationTime";
}

// The fields of one entry object; a field seen twice gives up.
struct Entry {
    std::string ip, ip6, v4, v6, region, scope, service;
    bool has_ip = false, has_ip6 = false, has_v4 = false, has_v6 = false;
    bool has_region = false, has_scope = false, has_service = false;

    // Empty again, the strings keeping their room for the next entry.
    void clear() {
        for (std::string* s : {&ip, &ip6, &v4, &v6, &region, &scope, &service})
            s->clear();
        has_ip = has_ip6 = has_v4 = has_v6 = has_region = has_scope = has_service = false;
    }
};

class Handler {
public:
    static constexpr std::size_t max_object_size = std::size_t(-1);
    static constexpr std::size_t max_array_size = std::size_t(-1);
    static constexpr std::size_t max_key_size = std::size_t(-1);
    static constexpr std::size_t max_string_size = std::size_t(-1);

    // What was read, for the caller to decide the format.
    std::vector<RangeEntry> prefixes, ipv6;
    std::vector<Kind> kinds; // per entry of the "prefixes" list
    std::string sync_token, create_date, creation_time;
    bool seen_prefixes = false, seen_ipv6 = false, seen_create = false, seen_creation = false,
         seen_sync = false;

    bool on_document_begin(json::error_code&) { return true; }
    bool on_document_end(json::error_code&) { return true; }

    bool on_object_begin(json::error_code& ec) {
        ++m_depth;
        if (m_depth == 1) return true;
        if (m_depth == 2) return skip_or_fail(ec); // a root member that is an object
        if (m_depth == 3 && in_feed()) {
            m_entry.clear();
            return true;
        }
        return m_feed == Feed::Skip || fail(ec);
    }
    bool on_object_end(std::size_t, json::error_code& ec) {
        --m_depth;
        if (m_depth == 2 && in_feed()) return finish_entry(ec);
        if (m_depth == 1) m_feed = Feed::None;
        return true;
    }
    bool on_array_begin(json::error_code& ec) {
        ++m_depth;
        if (m_depth == 1) return fail(ec); // the root must be an object
        if (m_depth == 2) {
            if (m_root_key == "prefixes") return enter(Feed::Prefixes, seen_prefixes, ec);
            if (m_root_key == "ipv6_prefixes") return enter(Feed::Ipv6Prefixes, seen_ipv6, ec);
            return skip_or_fail(ec);
        }
        return m_feed == Feed::Skip || fail(ec); // arrays inside entries are not a feed's shape
    }
    bool on_array_end(std::size_t, json::error_code&) {
        --m_depth;
        if (m_depth == 1) m_feed = Feed::None;
        return true;
    }

    bool on_key_part(json::string_view s, std::size_t, json::error_code&) {
        m_key.append(s.data(), s.size());
        return true;
    }
    bool on_key(json::string_view s, std::size_t, json::error_code& ec) {
        // Whole in `s` unless the parser met it in parts (not for a buffer
        // parsed in one call): read where it is, not from a copy.
        const std::string_view key = m_key.empty()
                                         ? std::string_view(s.data(), s.size())
                                         : std::string_view(m_key.append(s.data(), s.size()));
        if (m_depth == 1) {
            m_root_key = key;
            // Azure's list, or a file that names both: the document reader decides.
            if (m_root_key == "values") return fail(ec);
        } else if (m_depth == 3 && in_feed()) {
            m_field = field_of(key);
        }
        m_key.clear();
        return true;
    }

    bool on_string_part(json::string_view s, std::size_t, json::error_code&) {
        m_string.append(s.data(), s.size());
        return true;
    }
    bool on_string(json::string_view s, std::size_t, json::error_code& ec) {
        m_value = m_string.empty() ? std::string_view(s.data(), s.size())
                                   : std::string_view(m_string.append(s.data(), s.size()));
        bool ok = true;
        if (m_depth == 1)
            ok = root_string(ec);
        else if (m_depth == 3 && in_feed())
            ok = entry_string(ec);
        else
            ok = scalar(ec);
        m_string.clear();
        return ok;
    }

    bool on_number_part(json::string_view, json::error_code&) { return true; }
    bool on_int64(std::int64_t, json::string_view, json::error_code& ec) { return scalar(ec); }
    bool on_uint64(std::uint64_t, json::string_view, json::error_code& ec) { return scalar(ec); }
    bool on_double(double, json::string_view, json::error_code& ec) { return scalar(ec); }
    bool on_bool(bool, json::error_code& ec) { return scalar(ec); }
    bool on_null(json::error_code& ec) { return scalar(ec); }
    bool on_comment_part(json::string_view, json::error_code&) { return true; }
    bool on_comment(json::string_view, json::error_code&) { return true; }

private:
    bool in_feed() const { return m_feed == Feed::Prefixes || m_feed == Feed::Ipv6Prefixes; }
    static bool fail(json::error_code& ec) {
        ec = json::error::extra_data; // any code: the caller only sees "give up"
        return false;
    }
    // A root member's nested value: skipped, unless it is one the feeds
    // define, which must then have their shape.
    bool skip_or_fail(json::error_code& ec) {
        if (is_feed_key(m_root_key)) return fail(ec);
        m_feed = Feed::Skip;
        return true;
    }
    bool enter(Feed f, bool& seen, json::error_code& ec) {
        if (seen) return fail(ec);
        seen = true;
        m_feed = f;
        return true;
    }
    // A number, bool or null (or a string outside the feeds' places): fine
    // in skipped values and unknown root members, a reason to give up
    // anywhere a feed expects a string.
    bool scalar(json::error_code& ec) {
        if (m_feed == Feed::Skip) return true;
        if (m_depth == 1) return !is_feed_key(m_root_key) || fail(ec);
        return fail(ec);
    }
    bool root_string(json::error_code& ec) {
        const auto take = [&](std::string& out, bool& seen) {
            if (seen) return fail(ec);
            seen = true;
            out = m_value;
            return true;
        };
        if (m_root_key == "syncToken") return take(sync_token, seen_sync);
        if (m_root_key == "createDate") return take(create_date, seen_create);
        if (m_root_key == "creationTime") return take(creation_time, seen_creation);
        if (m_root_key == "prefixes" || m_root_key == "ipv6_prefixes") return fail(ec);
        return true;
    }
    bool entry_string(json::error_code& ec) {
        const auto set = [&](std::string& out, bool& seen) {
            if (seen) return fail(ec);
            seen = true;
            out = m_value;
            return true;
        };
        switch (m_field) {
        case Field::IpPrefix:
            return set(m_entry.ip, m_entry.has_ip);
        case Field::Ipv6Prefix:
            return set(m_entry.ip6, m_entry.has_ip6);
        case Field::Ipv4PrefixGcp:
            return set(m_entry.v4, m_entry.has_v4);
        case Field::Ipv6PrefixGcp:
            return set(m_entry.v6, m_entry.has_v6);
        case Field::Region:
            return set(m_entry.region, m_entry.has_region);
        case Field::Scope:
            return set(m_entry.scope, m_entry.has_scope);
        case Field::Service:
            return set(m_entry.service, m_entry.has_service);
        case Field::Other:
            return true;
        }
        return true;
    }
    bool finish_entry(json::error_code& ec) {
        const Entry& e = m_entry;
        if (m_feed == Feed::Ipv6Prefixes) {
            // AWS's second list: ipv6_prefix, region and service.
            if (!(e.has_ip6 && e.has_region && e.has_service)) return fail(ec);
            auto prefix = IpPrefix::parse(e.ip6);
            if (!prefix) return fail(ec);
            // After the "prefixes" list (as AWS publishes it) they join it at
            // once: the entries stay in the document reader's order.
            (seen_prefixes ? prefixes : ipv6)
                .push_back(RangeEntry{*prefix, {}, e.region, e.service});
            return true;
        }
        const bool gcp = e.has_v4 || e.has_v6;
        // Keys of both feeds in one entry: which reader applies depends on
        // the whole file, so the document reader decides.
        if (e.has_ip == gcp) return fail(ec);
        if (e.has_ip) {
            if (!(e.has_region && e.has_service)) return fail(ec);
            auto prefix = IpPrefix::parse(e.ip);
            if (!prefix) return fail(ec);
            prefixes.push_back(RangeEntry{*prefix, {}, e.region, e.service});
            kinds.push_back(Kind::Aws);
            return true;
        }
        if (!e.has_scope) return fail(ec);
        // As the document reader: ipv4Prefix when both are there.
        auto prefix = IpPrefix::parse(e.has_v4 ? e.v4 : e.v6);
        if (!prefix) return fail(ec);
        prefixes.push_back(
            RangeEntry{*prefix, {}, e.scope, e.has_service ? e.service : "Google Cloud"});
        kinds.push_back(Kind::Gcp);
        return true;
    }

    int m_depth = 0;
    Feed m_feed = Feed::None;
    std::string m_root_key, m_key, m_string;
    std::string_view m_value; // the string being read: in the input or in m_string
    Field m_field = Field::Other;
    Entry m_entry;
};

// How many times `key` occurs in `body`: a capacity hint, exact for the
// published files. Found by memchr for the key's byte `anchor`, rare in the
// feeds ('x' in "refix\""), and compared around it: memmem read the 2.5 MB
// of AWS's file at 3.4 instructions a byte, a tenth of the start-up's parse.
std::size_t count_key(std::string_view body, std::string_view key, std::size_t anchor) {
    std::size_t n = 0;
    const char* const begin = body.data();
    const char* const end = begin + body.size();
    const char* at = begin + anchor;
    while (at < end) {
        const auto* hit =
            static_cast<const char*>(std::memchr(at, key[anchor], std::size_t(end - at)));
        if (!hit) break;
        const char* const start = hit - anchor;
        if (std::size_t(end - start) >= key.size() &&
            std::memcmp(start, key.data(), key.size()) == 0)
            ++n;
        at = hit + 1;
    }
    return n;
}

} // namespace

std::optional<RangeSet> read_prefix_feed_streaming(std::string_view body) {
    json::basic_parser<Handler> parser(json::parse_options{});
    {
        // The entry list is allocated once, at its size: grown by doubling,
        // and then joined with the IPv6 list, it held up to two and a half
        // times the entries at once (for AWS's file, 5.9 MB where 2.4 MB
        // remain).
        // One scan for the end the four keys share ("ip_prefix",
        // "ipv6_prefix", "ipv4Prefix", "ipv6Prefix"), not one per key: the
        // file is read at every start. The kinds list is for the "prefixes"
        // entries only, which leaves it AWS's IPv6 count (bytes) too large.
        Handler& h = parser.handler();
        const std::size_t all = count_key(body, "refix\"", 4);
        // Every entry is written before the parse ends (~2.4 MB for AWS's).
        reserve_populated(h.prefixes, all);
        h.kinds.reserve(all);
    }
    json::error_code ec;
    const std::size_t n = parser.write_some(false, body.data(), body.size(), ec);
    if (ec || n != body.size() || !parser.done()) return std::nullopt;
    Handler& h = parser.handler();

    // The format, decided as the document reader's detection decides it.
    RangeSet set;
    if (h.seen_create || h.seen_ipv6)
        set.format = RangeFormat::Aws;
    else if (h.seen_creation)
        set.format = RangeFormat::Gcp;
    else if (!h.kinds.empty())
        set.format = h.kinds.front() == Kind::Aws ? RangeFormat::Aws : RangeFormat::Gcp;
    else
        return std::nullopt;
    if (!h.seen_prefixes) return std::nullopt;
    const Kind want = set.format == RangeFormat::Aws ? Kind::Aws : Kind::Gcp;
    for (const Kind k : h.kinds)
        if (k != want) return std::nullopt;
    if (set.format == RangeFormat::Gcp && h.seen_ipv6) return std::nullopt;

    const char* cloud = set.format == RangeFormat::Aws ? "AWS" : "GCP";
    set.published = set.format == RangeFormat::Aws ? h.create_date : h.creation_time;
    set.sync_token = h.sync_token;
    set.entries = std::move(h.prefixes);
    set.entries.reserve(set.entries.size() + h.ipv6.size());
    for (auto& e : h.ipv6)
        set.entries.push_back(std::move(e));
    for (auto& e : set.entries)
        e.cloud = cloud;
    return set;
}

} // namespace ociproxy::detail
