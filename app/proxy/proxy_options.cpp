#include "app/proxy/proxy_options.h"

#include "app/common/cli_args.h"
#include "app/proxy/durations.h"

#include <algorithm>
#include <thread>
#include <vector>

namespace ociproxy::proxy {

namespace {

using server::ClientIpLogging;
using server::ServerConfig;
using Setter = Status (*)(ServerConfig&, const std::string&);

// One row per flag: the whole of the server's command-line interface.
struct Flag {
    std::string_view section;
    std::string_view name;  // without "--"
    std::string_view value; // metavariable; empty for switches
    std::string_view env;   // archeio's variable, if any
    std::string_view help;  // '\n' continues on the next help line
    Setter apply;
    bool repeatable = false;
};

Status number(const std::string& v, std::size_t lo, std::size_t hi, std::size_t& field) {
    std::size_t n = 0;
    bool ok = !v.empty() && v.size() <= 12;
    for (char ch : v) {
        if (ch < '0' || ch > '9')
            ok = false;
        else
            n = n * 10 + std::size_t(ch - '0');
    }
    if (!ok || n < lo || n > hi)
        return Error{"expected a number from " + std::to_string(lo) + " to " + std::to_string(hi) +
                         ", not '" + v + "'",
                     {}};
    field = n;
    return {};
}

Status duration(const std::string& v, std::chrono::milliseconds& field, bool zero_ok) {
    auto d = parse_duration(v);
    if (!d) return d.error();
    if (!zero_ok && d->count() == 0) return Error{"must be more than 0", {}};
    field = *d;
    return {};
}

Status listen_at(const std::string& v, server::ListenAddress& field) {
    auto l = server::ListenAddress::parse(v);
    if (!l) return l.error();
    field = *l;
    return {};
}

Status non_empty(const std::string& v, std::string& field) {
    if (v.empty()) return Error{"must not be empty", {}};
    field = v;
    return {};
}

const std::vector<Flag>& flags() {
    static const std::vector<Flag> table = {
        {"Listening", "listen", "ADDR:PORT", "",
         "public address (default :$PORT, else :8080; \":P\" = all\ninterfaces, IPv4 and IPv6)",
         [](ServerConfig& c, const std::string& v) { return listen_at(v, c.listen); }},
        {"Listening", "admin-listen", "ADDR:PORT", "",
         "/metrics, /healthz, /readyz (default 127.0.0.1:9102)",
         [](ServerConfig& c, const std::string& v) { return listen_at(v, c.admin_listen); }},
        {"Listening", "threads", "N", "", "I/O threads (default: number of cores)",
         [](ServerConfig& c, const std::string& v) {
             std::size_t n = 0;
             auto st = number(v, 1, 256, n);
             if (st) c.threads = unsigned(n);
             return st;
         }},
        {"Listening", "max-connections", "N", "",
         "open client connections at most (default 10000); more\nare answered 503 with "
         "Retry-After and closed",
         [](ServerConfig& c, const std::string& v) {
             return number(v, 1, 1000000, c.max_connections);
         }},
        {"Listening", "header-timeout", "D", "",
         "time to send each request header, pipelined ones\nincluded (default 10s)",
         [](ServerConfig& c, const std::string& v) {
             return duration(v, c.header_timeout, false);
         }},
        {"Listening", "idle-timeout", "D", "", "keep-alive idle time (default 60s)",
         [](ServerConfig& c, const std::string& v) { return duration(v, c.idle_timeout, false); }},

        {"Routing (re-read on SIGHUP; a bad file keeps the running configuration)", "ranges",
         "FILE", "",
         "IP range file (AWS, Google, Azure, CSV); repeatable.\nRequired: without it the server "
         "refuses to start,\nbecause routing every client to the default would\nbe a silent "
         "outage.",
         [](ServerConfig& c, const std::string& v) -> Status {
             if (v.empty()) return Error{"empty file name", {}};
             c.routing.range_files.push_back(v);
             return {};
         },
         true},
        {"", "demo", "", "", "use the built-in demo ranges instead",
         [](ServerConfig& c, const std::string&) -> Status {
             c.demo = true;
             return {};
         }},
        {"", "buckets", "FILE", "", "bucket map JSON (default: the production map)",
         [](ServerConfig& c, const std::string& v) { return non_empty(v, c.routing.bucket_file); }},
        {"", "prices", "FILE", "", "egress price table JSON (default: DESIGN §5 prices)",
         [](ServerConfig& c, const std::string& v) { return non_empty(v, c.routing.price_file); }},
        {"", "match", "MODE", "", "longest|first: prefix match mode (default longest)",
         [](ServerConfig& c, const std::string& v) -> Status {
             auto mode = parse_match_mode(v);
             if (!mode) return Error{"must be 'longest' or 'first', not '" + v + "'", {}};
             c.routing.settings.match = *mode;
             return {};
         }},
        {"", "upstream", "URL", "UPSTREAM_REGISTRY_ENDPOINT",
         "default https://us-central1-docker.pkg.dev",
         [](ServerConfig& c, const std::string& v) -> Status {
             c.routing.settings.upstream = v;
             return {};
         }},
        {"", "upstream-path", "P", "UPSTREAM_REGISTRY_PATH",
         "default k8s-artifacts-prod/images; empty = none\n(the k8s.gcr.io layout)",
         [](ServerConfig& c, const std::string& v) -> Status {
             c.routing.settings.upstream_path = v;
             return {};
         }},
        {"", "signature-upstream", "URL", "SIGNATURE_UPSTREAM_ENDPOINT", "default none",
         [](ServerConfig& c, const std::string& v) -> Status {
             c.routing.settings.signature_upstream = v;
             return {};
         }},
        {"", "default-aws-base", "URL", "DEFAULT_AWS_BASE_URL",
         "default (and when empty) the bucket map's\n(https://d1be1w964nk82h.cloudfront.net)",
         [](ServerConfig& c, const std::string& v) -> Status {
             c.routing.settings.default_aws_base = v;
             return {};
         }},
        {"", "info-url", "URL", "", "default https://github.com/kubernetes/registry.k8s.io",
         [](ServerConfig& c, const std::string& v) {
             return non_empty(v, c.routing.settings.info_url);
         }},
        {"", "privacy-url", "URL", "", "default https://www.linuxfoundation.org/privacy-policy/",
         [](ServerConfig& c, const std::string& v) {
             return non_empty(v, c.routing.settings.privacy_url);
         }},

        {"Blob checks (HEAD on the bucket before redirecting)", "blob-timeout", "D", "",
         "default 5s, for the whole check (DNS, connect, TLS,\nrequest, retry); past it the "
         "client goes upstream",
         [](ServerConfig& c, const std::string& v) { return duration(v, c.blob_timeout, false); }},
        {"", "blob-check-concurrency", "N", "",
         "HEADs in flight per bucket host (default 32); the\nrest wait within their deadline",
         [](ServerConfig& c, const std::string& v) {
             return number(v, 1, 10000, c.blob_check_concurrency);
         }},
        {"", "blob-cache-entries", "N", "", "found blobs remembered, LRU (default 100000)",
         [](ServerConfig& c, const std::string& v) {
             return number(v, 0, 100000000, c.blob_cache_entries);
         }},
        {"", "blob-cache-ttl", "D", "", "found blobs are checked again after this (default 24h)",
         [](ServerConfig& c, const std::string& v) {
             return duration(v, c.blob_cache_ttl, false);
         }},
        {"", "negative-ttl", "D", "",
         "how long \"not in the bucket\" is remembered\n(default 60s; 0 = never, as archeio)",
         [](ServerConfig& c, const std::string& v) { return duration(v, c.negative_ttl, true); }},
        {"", "bucket-failures", "N", "",
         "consecutive errors or timeouts after which a bucket\nhost is skipped (default 3)",
         [](ServerConfig& c, const std::string& v) {
             return number(v, 1, 1000, c.bucket_failures);
         }},
        {"", "bucket-cooldown", "D", "",
         "how long a failing bucket is skipped before a probe\n(default 30s)",
         [](ServerConfig& c, const std::string& v) {
             return duration(v, c.bucket_cooldown, false);
         }},
        {"", "ca-file", "FILE", "",
         "CA certificates for HTTPS buckets (else the system\nstore, which must load)",
         [](ServerConfig& c, const std::string& v) { return non_empty(v, c.ca_file); }},

        {"Logging", "access-log", "FILE|-|off", "", "one JSON object per request (default off)",
         [](ServerConfig& c, const std::string& v) -> Status {
             if (v.empty()) return Error{"expected FILE, - or off", {}};
             c.access_log = v;
             return {};
         }},
        {"", "log-client-ip", "HOW", "",
         "full|truncated|none: client IPs in the access log\n(default truncated: IPv4 /24, IPv6 "
         "/48)",
         [](ServerConfig& c, const std::string& v) -> Status {
             if (v == "full")
                 c.log_client_ip = ClientIpLogging::Full;
             else if (v == "truncated")
                 c.log_client_ip = ClientIpLogging::Truncated;
             else if (v == "none")
                 c.log_client_ip = ClientIpLogging::None;
             else
                 return Error{"must be full, truncated or none, not '" + v + "'", {}};
             return {};
         }},
        {"", "help", "", "", "this text", nullptr},
    };
    return table;
}

} // namespace

std::string usage_text() {
    std::string out = R"(Usage: oci-proxy [options]

The registry.k8s.io redirect server: answers every request with the routing
core's decide() (307 to the client's regional S3 bucket when the blob is
there, else to the upstream registry), with Prometheus metrics on a separate
admin port.
)";
    constexpr std::size_t kColumn = 28;
    std::string_view section;
    for (const Flag& f : flags()) {
        // A heading once per group (the table may repeat it on every flag).
        if (!f.section.empty() && f.section != section) {
            section = f.section;
            out += "\n";
            out += f.section;
            out += ":\n";
        }
        std::string left = "  --" + std::string(f.name);
        if (!f.value.empty()) left += " " + std::string(f.value);
        std::string help(f.help);
        if (!f.env.empty()) help = "env " + std::string(f.env) + "; " + help;
        std::size_t start = 0;
        bool first = true;
        while (start <= help.size()) {
            const std::size_t nl = std::min(help.find('\n', start), help.size());
            const std::string_view line = std::string_view(help).substr(start, nl - start);
            std::string lead = first ? left : std::string();
            if (lead.size() + 1 > kColumn) {
                out += lead + "\n";
                lead.clear();
            }
            lead.resize(kColumn, ' ');
            out += lead;
            out += line;
            out += "\n";
            first = false;
            start = nl + 1;
        }
    }
    out += R"(
