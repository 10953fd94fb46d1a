#include "core/simulate/simulation.h"

#include "core/decide/decide.h"
#include "core/request/client_ip.h"
#include "core/simulate/request_bytes.h"
#include "core/text_lines.h"
#include "core/traffic/block_source.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <map>
#include <memory>
#include <mutex>
#include <span>
#include <sys/stat.h>
#include <thread>
#include <tuple>
#include <unistd.h>
#include <unordered_map>

namespace ociproxy {
namespace {

constexpr double kGiB = 1024.0 * 1024.0 * 1024.0;
constexpr std::int64_t kBadClient = -2;

// Where a distinct (method, target, matched entry) goes: decided once,
// because decide() reads the client only through its matched entry.
struct Outcome {
    std::uint32_t aggregate; // index into the worker's aggregates
    bool blob;               // a blob redirect
    bool moves_bytes;        // false for HEAD: it moves no bytes, whatever the row says
    double usd_per_byte;
    std::optional<std::uint64_t> blob_bytes; // the blob's size, when the inventory knows it
};

// One scenario's answers, memoized: decide() runs once per distinct
// (method, target, matched entry), because it reads the client only
// through the entry it matches; for a plain GET, once per cloud and region
// (first_plain()).
class Decider {
public:
    explicit Decider(const Scenario& s)
        : m_s(s)
        , m_byEntry(s.router->table().size() + 2, -1)
        , m_byPlace(2 + s.router->table().clouds().size() * s.router->table().regions().size(), -1)
        , m_tally(m_byEntry.size(), 0)
        , m_tallied(m_byEntry.size(), 0) {}

    std::int64_t entry_of(const IpAddress& ip) const {
        const auto& r = *m_s.router;
        const std::uint32_t e = r.table().lookup(ip, r.settings().match);
        return e == kNoEntry ? -1 : std::int64_t(e);
    }

    // entry_of() for a batch, as table entry ids (kNoEntry: none), read
    // with batch.entry(i).
    void entries_of(AddressBatch& batch) const {
        const auto& r = *m_s.router;
        r.table().lookup_batch(batch, r.settings().match);
    }

    std::int64_t client_entry(const TrafficRecord& rec) const {
        if (rec.forwarded_for.empty()) {
            const auto ip = parse_peer_address(rec.peer);
            return ip ? entry_of(*ip) : kBadClient;
        }
        const auto c = client_ip(rec.forwarded_for, rec.peer);
        return c ? entry_of(c->address) : kBadClient;
    }

    // A GET of the default path (an IP list's row) from a client matching
    // `entry`; `peer` makes the client's text, needed only the first time.
    template <class PeerText>
    const Outcome& plain(std::int64_t entry, PeerText&& peer, std::string_view xff) {
        const std::int32_t slot = m_byEntry[std::size_t(entry + 2)];
        if (slot >= 0) [[likely]]
            return m_plain[std::size_t(slot)];
        return first_plain(entry, peer, xff);
    }

    // Counts `count` plain GETs from the client `ip()` makes, matching
    // `entry` (kNoEntry: none), for fold_tally(). The first client of each
    // entry is kept, so the aggregates come out as plain() would have made
    // them. `lane` is any number that changes from call to call (a batch
    // position): clients matching no entry, half of real traffic, are
    // counted in kLanes counters by it, because one counter took every
    // other addition, each waiting for the last one's store.
    template <class Ip>
    void tally(std::uint32_t entry, std::uint64_t count, std::size_t lane, Ip&& ip) {
        const std::size_t i = tally_slot(entry);
        if (!m_tallied[i]) [[unlikely]] {
            m_tallied[i] = 1;
            m_firstSeen.push_back({i, ip()});
        }
        std::uint64_t* const counter = i == kUnmatched ? &m_unmatched[lane % kLanes] : &m_tally[i];
        *counter += count;
    }

