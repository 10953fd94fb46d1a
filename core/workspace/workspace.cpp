#include "core/workspace/workspace.h"

#include "core/file_io.h"
#include "core/json_util.h"
#include "core/workspace/range_source.h"

#include <boost/json.hpp>
#include <cmath>
#include <filesystem>

namespace ociproxy {

BlobPolicy blob_policy_from_text(std::string_view value) {
    if (value == "all") return {};
    if (value == "none") return {BlobPolicy::Kind::None, {}};
    if (value.starts_with("inventory:"))
        return {BlobPolicy::Kind::Inventory, std::string(value.substr(10))};
    return {BlobPolicy::Kind::UrlList, std::string(value)};
}
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kFormatKey = "oci_proxy_workspace";
constexpr std::int64_t kFormatVersion = 1;

fs::path base_dir(const std::string& path) {
    return fs::absolute(fs::path(path)).parent_path();
}

std::string resolve(const std::string& p, const fs::path& base) {
    if (p.empty() || is_builtin_source(p)) return p;
    const fs::path x(p);
    return (x.is_absolute() ? x : base / x).lexically_normal().string();
}

std::string relative(const std::string& p, const fs::path& base) {
    if (p.empty() || is_builtin_source(p)) return p;
    const fs::path rel = fs::path(p).lexically_relative(base);
    return rel.empty() ? p : rel.string();
}

// Optional string member: absent keeps the default, anything but a string is
// an error naming the member.
Status read_string(const boost::json::object& obj, std::string_view key, const std::string& where,
                   const JsonPath& json, std::string& out) {
    const auto* v = obj.if_contains(key);
    if (!v) return {};
    if (!v->is_string()) return json.error(where + std::string(key), "expected a string");
    out.assign(v->get_string().data(), v->get_string().size());
    return {};
}

Status read_settings(const boost::json::value& v, const JsonPath& json, RoutingSettings& s) {
    if (!v.is_object()) return json.error("settings", "expected an object");
    const auto& o = v.get_object();
    static constexpr std::pair<std::string_view, std::string RoutingSettings::*> fields[] = {
        {"upstream", &RoutingSettings::upstream},
        {"upstream_path", &RoutingSettings::upstream_path},
        {"signature_upstream", &RoutingSettings::signature_upstream},
        {"info_url", &RoutingSettings::info_url},
        {"privacy_url", &RoutingSettings::privacy_url},
        {"default_aws_base", &RoutingSettings::default_aws_base},
    };
    for (const auto& [key, member] : o) {
        bool known = key == "match";
        for (const auto& f : fields)
            known = known || key == f.first;
        if (!known)
            return json.error("settings." + std::string(key),
                              "unknown setting (known: upstream, upstream_path, "
                              "signature_upstream, info_url, privacy_url, default_aws_base, "
                              "match)");
    }
    for (const auto& f : fields)
        if (auto st = read_string(o, f.first, "settings.", json, s.*(f.second)); !st) return st;
    std::string match(match_mode_name(s.match));
    if (auto st = read_string(o, "match", "settings.", json, match); !st) return st;
    const auto mode = parse_match_mode(match);
    if (!mode) return json.error("settings.match", "expected \"longest\" or \"first\"");
    s.match = *mode;
    return {};
}

Status read_blobs(const boost::json::value& v, const JsonPath& json, const fs::path& base,
                  BlobPolicy& b) {
    if (!v.is_object()) return json.error("blobs", "expected an object");
    const auto& o = v.get_object();
    std::string policy = "all";
    if (auto st = read_string(o, "policy", "blobs.", json, policy); !st) return st;
    if (policy == "all") {
        b = {};
    } else if (policy == "none") {
        b = {BlobPolicy::Kind::None, {}};
    } else if (policy == "url_list" || policy == "inventory") {
        std::string file;
        if (auto st = read_string(o, "file", "blobs.", json, file); !st) return st;
        if (file.empty()) return json.error("blobs.file", "the " + policy + " policy needs a file");
        b = {policy == "url_list" ? BlobPolicy::Kind::UrlList : BlobPolicy::Kind::Inventory,
             resolve(file, base)};
    } else {
        return json.error("blobs.policy",
                          "expected \"all\", \"none\", \"url_list\" or \"inventory\"");
    }
    return {};
}

Result<std::uint64_t> read_bytes(const boost::json::value& v, const JsonPath& json,
                                 const std::string& where) {
    if (!(v.is_int64() && v.get_int64() > 0) && !v.is_uint64())
        return json.error(where, "expected a whole number of bytes > 0");
    return v.is_int64() ? std::uint64_t(v.get_int64()) : v.get_uint64();
}

Result<ScenarioOverrides> read_scenario(const boost::json::value& v, const JsonPath& json,
                                        const fs::path& base, std::size_t index) {
    const std::string at = json_index_path("scenarios", index) + ".";
    if (!v.is_object())
        return json.error(json_index_path("scenarios", index), "expected an object");
    const auto& o = v.get_object();
    for (const auto& [key, _] : o)
        if (key != "name" && key != "buckets" && key != "ranges" && key != "match" &&
            key != "default_aws_base" && key != "default_blob_bytes" && key != "prices")
            return json.error(at + std::string(key),
                              "unknown member (known: name, buckets, ranges, match, "
                              "default_aws_base, default_blob_bytes, prices)");
    ScenarioOverrides sc;
    if (auto st = read_string(o, "name", at, json, sc.name); !st) return st.error();
    if (sc.name.empty()) return json.error(at + "name", "every scenario needs a name");
    std::string file;
    if (auto st = read_string(o, "buckets", at, json, file); !st) return st.error();
    sc.bucket_file = resolve(file, base);
    file.clear();
    if (auto st = read_string(o, "prices", at, json, file); !st) return st.error();
    sc.price_file = resolve(file, base);
    if (auto st = read_string(o, "default_aws_base", at, json, sc.default_url); !st)
        return st.error();
    if (const auto* r = o.if_contains("ranges")) {
        if (!r->is_array()) return json.error(at + "ranges", "expected an array of file names");
        for (std::size_t i = 0; i < r->get_array().size(); ++i) {
            const auto& item = r->get_array()[i];
            if (!item.is_string() || item.get_string().empty())
                return json.error(json_index_path(at + "ranges", i), "expected a file name");
            sc.range_files.push_back(
                resolve(std::string(item.get_string().data(), item.get_string().size()), base));
        }
    }
    std::string match;
    if (auto st = read_string(o, "match", at, json, match); !st) return st.error();
    if (!match.empty()) {
        sc.match = parse_match_mode(match);
        if (!sc.match) return json.error(at + "match", "expected \"longest\" or \"first\"");
    }
    if (const auto* b = o.if_contains("default_blob_bytes")) {
        auto bytes = read_bytes(*b, json, at + "default_blob_bytes");
        if (!bytes) return bytes.error();
        sc.default_blob_bytes = *bytes;
    }
    return sc;
}

Result<double> read_positive(const boost::json::object& o, std::string_view key,
                             const JsonPath& json, double fallback) {
    const auto* v = o.if_contains(key);
    if (!v) return fallback;
    if (!v->is_number() || !(v->to_number<double>() > 0) || !std::isfinite(v->to_number<double>()))
        return json.error("planner." + std::string(key), "expected a number > 0");
    return v->to_number<double>();
}

Status read_planner(const boost::json::value& v, const JsonPath& json, const fs::path& base,
                    PlannerSettings& p) {
    if (!v.is_object()) return json.error("planner", "expected an object");
    const auto& o = v.get_object();
    for (const auto& [key, _] : o)
        if (key != "catalogue" && key != "store_bytes" && key != "horizon_months" &&
            key != "traffic_days")
            return json.error("planner." + std::string(key),
                              "unknown member (known: catalogue, store_bytes, horizon_months, "
                              "traffic_days)");
    std::string catalogue;
    if (auto st = read_string(o, "catalogue", "planner.", json, catalogue); !st) return st;
    p.catalogue = catalogue.empty() ? std::string() : resolve(catalogue, base);
    if (const auto* s = o.if_contains("store_bytes")) {
        if (!s->is_int64() && !s->is_uint64())
            return json.error("planner.store_bytes", "expected a whole number of bytes >= 0");
        if (s->is_int64() && s->get_int64() < 0)
            return json.error("planner.store_bytes", "expected a whole number of bytes >= 0");
        p.store_bytes = s->is_int64() ? std::uint64_t(s->get_int64()) : s->get_uint64();
    }
    auto horizon = read_positive(o, "horizon_months", json, p.horizon_months);
    if (!horizon) return horizon.error();
    auto days = read_positive(o, "traffic_days", json, p.traffic_days);
    if (!days) return days.error();
    p.horizon_months = *horizon;
    p.traffic_days = *days;
    return {};
}

} // namespace

