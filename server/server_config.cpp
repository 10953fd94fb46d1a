#include "server/server_config.h"

#include "app/common/cli_args.h"
#include "server/durations.h"

#include <thread>

namespace ociproxy::server {

const char* usage_text() {
    return R"(Usage: oci-proxy [options]

The registry.k8s.io redirect server: answers every request with the routing
core's decide() (307 to the client's regional S3 bucket when the blob is
there, else to the upstream registry), with Prometheus metrics on a separate
admin port.

Listening:
  --listen ADDR:PORT        public address (default :$PORT, else :8080; ":P" = all
                            interfaces, IPv4 and IPv6)
  --admin-listen ADDR:PORT  /metrics, /healthz, /readyz (default 127.0.0.1:9102)
  --threads N               I/O threads (default: number of cores)
  --max-connections N       open client connections at most (default 10000)
  --header-timeout D        time to send a request header (default 10s)
  --idle-timeout D          keep-alive idle time (default 60s)

Routing (re-read on SIGHUP; a bad file keeps the running configuration):
  --ranges FILE             IP range file (AWS, Google, Azure, CSV); repeatable.
                            Required: without it the server refuses to start,
                            because routing every client to the default would
                            be a silent outage.
  --demo                    use the built-in demo ranges instead
  --buckets FILE            bucket map JSON (default: the production map)
  --prices FILE             egress price table JSON (default: DESIGN §5 prices)
  --match longest|first     prefix match mode (default longest)
  --upstream URL            env UPSTREAM_REGISTRY_ENDPOINT,
                            default https://us-central1-docker.pkg.dev
  --upstream-path P         env UPSTREAM_REGISTRY_PATH, default k8s-artifacts-prod/images
  --signature-upstream URL  env SIGNATURE_UPSTREAM_ENDPOINT, default none
  --default-aws-base URL    env DEFAULT_AWS_BASE_URL, default the bucket map's
                            (https://d1be1w964nk82h.cloudfront.net)
  --info-url URL            default https://github.com/kubernetes/registry.k8s.io
  --privacy-url URL         default https://www.linuxfoundation.org/privacy-policy/

Blob checks (HEAD on the bucket before redirecting):
  --blob-timeout D          default 5s; a timeout sends the client upstream
  --blob-cache-entries N    found blobs remembered, LRU (default 100000)
  --negative-ttl D          how long "not in the bucket" is remembered
                            (default 60s; 0 = never, as archeio)
  --ca-file FILE            extra CA certificates for HTTPS buckets

Logging:
  --access-log FILE|-|off   one JSON object per request (default off)
  --log-client-ip full|truncated|none
                            client IPs in the access log (default truncated:
                            IPv4 /24, IPv6 /48)

Durations are written 250ms, 5s, 1m. Environment: PORT sets the default
listen port. SIGHUP reloads ranges, buckets and prices; SIGTERM/SIGINT stop
accepting, finish in-flight requests (at most 5 s) and exit 0.
)";
}