    // tally() of one GET each for a batch's addresses (an IP list's bare
    // lines), after the table's lookup. Counts do not depend on the order,
    // so they are taken in the order the table wrote the entries, without
    // the batch's index per line; the first clients are looked for in line
    // order, only in the few batches that have one (an entry's first
    // sighting).
    void tally_ones(const AddressBatch& batch) {
        bool fresh = false;
        std::uint64_t* const tally = m_tally.data();
        const std::uint8_t* const tallied = m_tallied.data();
        batch.for_each_entry_by_family([&](std::uint32_t entry, std::size_t k) {
            const std::size_t i = tally_slot(entry);
            fresh |= !tallied[i];
            std::uint64_t* const counter = i == kUnmatched ? &m_unmatched[k % kLanes] : &tally[i];
            ++*counter;
        });
        if (!fresh) [[likely]]
            return;
        for (std::size_t k = 0; k < batch.size(); ++k) {
            const std::size_t i = tally_slot(batch.entry(k));
            if (m_tallied[i]) continue;
            m_tallied[i] = 1;
            m_firstSeen.push_back({i, batch.address(k)});
        }
    }

    // Adds the tallied requests, entries in the order they were first seen.
    void fold_tally() {
        for (std::uint64_t& n : m_unmatched) {
            m_tally[kUnmatched] += n;
            n = 0;
        }
        for (const auto& seen : m_firstSeen) {
            // Not a structured binding: clang 14 (the fuzz build) cannot
            // capture one in a lambda.
            const std::size_t i = seen.first;
            const IpAddress& ip = seen.second;
            const Outcome& o = plain(std::int64_t(i) - 2, [&ip] { return ip.to_string(); }, {});
            add(o, m_tally[i], std::nullopt);
            m_tally[i] = 0;
            m_tallied[i] = 0;
        }
        m_firstSeen.clear();
    }

    const Outcome& outcome(const TrafficRecord& rec, std::int64_t entry) {
        if (rec.target.empty() && rec.method == "GET")
            return plain(
                entry, [&rec] { return rec.peer; }, rec.forwarded_for);
        m_key.assign(rec.method);
        m_key += '\0';
        m_key += rec.target;
        m_key += '\0';
        m_key += std::to_string(entry);
        auto it = m_keyed.find(m_key);
        if (it == m_keyed.end())
            it =
                m_keyed
                    .emplace(m_key, decide_now(rec.method, rec.target, rec.peer, rec.forwarded_for))
                    .first;
        return it->second;
    }

    // Adds `count` requests; returns the bytes and dollars they came to.
    std::pair<std::uint64_t, double> add(const Outcome& o, std::uint64_t count,
                                         std::optional<std::uint64_t> bytes) {
        Aggregate& a = aggregates[o.aggregate];
        // Bytes from the row, else the inventory, else the default layer size.
        const std::uint64_t per =
            request_bytes(!o.moves_bytes, o.blob, bytes, o.blob_bytes, m_s.default_blob_bytes);
        const double usd = o.usd_per_byte * double(per) * double(count);
        a.requests += count;
        a.bytes += per * count;
        a.usd += usd;
        return {per * count, usd};
    }

    std::vector<Aggregate> aggregates;

private:
    // A plain GET's outcome depends on the client's entry only through its
    // cloud and region (Router::route_entry picks the bucket by them, and
    // the aggregate names them): decided once per place, not once per
    // entry, the real lists' 12 000 entries cost 200 decisions, not 20 ms.
    // The client's text too is made for a decision only: writing each
    // entry's first client out was most of the rest (1 ms a run).
    template <class PeerText>
    [[gnu::noinline]] const Outcome& first_plain(std::int64_t entry, PeerText& peer,
                                                 std::string_view xff) {
        std::int32_t& slot = m_byPlace[place_of(entry)];
        if (slot < 0) {
            slot = std::int32_t(m_plain.size());
            m_plain.push_back(decide_now("GET", {}, std::string(peer()), xff));
        }
        m_byEntry[std::size_t(entry + 2)] = slot;
        return m_plain[std::size_t(slot)];
    }