Durations are written 250ms, 5s, 1m, 2h (at most 24h). Environment: PORT sets
the default listen port; a variable that is set but empty is used as is
(UPSTREAM_REGISTRY_PATH= means no upstream path). Flags win over variables.
SIGHUP reloads ranges, buckets and prices (parsed off the I/O threads);
SIGTERM/SIGINT stop accepting, finish in-flight requests (at most 5 s), log
how many requests were answered and exit 0.
)";
    return out;
}

Result<ParsedCommandLine> parse_command_line(int argc, char** argv, const Environment& env) {
    std::vector<cli::OptionSpec> specs;
    for (const Flag& f : flags())
        specs.push_back({f.name, !f.value.empty(), f.repeatable});
    cli::Args args;
    if (auto err = cli::Args::parse(argc, argv, 1, specs, args)) return Error{*err, "command line"};
    ParsedCommandLine out;
    if (args.has("help")) {
        out.help = usage_text();
        return out;
    }
    if (!args.positionals().empty())
        return Error{"unexpected argument '" + args.positionals()[0] + "'", "command line"};

    ServerConfig c;
    c.threads = std::max(1u, std::thread::hardware_concurrency());
    if (const char* port = env("PORT")) {
        if (auto st = listen_at(":" + std::string(port), c.listen); !st)
            return Error{st.error().message, "PORT"};
    }
    for (const Flag& f : flags()) {
        if (!f.apply) continue;
        if (!f.env.empty()) {
            if (const char* v = env(std::string(f.env).c_str())) {
                if (auto st = f.apply(c, v); !st)
                    return Error{st.error().message, std::string(f.env)};
            }
        }
        const std::string flag = "--" + std::string(f.name);
        if (f.value.empty()) {
            if (args.has(f.name)) (void)f.apply(c, {});
            continue;
        }
        // Args refuses a single option given twice: at most one value here.
        for (const auto& v : args.values(f.name))
            if (auto st = f.apply(c, v); !st) return Error{st.error().message, flag};
    }
    if (c.routing.range_files.empty() && !c.demo)
        return Error{"no --ranges given: refusing to start, since every client would silently go "
                     "to the default bucket (use --demo for the built-in demo ranges)",
                     "--ranges"};
    out.config = std::move(c);
    return out;
}

} // namespace ociproxy::proxy
