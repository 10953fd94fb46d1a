#pragma once

#include "core/cost/price_table.h"
#include "core/decide/blob_presence.h"
#include "core/decide/decision.h"
#include "core/decide/destination.h"
#include "core/decide/router.h"
#include "core/result.h"
#include "core/traffic/traffic_format.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace ociproxy {

// Everything a simulated request's answer and cost depend on.
struct Scenario {
    const Router* router = nullptr;
    BlobPresence* presence = nullptr; // read-only checks; shared by the worker threads
    PriceTable prices;
    // Bytes of a blob request whose row says nothing (a typical layer).
    std::uint64_t default_blob_bytes = 32ull << 20;
    // The request of a row that names none (an IP list): a blob GET.
    std::string default_path = std::string(kSampleBlobPath);
};

// Requests, bytes and cost of one (backend, bucket, client cloud, region,
// status): the finest grain every report rolls up from.
struct Aggregate {
    Backend backend = Backend::None;
    std::string bucket; // the bucket's name, "default", or the backend for non-S3 answers
    std::string cloud, region;
    int status = 0;
    std::uint64_t requests = 0, bytes = 0;
    double usd = 0;
    std::string sample; // one client that landed here (peer or X-Forwarded-For), to explain
};

struct TrafficIssue {
    std::size_t line;
    std::string message;
};

struct SimulationResult {
    std::string source;
    std::string sha256; // of the input as read, when SimulationOptions::hash_input
    TrafficFormat format = TrafficFormat::IpList;
    std::vector<Aggregate> rows; // most requests first
    std::uint64_t lines = 0, requests = 0, bytes = 0, bad_lines = 0;
    double usd = 0;
    std::vector<TrafficIssue> issues; // the first few bad lines

    enum class By { Backend, Bucket, Cloud, Region };
    // Rows summed over everything but `by` (name in `bucket`/`cloud`/...).
    std::vector<Aggregate> rollup(By by) const;
};

struct SimulationOptions {
    unsigned threads = 0; // 0: every core
    // Bytes of input done (and the total when known, else 0); from any thread.
    std::function<void(std::uint64_t done, std::uint64_t total)> progress;
    const std::atomic<bool>* cancel = nullptr;
    std::size_t max_issues = 5;
    std::size_t max_changed = 20; // compare: how many changed requests to list
    // Hash the input as it is read (SimulationResult::sha256), for the
    // provenance of a report: the bytes the numbers came from, in one pass.
    bool hash_input = false;
};

// Requests that went from (backend, bucket) under A to (backend, bucket)
// under B, with their bytes and cost under each.
struct Movement {
    Backend from_backend = Backend::None;
    std::string from;
    Backend to_backend = Backend::None;
    std::string to;
    std::uint64_t requests = 0, bytes_a = 0, bytes_b = 0;
    double usd_a = 0, usd_b = 0;
};

// One traffic line whose routing differs between A and B.
struct ChangedRequest {
    std::size_t line;
    std::string input;
    std::string from, to; // bucket (or backend) under A and under B
};

struct CompareResult {
    SimulationResult a, b;
    std::vector<Movement> moves;         // the movement matrix, most requests first
    std::vector<ChangedRequest> changed; // the first few, by line
};

// Streams a traffic file ("-": standard input) through decide() on every
// core; memory does not grow with the input. Unreadable lines are counted
// and the first few reported with their numbers; the run goes on.
Result<SimulationResult> simulate_file(const std::string& path, const Scenario& scenario,
                                       const SimulationOptions& options = {});
Result<SimulationResult> simulate_text(std::string_view text, const std::string& source,
                                       const Scenario& scenario,
                                       const SimulationOptions& options = {});

// The same traffic through two scenarios in one pass: what moves where, and
// what it does to bytes and cost.
Result<CompareResult> compare_file(const std::string& path, const Scenario& a, const Scenario& b,
                                   const SimulationOptions& options = {});
Result<CompareResult> compare_text(std::string_view text, const std::string& source,
                                   const Scenario& a, const Scenario& b,
                                   const SimulationOptions& options = {});

} // namespace ociproxy