Result<std::unique_ptr<BlobPresence>> make_blob_presence(const BlobPolicy& policy,
                                                         const BucketMap& buckets) {
    switch (policy.kind) {
    case BlobPolicy::Kind::All:
        return std::unique_ptr<BlobPresence>(new AllBlobsPresent);
    case BlobPolicy::Kind::None:
        return std::unique_ptr<BlobPresence>(new NoBlobsPresent);
    case BlobPolicy::Kind::Inventory: {
        auto inv = BlobInventory::load_file(policy.url_list_file, buckets);
        if (!inv) return inv.error();
        return std::unique_ptr<BlobPresence>(new BlobInventory(std::move(inv).value()));
    }
    case BlobPolicy::Kind::UrlList:
        break;
    }
    auto list = BlobUrlList::load_file(policy.url_list_file);
    if (!list) return list.error();
    return std::unique_ptr<BlobPresence>(new BlobUrlList(std::move(list).value()));
}

Result<Workspace> parse_workspace(std::string_view text, const std::string& path) {
    boost::json::monotonic_resource mr;
    auto v = parse_json(text, path, &mr);
    if (!v) return v.error();
    const JsonPath json(path);
    if (!v->is_object()) return json.error("", "a workspace is a JSON object");
    const auto& root = v->get_object();
    const auto* version = root.if_contains(kFormatKey);
    if (!version || !version->is_int64())
        return json.error(std::string(kFormatKey),
                          "not an oci-proxy workspace (expected \"oci_proxy_workspace\": 1)");
    if (version->get_int64() != kFormatVersion)
        return json.error(std::string(kFormatKey), "workspace format " +
                                                       std::to_string(version->get_int64()) +
                                                       " is not supported (this version reads 1)");
    for (const auto& [key, value] : root) {
        if (key != kFormatKey && key != "ranges" && key != "buckets" && key != "settings" &&
            key != "blobs" && key != "prices" && key != "planner" && key != "simulation" &&
            key != "scenarios")
            return json.error(std::string(key),
                              "unknown member (known: ranges, buckets, settings, blobs, prices, "
                              "simulation, scenarios, planner)");
    }

    const fs::path base = base_dir(path);
    Workspace ws;
    if (const auto* r = root.if_contains("ranges")) {
        if (!r->is_array()) return json.error("ranges", "expected an array of file names");
        for (std::size_t i = 0; i < r->get_array().size(); ++i) {
            const auto& item = r->get_array()[i];
            if (!item.is_string() || item.get_string().empty())
                return json.error(json_index_path("ranges", i), "expected a file name");
            const std::string name(item.get_string().data(), item.get_string().size());
            ws.range_sources.push_back(resolve(name, base));
        }
    }
    if (const auto* b = root.if_contains("buckets")) {
        auto map = BucketMap::from_value(*b, path, "buckets.");
        if (!map) return map.error();
        ws.buckets = std::move(map).value();
    }
    if (const auto* s = root.if_contains("settings"))
        if (auto st = read_settings(*s, json, ws.settings); !st) return st.error();
    if (const auto* b = root.if_contains("blobs"))
        if (auto st = read_blobs(*b, json, base, ws.blobs); !st) return st.error();
    if (const auto* p = root.if_contains("prices")) {
        auto prices = PriceTable::from_value(*p, path, "prices.");
        if (!prices) return prices.error();
        ws.prices = *prices;
    }
    if (const auto* sim = root.if_contains("simulation")) {
        if (!sim->is_object()) return json.error("simulation", "expected an object");
        for (const auto& [key, value] : sim->get_object()) {
            if (key == "traffic") {
                if (!value.is_string())
                    return json.error("simulation.traffic", "expected a file name");
                ws.traffic_file = resolve(
                    std::string(value.get_string().data(), value.get_string().size()), base);
                continue;
            }
            if (key != "default_blob_bytes")
                return json.error("simulation." + std::string(key),
                                  "unknown member (known: default_blob_bytes, traffic)");
            auto bytes = read_bytes(value, json, "simulation.default_blob_bytes");
            if (!bytes) return bytes.error();
            ws.default_blob_bytes = *bytes;
        }
    }
    if (const auto* sc = root.if_contains("scenarios")) {
        if (!sc->is_array()) return json.error("scenarios", "expected an array of scenarios");
        for (std::size_t i = 0; i < sc->get_array().size(); ++i) {
            auto one = read_scenario(sc->get_array()[i], json, base, i);
            if (!one) return one.error();
            for (const auto& earlier : ws.scenarios)
                if (earlier.name == one->name)
                    return json.error(json_index_path("scenarios", i) + ".name",
                                      "a scenario named \"" + one->name + "\" comes earlier");
            ws.scenarios.push_back(std::move(one).value());
        }
    }
    if (const auto* p = root.if_contains("planner"))
        if (auto st = read_planner(*p, json, base, ws.planner); !st) return st.error();
    // The same checks the server runs at start, so a workspace that opens
    // here also starts a proxy.
    auto probe = Router::create(PrefixTable{}, ws.buckets, ws.settings);
    if (!probe) {
        const auto& e = probe.error();
        return Error{e.message,
                     path + ": settings" + (e.location.empty() ? "" : ": " + e.location)};
    }
    return ws;
}

