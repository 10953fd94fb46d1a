#include "core/simulate/drill_down.h"

#include "core/decide/decide.h"
#include "core/request/client_ip.h"
#include "core/simulate/request_bytes.h"
#include "core/text_lines.h"
#include "core/traffic/block_source.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace ociproxy {

bool DrillFilter::matches(const Aggregate& a) const {
    return (!backend || *backend == a.backend) && (!bucket || *bucket == a.bucket) &&
           (!cloud || *cloud == a.cloud) && (!region || *region == a.region) &&
           (!status || *status == a.status);
}

std::string DrillFilter::describe() const {
    std::string out;
    const auto add = [&out](std::string_view what, std::string_view v) {
        if (!out.empty()) out += ", ";
        out += what;
        out += ' ';
        out += v.empty() ? std::string_view("(none)") : v;
    };
    if (backend) add("backend", backend_name(*backend));
    if (bucket) add("bucket", *bucket);
    if (cloud) add("cloud", cloud->empty() ? std::string_view("(no range)") : *cloud);
    if (region) add("region", *region);
    if (status) add("status", std::to_string(*status));
    if (no_range) return out.empty() ? "clients in no published range" : out + ", in no range";
    return out.empty() ? "every request" : out;
}

DrillFilter DrillFilter::of(const Aggregate& row) {
    return DrillFilter{row.backend, row.bucket, row.cloud, row.region, row.status};
}

DrillFilter DrillFilter::unmatched() {
    DrillFilter f;
    f.no_range = true;
    return f;
}

namespace {

// What one distinct (method, target, matched entry) comes to, decided once
// as the simulator does: decide() sees the client only through its entry.
struct Memo {
    bool in_group;
    bool blob_redirect;
    std::optional<std::uint64_t> inventory;
};

Result<DrillDown> run(int fd, std::string_view text, std::uint64_t total, const std::string& source,
                      const Scenario& s, const DrillFilter& filter, std::size_t top_n,
                      std::size_t capacity, const SimulationOptions& opt) {
    if (!s.router) return Error{"no routing configuration", source};
    BlockSource blocks(fd, text);
    LineBlock block;
    std::optional<TrafficLayout> layout;
    TrafficRecord rec;
    std::string why, key;
    std::unordered_map<std::string, Memo> memo;
    TopCounter by_requests(capacity), by_bytes(capacity);
    std::vector<std::uint64_t> prefix_requests(s.router->table().size(), 0),
        prefix_bytes(s.router->table().size(), 0);
    DrillDown d;
    d.source = source;
    d.group = filter.describe();
    d.capacity = capacity;
    const auto& table = s.router->table();
    const MatchMode mode = s.router->settings().match;
    while (blocks.next(block)) {
        if (opt.cancel && opt.cancel->load()) return Error{"cancelled", source};
        if (!layout) {
            auto l = detect_traffic_layout(block.text, source);
            if (!l) return l.error();
            layout = *l;
        }
        for_each_line(block.text, [&](std::string_view line, std::size_t) {
            rec = TrafficRecord{};
            if (parse_traffic_line(*layout, line, rec, why) != LineKind::Record) return true;
            // The client as decide() sees it: the peer, or X-Forwarded-For's.
            std::optional<IpAddress> ip;
            if (auto c = client_ip(rec.forwarded_for, rec.peer)) ip = c->address;
            const std::uint32_t entry = ip ? table.lookup(*ip, mode) : kNoEntry;
            key.assign(rec.method);
            key += '\0';
            key += rec.target;
            key += '\0';
            key += ip ? std::to_string(entry) : "bad";
            auto it = memo.find(key);
            if (it == memo.end()) {
                HttpRequest req;
                req.method = rec.method;
                req.target = rec.target.empty() ? std::string_view(s.default_path) : rec.target;
                req.peer = rec.peer.empty() ? std::string_view("0.0.0.0:0") : rec.peer;
                req.forwarded_for = rec.forwarded_for;
                const Decision dec = s.presence ? decide(req, *s.router, *s.presence)
                                                : decide(req, *s.router, DecideDetail::Brief);
                // The simulation's group of this answer, to match the filter.
                Aggregate a;
                a.backend = dec.backend;
                a.bucket = destination_name(dec);
                a.cloud = dec.cloud;
                a.region = dec.region;
                a.status = dec.status;
                const bool blob = dec.kind == RequestKind::Blob && dec.status == 307;
                const bool in_group = filter.no_range ? ip && entry == kNoEntry : filter.matches(a);
                it = memo.emplace(key, Memo{in_group, blob,
                                            s.presence ? s.presence->blob_size(dec.digest)
                                                       : std::nullopt})
                         .first;
            }
            if (!it->second.in_group) return true;
            const std::uint64_t per =
                request_bytes(rec.method == "HEAD", it->second.blob_redirect, rec.bytes,
                              it->second.inventory, s.default_blob_bytes);
            const std::uint64_t bytes = per * rec.count;
            ++d.lines;
            d.requests += rec.count;
            d.bytes += bytes;
            const std::string client = ip ? ip->to_string() : std::string("(unreadable client)");
            by_requests.add(client, rec.count, rec.count, bytes);
            by_bytes.add(client, bytes, rec.count, bytes);
            if (entry != kNoEntry) {
                prefix_requests[entry] += rec.count;
                prefix_bytes[entry] += bytes;
            }
            return true;
        });
        if (opt.progress) opt.progress(blocks.done(), total);
    }
    if (!blocks.error().empty())
        return Error{blocks.error(), blocks.error_line()
                                         ? source + ":" + std::to_string(blocks.error_line())
                                         : source};
    d.clients_by_requests = by_requests.top(top_n);
    d.clients_by_bytes = by_bytes.top(top_n);
    d.clients_exact = by_requests.exact() && by_bytes.exact();
    std::vector<std::uint32_t> order;
    for (std::uint32_t e = 0; e < prefix_requests.size(); ++e)
        if (prefix_requests[e]) order.push_back(e);
    std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
        return prefix_requests[a] > prefix_requests[b];
    });
    if (order.size() > top_n) order.resize(top_n);
    for (const auto e : order) {
        const TableEntry& te = table.entry(e);
        d.prefixes.push_back({te.prefix.to_string() + " (" + table.cloud_name(te.cloud) + " " +
                                  table.region_name(te.region) + ")",
                              prefix_requests[e], 0, prefix_requests[e], prefix_bytes[e]});
    }
    return d;
}

} // namespace

Result<DrillDown> drill_down_file(const std::string& path, const Scenario& scenario,
                                  const DrillFilter& filter, std::size_t top_n,
                                  std::size_t capacity, const SimulationOptions& options) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return Error{std::strerror(errno), path};
    struct stat st {};
    const std::uint64_t total =
        ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) ? std::uint64_t(st.st_size) : 0;
    auto r = run(fd, {}, total, path, scenario, filter, top_n, capacity, options);
    ::close(fd);
    return r;
}

Result<DrillDown> drill_down_text(std::string_view text, const std::string& source,
                                  const Scenario& scenario, const DrillFilter& filter,
                                  std::size_t top_n, std::size_t capacity,
                                  const SimulationOptions& options) {
    return run(-1, text, text.size(), source, scenario, filter, top_n, capacity, options);
}

std::string drill_clients_csv(const DrillDown& d) {
    std::string out = "client,requests,bytes,overcount\n";
    for (const auto& c : d.clients_by_requests)
        out += c.key + "," + std::to_string(c.weight) + "," + std::to_string(c.bytes) + "," +
               std::to_string(c.overcount) + "\n";
    return out;
}

} // namespace ociproxy
