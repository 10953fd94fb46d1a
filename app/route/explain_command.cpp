#include "app/route/command_support.h"
#include "app/route/commands.h"
#include "core/json_util.h"

#include <iostream>

namespace ociproxy::cli {
namespace {

constexpr const char* kUsage = R"(Usage: oci-route explain [options] IP

Why an IP maps where it does: every range prefix containing it (most specific
first) with the file and services that published it, the winner under each
match mode (longest: ours; first: archeio's shortest-prefix answer), and the
bucket a blob request from it would try.

Options:
  --json    the same as one JSON object
)";

std::string provenance_text(const PrefixTable& t, std::uint32_t i) {
    std::string s;
    for (const auto& p : t.provenance(i)) {
        if (!s.empty()) s += ", ";
        s += t.sources()[p.source].name;
        if (!t.service_name(p.service).empty()) s += " (" + t.service_name(p.service) + ")";
    }
    return s;
}

std::string entry_text(const PrefixTable& t, std::uint32_t i) {
    if (i == kNoEntry) return "(no match)";
    const auto& e = t.entry(i);
    return e.prefix.to_string() + "  " + t.cloud_name(e.cloud) + " " + t.region_name(e.region);
}

void append_entry_json(std::string& out, const PrefixTable& t, std::uint32_t i) {
    if (i == kNoEntry) {
        out += "null";
        return;
    }
    const auto& e = t.entry(i);
    out += "{\"prefix\":";
    append_json_string(out, e.prefix.to_string());
    out += ",\"cloud\":";
    append_json_string(out, t.cloud_name(e.cloud));
    out += ",\"region\":";
    append_json_string(out, t.region_name(e.region));
    out += ",\"provenance\":[";
    const auto provenance = t.provenance(i);
    for (std::size_t k = 0; k < provenance.size(); ++k) {
        if (k) out += ',';
        out += "{\"source\":";
        append_json_string(out, t.sources()[provenance[k].source].name);
        out += ",\"service\":";
        append_json_string(out, t.service_name(provenance[k].service));
        out += '}';
    }
    out += "]}";
}

std::string bucket_text(const Router& r, std::uint32_t entry) {
    const BlobRoute route = r.route_entry(entry);
    if (route.gcp) return "(none: GCP clients go upstream)";
    return (route.bucket ? route.bucket->name : std::string("default")) + "  " + r.base_url(route);
}

} // namespace

int run_explain(int argc, char** argv, int first) {
    Args args;
    if (auto code = parse_command(argc, argv, first, {{"json", false}}, kUsage, args)) return *code;
    if (args.positionals().size() != 1)
        return fail(kExitUsage, "explain: give exactly one IP (see --help)");
    const std::string& text = args.positionals()[0];
    auto ip = IpAddress::parse(text);
    if (!ip) return fail(kExitInput, ip.error().message);
    auto setup = load_routing(args);
    if (!setup) return fail(kExitInput, setup.error().what());
    const Router& r = setup->router;
    const PrefixTable& t = r.table();
    const Explanation ex = t.explain(*ip);
    const std::uint32_t chosen = r.settings().match == MatchMode::Longest ? ex.longest : ex.first;

    if (args.has("json")) {
        std::string out = "{\"ip\":";
        append_json_string(out, ex.address.to_string());
        out += ",\"containing\":[";
        for (std::size_t k = 0; k < ex.containing.size(); ++k) {
            if (k) out += ',';
            append_entry_json(out, t, ex.containing[k]);
        }
        out += "],\"longest\":";
        append_entry_json(out, t, ex.longest);
        out += ",\"first\":";
        append_entry_json(out, t, ex.first);
        out += ",\"modes_agree\":";
        out += ex.modes_disagree ? "false" : "true";
        out += ",\"match\":";
        append_json_string(out, match_mode_name(r.settings().match));
        const BlobRoute route = r.route_entry(chosen);
        out += ",\"bucket\":";
        append_json_string(out, route.gcp ? std::string() : r.base_url(route));
        out += "}\n";
        std::cout << out;
        return kExitOk;
    }
    std::cout << ex.address.to_string() << (ex.address.is_v4() ? "  (IPv4)" : "  (IPv6)") << "\n";
    if (ex.containing.empty()) {
        std::cout << "  in no loaded range\n";
    } else {
        std::cout << "  containing prefixes, most specific first:\n";
        for (auto i : ex.containing)
            std::cout << "    " << entry_text(t, i) << "    [" << provenance_text(t, i) << "]\n";
    }
    std::cout << "  longest match: " << entry_text(t, ex.longest) << "\n"
              << "  first match:   " << entry_text(t, ex.first) << "   (archeio)\n";
    if (ex.modes_disagree)
        std::cout << "  the two match modes DISAGREE for this address (a different cloud or "
                     "region)\n";
    std::cout << "  bucket (" << match_mode_name(r.settings().match)
              << "): " << bucket_text(r, chosen) << "\n";
    return kExitOk;
}

} // namespace ociproxy::cli