Result<Workspace> load_workspace_file(const std::string& path) {
    auto text = read_file(path);
    if (!text) return text.error();
    return parse_workspace(*text, path);
}

std::string workspace_to_json(const Workspace& ws, const std::string& path) {
    const fs::path base = base_dir(path);
    boost::json::object root;
    root[kFormatKey] = kFormatVersion;
    boost::json::array ranges;
    for (const auto& r : ws.range_sources)
        ranges.emplace_back(relative(r, base));
    root["ranges"] = std::move(ranges);
    root["buckets"] = boost::json::parse(ws.buckets.to_json());
    const auto& s = ws.settings;
    root["settings"] = {{"upstream", s.upstream},
                        {"upstream_path", s.upstream_path},
                        {"signature_upstream", s.signature_upstream},
                        {"info_url", s.info_url},
                        {"privacy_url", s.privacy_url},
                        {"default_aws_base", s.default_aws_base},
                        {"match", match_mode_name(s.match)}};
    switch (ws.blobs.kind) {
    case BlobPolicy::Kind::All:
        root["blobs"] = {{"policy", "all"}};
        break;
    case BlobPolicy::Kind::None:
        root["blobs"] = {{"policy", "none"}};
        break;
    case BlobPolicy::Kind::UrlList:
        root["blobs"] = {{"policy", "url_list"}, {"file", relative(ws.blobs.url_list_file, base)}};
        break;
    case BlobPolicy::Kind::Inventory:
        root["blobs"] = {{"policy", "inventory"}, {"file", relative(ws.blobs.url_list_file, base)}};
        break;
    }
    root["prices"] = boost::json::parse(ws.prices.to_json());
    root["simulation"] = {{"default_blob_bytes", ws.default_blob_bytes},
                          {"traffic", relative(ws.traffic_file, base)}};
    boost::json::array scenarios;
    for (const auto& sc : ws.scenarios) {
        boost::json::object o;
        o["name"] = sc.name;
        if (!sc.bucket_file.empty()) o["buckets"] = relative(sc.bucket_file, base);
        if (!sc.range_files.empty()) {
            boost::json::array r;
            for (const auto& f : sc.range_files)
                r.emplace_back(relative(f, base));
            o["ranges"] = std::move(r);
        }
        if (sc.match) o["match"] = match_mode_name(*sc.match);
        if (!sc.default_url.empty()) o["default_aws_base"] = sc.default_url;
        if (sc.default_blob_bytes) o["default_blob_bytes"] = *sc.default_blob_bytes;
        if (!sc.price_file.empty()) o["prices"] = relative(sc.price_file, base);
        scenarios.emplace_back(std::move(o));
    }
    root["scenarios"] = std::move(scenarios);
    const PlannerSettings& p = ws.planner;
    root["planner"] = {
        {"catalogue", p.catalogue.empty() ? std::string() : relative(p.catalogue, base)},
        {"store_bytes", p.store_bytes},
        {"horizon_months", p.horizon_months},
        {"traffic_days", p.traffic_days}};
    return pretty_json(root);
}

Status save_workspace_file(const Workspace& ws, const std::string& path) {
    return write_file_atomic(path, workspace_to_json(ws, path));
}

} // namespace ociproxy