    // 0: a client that could not be read; 1: in no range; then one per
    // (cloud, region).
    std::size_t place_of(std::int64_t entry) const {
        if (entry < 0) return std::size_t(entry + 2);
        const auto& table = m_s.router->table();
        const TableEntry& e = table.entry(std::uint32_t(entry));
        return 2 + std::size_t(e.cloud) * table.regions().size() + e.region;
    }

    Outcome decide_now(std::string_view method, std::string_view target, std::string_view peer,
                       std::string_view forwarded_for) {
        HttpRequest req;
        req.method = method;
        req.target = target.empty() ? std::string_view(m_s.default_path) : target;
        req.peer = peer.empty() ? std::string_view("0.0.0.0:0") : peer;
        req.forwarded_for = forwarded_for;
        const Decision d = m_s.presence ? decide(req, *m_s.router, *m_s.presence)
                                        : decide(req, *m_s.router, DecideDetail::Brief);
        const std::string bucket = destination_name(d);
        const auto key = std::make_tuple(int(d.backend), bucket, d.cloud, d.region, d.status);
        auto [it, fresh] = m_aggIndex.try_emplace(key, std::uint32_t(aggregates.size()));
        if (fresh)
            aggregates.push_back(
                Aggregate{d.backend, bucket, d.cloud, d.region, d.status, 0, 0, 0,
                          std::string(forwarded_for.empty() ? peer : forwarded_for)});
        const bool blob = d.kind == RequestKind::Blob && d.status == 307;
        return Outcome{it->second, blob, method != "HEAD",
                       m_s.prices.egress_usd(d, std::uint64_t(kGiB)) / kGiB,
                       m_s.presence ? m_s.presence->blob_size(d.digest) : std::nullopt};
    }

    static constexpr std::size_t kUnmatched = 1; // m_tally's slot for kNoEntry (entry + 2)
    static constexpr std::size_t kLanes = 8;
    static std::size_t tally_slot(std::uint32_t entry) {
        return std::size_t(std::int64_t(std::int32_t(entry)) + 2);
    }

    const Scenario& m_s;
    std::vector<std::int32_t> m_byEntry;    // plain GETs, by entry + 2
    std::vector<std::int32_t> m_byPlace;    // plain GETs, by place_of()
    std::vector<std::uint64_t> m_tally;     // plain GETs counted, by entry + 2
    std::uint64_t m_unmatched[kLanes] = {}; // m_tally[kUnmatched], until fold_tally()
    std::vector<std::uint8_t> m_tallied;    // tested on every line: a byte, not a bit
    std::vector<std::pair<std::size_t, IpAddress>> m_firstSeen;
    std::vector<Outcome> m_plain;
    std::unordered_map<std::string, Outcome> m_keyed;
    std::string m_key;
    std::map<std::tuple<int, std::string, std::string, std::string, int>, std::uint32_t> m_aggIndex;
};

// Where requests went under A and where under B.
struct MoveCounts {
    std::uint64_t requests = 0, bytes_a = 0, bytes_b = 0;
    double usd_a = 0, usd_b = 0;
};

class Worker {
public:
    Worker(const Scenario& a, const Scenario* b, const TrafficLayout& layout,
           std::size_t max_issues, std::size_t max_changed)
        : m_layout(layout)
        , m_maxIssues(max_issues)
        , m_maxChanged(max_changed)
        , m_a(a) {
        if (b) m_b.emplace(*b);
        m_ones = !b;
    }

    // A batch never spans blocks (each ends with a flush), so pending lines
    // keep their place in the block and get their line number only when it
    // is shown: working it out for every line was 7 instructions of ~400.
    void run(const LineBlock& b) {
        m_block = &b;
        for_each_line(b.text, [&](std::string_view line, std::size_t n) {
            handle(line, n);
            return true;
        });
        flush();
    }

