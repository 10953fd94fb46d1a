#include "core/diff/prefix_consequence.h"

#include "core/decide/blob_presence.h"
#include "core/decide/decide.h"
#include "core/decide/destination.h"

namespace ociproxy {
namespace {

std::string destination(const Router& r, const IpAddress& client) {
    AllBlobsPresent all;
    const std::string peer = client.family() == Family::V6 ? "[" + client.to_string() + "]:0"
                                                           : client.to_string() + ":0";
    // Any blob: with every blob present, only the client decides where it goes.
    HttpRequest req;
    req.target = kSampleBlobPath;
    req.peer = peer;
    return destination_name(decide(req, r, all));
}

std::string in_words(const std::string& before, const std::string& after) {
    if (before == after) return "still " + before;
    std::string why;
    if (after == "default" && before != "upstream")
        why = " (loses its bucket)";
    else if (before == "default" && after != "upstream")
        why = " (gains a bucket)";
    else if (after == "upstream")
        why = " (no longer AWS)";
    return before + " → " + after + why;
}

} // namespace

std::map<std::string, PrefixConsequence>
prefix_consequences(const RangeDiff& d, const Router& before, const Router& after) {
    std::map<std::string, PrefixConsequence> out;
    const auto add = [&](const IpPrefix& p) {
        auto [it, fresh] = out.try_emplace(p.to_string());
        if (!fresh) return;
        PrefixConsequence& c = it->second;
        c.before = destination(before, p.network());
        c.after = destination(after, p.network());
        c.changes = c.before != c.after;
        c.text = in_words(c.before, c.after);
    };
    for (const auto& e : d.added)
        add(e.prefix);
    for (const auto& e : d.removed)
        add(e.prefix);
    for (const auto& m : d.moved)
        add(m.prefix);
    return out;
}

} // namespace ociproxy
