#include "app/route/command_support.h"
#include "app/route/commands.h"
#include "app/route/decision_json.h"
#include "app/route/line_pipeline.h"
#include "app/route/request_lines.h"
#include "core/decide/decide.h"
#include "core/file_io.h"

#include <iostream>
#include <unistd.h>

namespace ociproxy::cli {
namespace {

constexpr const char* kUsage =
    R"(Usage: oci-route decide [options] --path PATH [--method M] [--peer ADDR] [--xff VALUE]
       oci-route decide [options] --requests FILE     (FILE "-" = stdin)

What the proxy answers to a request, by the same decide() the server runs.
Prints one JSON object per request with the keys
  status location reason cloud region bucket
(plus kind backend prefix bucket_name digest client_ip). A malformed peer or
X-Forwarded-For gives status 400, as the server would answer.

Options:
  --path PATH      request target, escaped as on the wire, query included
  --method M       default GET
  --peer ADDR      the server's peer address: IP, IP:port or [IPv6]:port
                   (default 127.0.0.1:0)
  --xff VALUE      X-Forwarded-For header value (default: absent)
  --requests FILE  JSON lines {"method","path","peer","xff"}; missing keys take
                   the defaults; one output line per request, in order
)";

} // namespace

int run_decide(int argc, char** argv, int first) {
    Args args;
    if (auto code = parse_command(
            argc, argv, first,
            {{"path", true}, {"method", true}, {"peer", true}, {"xff", true}, {"requests", true}},
            kUsage, args))
        return *code;
    const auto requests = args.value("requests");
    if (!args.positionals().empty())
        return fail(kExitUsage, "decide: unexpected argument '" + args.positionals()[0] + "'");
    if (requests.has_value() == args.has("path"))
        return fail(kExitUsage, "decide: give either --path or --requests (see --help)");
    if (requests && (args.has("method") || args.has("peer") || args.has("xff")))
        return fail(kExitUsage,
                    "decide: --method, --peer and --xff go with --path, not --requests");
    auto setup = load_routing(args);
    if (!setup) return fail(kExitInput, setup.error().what());

    if (!requests) {
        RequestLine r;
        r.path = *args.value("path");
        r.method = args.value("method").value_or("GET");
        r.peer = args.value("peer").value_or("127.0.0.1:0");
        r.xff = args.value("xff").value_or("");
        std::string out;
        append_decision_json(out, decide(r.view(), setup->router, *setup->blobs));
        out += '\n';
        write_all(STDOUT_FILENO, out);
        return kExitOk;
    }
    Result<std::string> text =
        *requests == "-"
            ? Result<std::string>(std::string(std::istreambuf_iterator<char>(std::cin), {}))
            : read_file(*requests);
    if (!text) return fail(kExitInput, text.error().what());
    std::string out;
    const auto status = for_each_request_line(
        *text, *requests == "-" ? "stdin" : *requests,
        [&](const RequestLine& r, const std::string&) {
            append_decision_json(out, decide(r.view(), setup->router, *setup->blobs));
            out += '\n';
            if (out.size() > (1 << 20)) {
                write_all(STDOUT_FILENO, out);
                out.clear();
            }
        });
    write_all(STDOUT_FILENO, out);
    if (!status) return fail(kExitInput, status.error().what());
    return kExitOk;
}

} // namespace ociproxy::cli