    // After the last block: what was only counted is priced.
    void finish() { m_a.fold_tally(); }

    const std::vector<Aggregate>& aggregates_a() const { return m_a.aggregates; }
    const std::vector<Aggregate>& aggregates_b() const { return m_b->aggregates; }
    std::vector<TrafficIssue> issues;
    std::uint64_t lines = 0, bad = 0;
    std::map<std::pair<std::uint32_t, std::uint32_t>, MoveCounts> moves;
    std::vector<ChangedRequest> changed;

private:
    // `nth`: the line's place in the block, from 1.
    void handle(std::string_view line, std::size_t nth) {
        ++lines;
        // An IP list's usual line is one bare address, which
        // parse_traffic_line would read the same (count 1): taken in one pass
        // into the batch. Anything else (a count, blanks, a bad line) is read
        // in full below.
        if (m_layout.format == TrafficFormat::IpList && m_ips.add_parsed(line)) {
            pend_one(nth);
            return;
        }
        const std::size_t line_no = m_block->line_of(nth);
        const LineKind kind = parse_traffic_line(m_layout, line, m_rec, m_why);
        if (kind == LineKind::Skip) return;
        if (kind == LineKind::Bad) {
            ++bad;
            if (issues.size() < m_maxIssues) issues.push_back({line_no, m_why});
            return;
        }
        if (m_layout.format == TrafficFormat::IpList) {
            if (auto ip = parse_peer_address(m_rec.peer)) {
                pend(m_rec.count, nth, *ip);
                return;
            }
        }
        const Outcome& oa = m_a.outcome(m_rec, m_a.client_entry(m_rec));
        const auto [bytes_a, usd_a] = m_a.add(oa, m_rec.count, m_rec.bytes);
        if (!m_b) return;
        const Outcome& ob = m_b->outcome(m_rec, m_b->client_entry(m_rec));
        const auto [bytes_b, usd_b] = m_b->add(ob, m_rec.count, m_rec.bytes);
        move(oa, ob, m_rec.count, bytes_a, bytes_b, usd_a, usd_b, line_no,
             [line] { return std::string(trim_blanks(line)); });
    }

    // `input` makes the line's text, needed only for the first few changes.
    template <class InputText>
    void move(const Outcome& oa, const Outcome& ob, std::uint64_t count, std::uint64_t bytes_a,
              std::uint64_t bytes_b, double usd_a, double usd_b, std::size_t line_no,
              InputText&& input) {
        MoveCounts& m = moves[{oa.aggregate, ob.aggregate}];
        m.requests += count;
        m.bytes_a += bytes_a;
        m.bytes_b += bytes_b;
        m.usd_a += usd_a;
        m.usd_b += usd_b;
        if (changed.size() >= m_maxChanged) return;
        const Aggregate& a = m_a.aggregates[oa.aggregate];
        const Aggregate& b = m_b->aggregates[ob.aggregate];
        if (a.backend != b.backend || a.bucket != b.bucket)
            changed.push_back({line_no, input(), a.bucket, b.bucket});
    }

    void pend(std::uint64_t count, std::size_t nth, const IpAddress& ip) {
        if (m_ones) [[unlikely]] { // the batch's earlier lines were not written
            for (std::size_t i = 0; i < m_ips.size(); ++i)
                m_batch[i].count = 1;
            m_ones = false;
        }
        m_batch[m_ips.size()] = {count, nth};
        m_ips.add(ip);
        if (m_ips.full()) flush();
    }
    // pend() of one request (a bare address line) whose address the batch
    // has just taken (AddressBatch::add_parsed). With one scenario, while
    // every line of the batch is one, nothing is kept but the address:
    // flush() counts them with tally_ones().
    void pend_one(std::size_t nth) {
        if (!m_ones) m_batch[m_ips.size() - 1] = {1, nth};
        if (m_ips.full()) flush();
    }

