// Fuzz target: the JSON access log. Input lines: method, request target,
// X-Forwarded-For. The request is decided on the demo routing and logged
// through the real AccessLog into a file; every line written must parse as
// JSON (Boost.JSON refuses invalid UTF-8), and text that was valid UTF-8
// must read back byte for byte.

#include "core/decide/decide.h"
#include "resources/demo_data.h"
#include "server/access_log.h"

#include <boost/json/parse.hpp>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <unistd.h>

using namespace ociproxy;

namespace {

void check(bool ok, const char* what) {
    if (!ok) {
        std::fprintf(stderr, "fuzz_access_log: %s\n", what);
        std::abort();
    }
}

const Router& router() {
    static const Router r = [] {
        auto sets = demo::range_sets();
        return std::move(Router::create(PrefixTable::build(*sets), BucketMap::production(), {}))
            .value();
    }();
    return r;
}

bool valid_utf8(std::string_view s) {
    boost::system::error_code ec;
    std::string doc = "\"";
    // Every byte in place (a dropped ASCII byte could make two stray bytes
    // look like one sequence); only what JSON would need escaped is swapped.
    for (char c : s) {
        const auto u = static_cast<unsigned char>(c);
        doc += u < 0x20 || c == '"' || c == '\\' ? 'x' : c;
    }
    doc += '"';
    (void)boost::json::parse(doc, ec);
    return !ec;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const std::string path = "/tmp/fuzz_access_log." + std::to_string(::getpid()) + ".jsonl";
    std::string_view in(reinterpret_cast<const char*>(data), size);
    std::string_view parts[3] = {"GET", "/", ""};
    for (auto& p : parts) {
        if (in.empty()) break;
        const auto nl = in.find('\n');
        p = in.substr(0, nl);
        in = nl == std::string_view::npos ? std::string_view{} : in.substr(nl + 1);
    }
    std::remove(path.c_str());
    auto log = server::AccessLog::open(path, server::ClientIpLogging::Full);
    check(log.ok() && *log, "cannot open the log file");
    const Decision d = decide(HttpRequest{parts[0], parts[1], "192.0.2.7:1", parts[2]}, router(),
                              DecideDetail::Brief);
    (*log)->write(server::AccessRecord{parts[0], parts[1], d.client_ip, &d,
                                       std::chrono::microseconds(1234), std::uint64_t(42)});
    (*log)->flush();
    log->reset();
    std::ifstream f(path, std::ios::binary);
    const std::string text((std::istreambuf_iterator<char>(f)), {});
    check(!text.empty() && text.back() == '\n', "no complete line written");
    check(text.find('\n') == text.size() - 1, "one record wrote more than one line");
    boost::system::error_code ec;
    const auto v = boost::json::parse(text, ec);
    check(!ec && v.is_object(), "a line that is not a JSON object");
    const auto& o = v.as_object();
    if (valid_utf8(parts[0]) && valid_utf8(parts[1])) {
        check(o.at("method").as_string() == parts[0], "method changed");
        check(o.at("path").as_string() == parts[1], "path changed");
    }
    return 0;
}