Result<ParsedCommandLine> parse_command_line(int argc, char** argv, const Environment& env) {
    using cli::OptionSpec;
    static const std::vector<OptionSpec> specs = {
        {"listen", true},
        {"admin-listen", true},
        {"threads", true},
        {"max-connections", true},
        {"header-timeout", true},
        {"idle-timeout", true},
        {"ranges", true, true},
        {"demo", false},
        {"buckets", true},
        {"prices", true},
        {"match", true},
        {"upstream", true},
        {"upstream-path", true},
        {"signature-upstream", true},
        {"default-aws-base", true},
        {"info-url", true},
        {"privacy-url", true},
        {"blob-timeout", true},
        {"blob-cache-entries", true},
        {"negative-ttl", true},
        {"ca-file", true},
        {"access-log", true},
        {"log-client-ip", true},
        {"help", false},
    };
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
    const auto from_env = [&](const char* name) -> std::string {
        const char* v = env(name);
        return v ? std::string(v) : std::string();
    };
    // Flag, else environment, else default; empty values count as unset.
    const auto setting = [&](std::string_view flag, const char* var, std::string& field) {
        if (auto v = args.value(flag); v && !v->empty())
            field = *v;
        else if (var) {
            if (auto e = from_env(var); !e.empty()) field = e;
        }
    };
    RoutingSettings& s = c.routing.settings;
    setting("upstream", "UPSTREAM_REGISTRY_ENDPOINT", s.upstream);
    setting("upstream-path", "UPSTREAM_REGISTRY_PATH", s.upstream_path);
    setting("signature-upstream", "SIGNATURE_UPSTREAM_ENDPOINT", s.signature_upstream);
    setting("default-aws-base", "DEFAULT_AWS_BASE_URL", s.default_aws_base);
    setting("info-url", nullptr, s.info_url);
    setting("privacy-url", nullptr, s.privacy_url);
    if (auto m = args.value("match")) {
        auto mode = parse_match_mode(*m);
        if (!mode) return Error{"must be 'longest' or 'first', not '" + *m + "'", "--match"};
        s.match = *mode;
    }
    for (const auto& f : args.values("ranges"))
        if (!f.empty()) c.routing.range_files.push_back(f);
    c.demo = args.has("demo");
    if (c.routing.range_files.empty() && !c.demo)
        return Error{"no --ranges given: refusing to start, since every client would silently go "
                     "to the default "
                     "bucket (use --demo for the built-in demo ranges)",
                     "--ranges"};
    c.routing.bucket_file = args.value("buckets").value_or("");
    c.routing.price_file = args.value("prices").value_or("");

    std::string listen;
    setting("listen", nullptr, listen);
    if (listen.empty()) {
        const std::string port = from_env("PORT");
        listen = ":" + (port.empty() ? std::string("8080") : port);
    }
    auto l = ListenAddress::parse(listen);
    if (!l) return Error{l.error().message, args.has("listen") ? "--listen" : "PORT"};
    c.listen = *l;
    if (auto a = args.value("admin-listen")) {
        auto al = ListenAddress::parse(*a);
        if (!al) return Error{al.error().message, "--admin-listen"};
        c.admin_listen = *al;
    }

    const auto number = [&](std::string_view flag, std::size_t lo, std::size_t hi,
                            std::size_t& field) -> Status {
        auto v = args.value(flag);
        if (!v) return {};
        std::size_t n = 0;
        bool ok = !v->empty() && v->size() <= 12;
        for (char ch : *v) {
            if (ch < '0' || ch > '9')
                ok = false;
            else
                n = n * 10 + std::size_t(ch - '0');
        }
        if (!ok || n < lo || n > hi)
            return Error{"expected a number from " + std::to_string(lo) + " to " +
                             std::to_string(hi) + ", not '" + *v + "'",
                         "--" + std::string(flag)};
        field = n;
        return {};
    };
    std::size_t threads = c.threads;
    if (auto st = number("threads", 1, 256, threads); !st) return st.error();
    c.threads = unsigned(threads);
    if (auto st = number("max-connections", 1, 1000000, c.max_connections); !st) return st.error();
    if (auto st = number("blob-cache-entries", 0, 100000000, c.blob_cache_entries); !st)
        return st.error();

    const auto duration = [&](std::string_view flag, std::chrono::milliseconds& field,
                              bool zero_ok) -> Status {
        auto v = args.value(flag);
        if (!v) return {};
        auto d = parse_duration(*v);
        if (!d) return Error{d.error().message, "--" + std::string(flag)};
        if (!zero_ok && d->count() == 0)
            return Error{"must be more than 0", "--" + std::string(flag)};
        field = *d;
        return {};
    };
    if (auto st = duration("blob-timeout", c.blob_timeout, false); !st) return st.error();
    if (auto st = duration("negative-ttl", c.negative_ttl, true); !st) return st.error();
    if (auto st = duration("header-timeout", c.header_timeout, false); !st) return st.error();
    if (auto st = duration("idle-timeout", c.idle_timeout, false); !st) return st.error();

    c.ca_file = args.value("ca-file").value_or("");
    c.access_log = args.value("access-log").value_or("off");
    if (c.access_log.empty()) return Error{"expected FILE, - or off", "--access-log"};
    if (auto v = args.value("log-client-ip")) {
        if (*v == "full")
            c.log_client_ip = ClientIpLogging::Full;
        else if (*v == "truncated")
            c.log_client_ip = ClientIpLogging::Truncated;
        else if (*v == "none")
            c.log_client_ip = ClientIpLogging::None;
        else
            return Error{"must be full, truncated or none, not '" + *v + "'", "--log-client-ip"};
    }
    out.config = std::move(c);
    return out;
}

} // namespace ociproxy::server