    // IP lists: the table lookups of a batch run back to back, so the
    // processor overlaps their cache misses instead of waiting on each.
    void flush() {
        const std::size_t n = m_ips.size();
        m_a.entries_of(m_ips);
        if (!m_b) {
            // One scenario: a plain GET's outcome depends on the entry only,
            // so requests are counted per entry and priced once in finish().
            if (m_ones)
                m_a.tally_ones(m_ips);
            else
                for (std::size_t i = 0; i < n; ++i)
                    m_a.tally(m_ips.entry(i), m_batch[i].count, i,
                              [&] { return m_ips.address(i); });
            m_ones = true;
            m_ips.clear();
            return;
        }
        for (std::size_t i = 0; i < n; ++i) {
            const Pending& p = m_batch[i];
            const IpAddress ip = m_ips.address(i);
            const auto text = [&] { return ip.to_string(); };
            const std::uint32_t found = m_ips.entry(i);
            const std::int64_t entry = found == kNoEntry ? -1 : std::int64_t(found);
            const Outcome& oa = m_a.plain(entry, text, {});
            const auto [bytes_a, usd_a] = m_a.add(oa, p.count, std::nullopt);
            const Outcome& ob = m_b->plain(m_b->entry_of(ip), text, {});
            const auto [bytes_b, usd_b] = m_b->add(ob, p.count, std::nullopt);
            move(oa, ob, p.count, bytes_a, bytes_b, usd_a, usd_b, m_block->line_of(p.nth), text);
        }
        m_ips.clear();
    }

    const TrafficLayout& m_layout;
    std::size_t m_maxIssues, m_maxChanged;
    Decider m_a;
    std::optional<Decider> m_b;
    struct Pending {
        std::uint64_t count;
        std::size_t nth; // in m_block
    };
    static constexpr std::size_t kBatch = AddressBatch::kSize;
    const LineBlock* m_block = nullptr; // being read
    Pending m_batch[kBatch];            // by position in m_ips
    // One scenario, and every pending line one request: m_batch is not
    // written, and flush() counts with tally_ones(). Always false with two
    // scenarios, whose flush() reads every line's count and number.
    bool m_ones = true;
    AddressBatch m_ips; // apart, split by family for the table
    TrafficRecord m_rec;
    std::string m_why;
};

using AggKey = std::tuple<int, std::string, std::string, std::string, int>;

AggKey key_of(const Aggregate& a) {
    return {int(a.backend), a.bucket, a.cloud, a.region, a.status};
}

// Sums the workers' rows into one result, most requests first.
void fill(SimulationResult& r, const std::vector<const std::vector<Aggregate>*>& parts) {
    std::map<AggKey, Aggregate> merged;
    for (const auto* rows : parts)
        for (const auto& a : *rows) {
            if (a.requests == 0) continue;
            auto [it, fresh] = merged.try_emplace(key_of(a), a);
            if (fresh) continue;
            it->second.requests += a.requests;
            it->second.bytes += a.bytes;
            it->second.usd += a.usd;
        }
    for (auto& [k, a] : merged) {
        r.requests += a.requests;
        r.bytes += a.bytes;
        r.usd += a.usd;
        r.rows.push_back(std::move(a));
    }
    std::stable_sort(r.rows.begin(), r.rows.end(), [](const Aggregate& a, const Aggregate& b) {
        return a.requests > b.requests;
    });
}

Error read_error(const BlockSource& blocks, const std::string& source) {
    if (blocks.error_line() == 0) return Error{blocks.error(), source};
    return Error{blocks.error(), source + ":" + std::to_string(blocks.error_line())};
}

Result<CompareResult> run(int fd, std::string_view text, std::uint64_t total,
                          const std::string& source, const Scenario& sa, const Scenario* sb,
                          const SimulationOptions& opt) {
    if (!sa.router || (sb && !sb->router)) return Error{"no routing configuration", source};
    BlockSource blocks(fd, text);
    if (opt.hash_input) blocks.hash_input();
    LineBlock first;
    if (!blocks.next(first)) {
        if (!blocks.error().empty()) return read_error(blocks, source);
        return Error{"no traffic in the input", source};
    }
    auto layout = detect_traffic_layout(first.text, source);
    if (!layout) return layout.error();

    const unsigned n =
        std::max(1u, opt.threads ? opt.threads : std::max(1u, std::thread::hardware_concurrency()));
    // Each worker on its own allocation: counters updated per line must not
    // share a cache line with another thread's.
    std::vector<std::unique_ptr<Worker>> workers;
    for (unsigned i = 0; i < n; ++i)
        workers.push_back(
            std::make_unique<Worker>(sa, sb, *layout, opt.max_issues, opt.max_changed));
    std::atomic<bool> first_taken{false};
    const auto work = [&](Worker& w) {
        LineBlock b;
        if (!first_taken.exchange(true)) {
            w.run(first);
            if (opt.progress) opt.progress(blocks.done(), total);
        }
        while (!(opt.cancel && opt.cancel->load()) && blocks.next(b)) {
            w.run(b);
            if (opt.progress) opt.progress(blocks.done(), total);
        }
        // On the worker's own thread: pricing what it counted walks every
        // table entry it met, and after the join the workers would take
        // their turns.
        w.finish();
    };
    std::vector<std::thread> threads;
    for (unsigned i = 1; i < n; ++i)
        threads.emplace_back(work, std::ref(*workers[i]));
    work(*workers[0]);
    for (auto& t : threads)
        t.join();
    if (opt.cancel && opt.cancel->load()) return Error{"cancelled", source};
    if (!blocks.error().empty()) return read_error(blocks, source);

    CompareResult c;
    SimulationResult& r = c.a;
    r.source = source;
    r.sha256 = blocks.sha256();
    r.format = layout->format;
    std::vector<const std::vector<Aggregate>*> rows_a, rows_b;
    std::map<std::pair<AggKey, AggKey>, Movement> moves;
    for (const auto& wp : workers) {
        const Worker& w = *wp;
        r.lines += w.lines;
        r.bad_lines += w.bad;
        r.issues.insert(r.issues.end(), w.issues.begin(), w.issues.end());
        rows_a.push_back(&w.aggregates_a());
        if (!sb) continue;
        rows_b.push_back(&w.aggregates_b());
        c.changed.insert(c.changed.end(), w.changed.begin(), w.changed.end());
        for (const auto& [ab, m] : w.moves) {
            const Aggregate& from = w.aggregates_a()[ab.first];
            const Aggregate& to = w.aggregates_b()[ab.second];
            Movement& mv = moves[{key_of(from), key_of(to)}];
            mv.from_backend = from.backend;
            mv.from = from.bucket;
            mv.to_backend = to.backend;
            mv.to = to.bucket;
            mv.requests += m.requests;
            mv.bytes_a += m.bytes_a;
            mv.bytes_b += m.bytes_b;
            mv.usd_a += m.usd_a;
            mv.usd_b += m.usd_b;
        }
    }
    std::sort(r.issues.begin(), r.issues.end(),
              [](const TrafficIssue& a, const TrafficIssue& b) { return a.line < b.line; });
    if (r.issues.size() > opt.max_issues) r.issues.resize(opt.max_issues);
    fill(r, rows_a);
    if (sb) {
        c.b.source = r.source;
        c.b.sha256 = r.sha256;
        c.b.format = r.format;
        c.b.lines = r.lines;
        c.b.bad_lines = r.bad_lines;
        c.b.issues = r.issues;
        fill(c.b, rows_b);
        // The matrix by (backend, bucket) only: cloud and region do not move.
        std::map<std::tuple<int, std::string, int, std::string>, Movement> matrix;
        for (auto& [k, mv] : moves) {
            Movement& m = matrix[{int(mv.from_backend), mv.from, int(mv.to_backend), mv.to}];
            if (m.requests == 0) m = Movement{mv.from_backend, mv.from, mv.to_backend, mv.to};
            m.requests += mv.requests;
            m.bytes_a += mv.bytes_a;
            m.bytes_b += mv.bytes_b;
            m.usd_a += mv.usd_a;
            m.usd_b += mv.usd_b;
        }
        for (auto& [k, m] : matrix)
            c.moves.push_back(std::move(m));
        std::stable_sort(c.moves.begin(), c.moves.end(), [](const Movement& a, const Movement& b) {
            return a.requests > b.requests;
        });
        std::sort(c.changed.begin(), c.changed.end(),
                  [](const ChangedRequest& a, const ChangedRequest& b) { return a.line < b.line; });
        if (c.changed.size() > opt.max_changed) c.changed.resize(opt.max_changed);
    }
    return c;
}

} // namespace

std::vector<Aggregate> SimulationResult::rollup(By by) const {
    std::map<std::string, Aggregate> m;
    for (const auto& a : rows) {
        std::string key;
        Aggregate proto;
        switch (by) {
        case By::Backend:
            key = backend_name(a.backend);
            proto.backend = a.backend;
            break;
        case By::Bucket:
            key = a.bucket;
            proto.backend = a.backend;
            proto.bucket = a.bucket;
            break;
        case By::Cloud:
            key = a.cloud.empty() ? "(no range)" : a.cloud;
            proto.cloud = key;
            break;
        case By::Region:
            // Clients in no published range, and requests with no client
            // (manifests), have neither.
            proto.cloud = a.cloud.empty() ? "(no range)" : a.cloud;
            proto.region = a.region;
            key = proto.cloud + " " + proto.region;
            break;
        }
        auto [it, fresh] = m.try_emplace(key, proto);
        it->second.requests += a.requests;
        it->second.bytes += a.bytes;
        it->second.usd += a.usd;
    }
    std::vector<Aggregate> out;
    for (auto& [k, a] : m)
        out.push_back(std::move(a));
    std::stable_sort(out.begin(), out.end(),
                     [](const Aggregate& a, const Aggregate& b) { return a.bytes > b.bytes; });
    return out;
}

namespace {

Result<CompareResult> run_file(const std::string& path, const Scenario& a, const Scenario* b,
                               const SimulationOptions& options) {
    const bool stdin_ = path == "-";
    const int fd = stdin_ ? 0 : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return Error{std::strerror(errno), path};
    struct stat st {};
    const std::uint64_t total =
        ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) ? std::uint64_t(st.st_size) : 0;
    auto r = run(fd, {}, total, stdin_ ? std::string("stdin") : path, a, b, options);
    if (!stdin_) ::close(fd);
    return r;
}

} // namespace

Result<SimulationResult> simulate_file(const std::string& path, const Scenario& scenario,
                                       const SimulationOptions& options) {
    auto r = run_file(path, scenario, nullptr, options);
    if (!r) return r.error();
    return std::move(r->a);
}

Result<SimulationResult> simulate_text(std::string_view text, const std::string& source,
                                       const Scenario& scenario, const SimulationOptions& options) {
    auto r = run(-1, text, text.size(), source, scenario, nullptr, options);
    if (!r) return r.error();
    return std::move(r->a);
}

Result<CompareResult> compare_file(const std::string& path, const Scenario& a, const Scenario& b,
                                   const SimulationOptions& options) {
    return run_file(path, a, &b, options);
}

Result<CompareResult> compare_text(std::string_view text, const std::string& source,
                                   const Scenario& a, const Scenario& b,
                                   const SimulationOptions& options) {
    return run(-1, text, text.size(), source, a, &b, options);
}

} // namespace ociproxy
