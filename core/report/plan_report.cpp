#include "core/report/plan_report.h"

#include "core/json_util.h"
#include "core/report/report_text.h"

#include <algorithm>
#include <boost/json.hpp>

namespace ociproxy {
namespace {

std::size_t shown(const Plan& p, std::size_t top) {
    return top == 0 ? p.candidates.size() : std::min(top, p.candidates.size());
}

std::string km_text(const std::optional<double>& km) {
    return km ? format_text("%.0f km", *km) : std::string("?");
}

std::string route_text(const PlanRoute& r) {
    if (r.is_default()) return "default " + usd_text(r.usd_per_gib) + "/GiB";
    return r.bucket + " (" + km_text(r.km) + ", " + usd_text(r.usd_per_gib) + "/GiB)";
}

std::string route_text(const std::optional<PlanRoute>& r) {
    return r ? route_text(*r) : std::string("none placed");
}

std::string break_even_text(const PlacementCandidate& c) {
    return c.break_even_gib_month ? format_text("%.1f", *c.break_even_gib_month)
                                  : std::string("never");
}

std::string recommended_text(const AliasRow& a) {
    if (!a.recommended) return "keep " + a.today.bucket;
    return a.recommended->bucket +
           format_text(
               " (saves %s/month)",
               usd_text(a.gib_month * (a.today.usd_per_gib - a.recommended->usd_per_gib)).c_str());
}

std::string text(const Plan& p, std::size_t top) {
    std::string out = format_text("Bucket plan: %llu blob requests from AWS clients, %.2f GiB per "
                                  "month\n",
                                  static_cast<unsigned long long>(p.requests), p.gib_month);
    if (const auto* c = p.chosen())
        out += format_text("Best next bucket: %s (%s), net %s per month\n", c->region.c_str(),
                           c->city.c_str(), usd_text(c->net_month).c_str());
    else
        out += "No new bucket pays for itself with this traffic (see break-even below)\n";

    out += "\nRegions without a bucket (today they get the default):\n";
    if (p.aliases.empty()) out += "  none: every region in the ranges and traffic has a bucket\n";
    for (const auto& a : p.aliases)
        out += format_text("  %-16s %8.2f GiB/mo  today %-22s nearest %-34s cheapest %-34s -> %s\n",
                           a.region.c_str(), a.gib_month, route_text(a.today).c_str(),
                           route_text(a.nearest).c_str(), route_text(a.cheapest).c_str(),
                           recommended_text(a).c_str());

    out += format_text("\nCandidates for a new bucket, best first (%zu of %zu):\n", shown(p, top),
                       p.candidates.size());
    out += format_text("  %3s %-16s %-16s %10s %12s %12s %12s %12s %12s\n", "#", "region", "today",
                       "GiB/mo", "egress saved", "storage", "copy/mo", "net/mo", "break-even");
    for (std::size_t i = 0; i < shown(p, top); ++i) {
        const auto& c = p.candidates[i];
        out += format_text("  %3zu %-16s %-16s %10.2f %12s %12s %12s %12s %12s\n", i + 1,
                           c.region.c_str(), c.today.bucket.c_str(), c.gib_month,
                           usd_text(c.egress_saving_month).c_str(),
                           usd_text(c.storage_month).c_str(), usd_text(c.replication_month).c_str(),
                           usd_text(c.net_month).c_str(), break_even_text(c).c_str());
    }
    out += "  (break-even: GiB per month of the region's traffic at which the bucket pays for "
           "itself)\n";
    if (!p.not_in_catalogue.empty()) {
        out += "\nNot in the catalogue (no place or price, so not planned; add them to a "
               "catalogue file):";
        for (const auto& r : p.not_in_catalogue)
            out += " " + r;
        out += "\n";
    }
    out += "\nAssumptions:\n";
    for (const auto& [k, v] : p.assumptions)
        out += "  " + k + ": " + v + "\n";
    return out;
}

boost::json::value route_json(const PlanRoute& r) {
    boost::json::object o{
        {"bucket", r.bucket}, {"home", r.home}, {"usd_per_gib", r.usd_per_gib}, {"basis", r.basis}};
    o["km"] = r.km ? boost::json::value(*r.km) : boost::json::value(nullptr);
    return o;
}

boost::json::value route_json(const std::optional<PlanRoute>& r) {
    return r ? route_json(*r) : boost::json::value(nullptr);
}

std::string json(const Plan& p, std::size_t top) {
    boost::json::object root;
    root["requests"] = p.requests;
    root["gib_month"] = p.gib_month;
    root["month_factor"] = p.month_factor;
    root["chosen"] =
        p.chosen() ? boost::json::value(p.chosen()->region) : boost::json::value(nullptr);
    boost::json::array aliases;
    for (const auto& a : p.aliases)
        aliases.push_back(boost::json::object{{"region", a.region},
                                              {"city", a.city},
                                              {"requests", a.requests},
                                              {"gib_month", a.gib_month},
                                              {"today", route_json(a.today)},
                                              {"nearest", route_json(a.nearest)},
                                              {"cheapest", route_json(a.cheapest)},
                                              {"recommended", route_json(a.recommended)}});
    root["aliases"] = std::move(aliases);
    boost::json::array cands;
    for (std::size_t i = 0; i < shown(p, top); ++i) {
        const auto& c = p.candidates[i];
        boost::json::object o{{"rank", i + 1},
                              {"region", c.region},
                              {"city", c.city},
                              {"requests", c.requests},
                              {"gib_month", c.gib_month},
                              {"today", route_json(c.today)},
                              {"after", route_json(c.after)},
                              {"replicate_from", route_json(c.replicate_from)},
                              {"egress_saving_month", c.egress_saving_month},
                              {"storage_month", c.storage_month},
                              {"replication_once", c.replication_once},
                              {"replication_month", c.replication_month},
                              {"net_month", c.net_month}};
        o["break_even_gib_month"] = c.break_even_gib_month
                                        ? boost::json::value(*c.break_even_gib_month)
                                        : boost::json::value(nullptr);
        cands.push_back(std::move(o));
    }
    root["candidates"] = std::move(cands);
    boost::json::array missing;
    for (const auto& r : p.not_in_catalogue)
        missing.push_back(boost::json::value(r));
    root["not_in_catalogue"] = std::move(missing);
    boost::json::object assumptions;
    for (const auto& [k, v] : p.assumptions)
        assumptions[k] = v;
    root["assumptions"] = std::move(assumptions);
    return pretty_json(root);
}

std::string md_cell(std::string s) {
    std::string out;
    for (char c : s)
        out += c == '|' ? std::string("\\|") : std::string(1, c);
    return out;
}

std::string markdown(const Plan& p, std::size_t top) {
    std::string out = "# Bucket plan\n\n";
    out += format_text("%llu blob requests from AWS clients, %.2f GiB per month. ",
                       static_cast<unsigned long long>(p.requests), p.gib_month);
    if (const auto* c = p.chosen())
        out += format_text("**Best next bucket: %s** (%s), net %s per month.\n", c->region.c_str(),
                           md_cell(c->city).c_str(), usd_text(c->net_month).c_str());
    else
        out += "No new bucket pays for itself with this traffic.\n";
    out += "\n## Regions without a bucket\n\n";
    if (p.aliases.empty()) {
        out += "None: every region in the ranges and traffic has a bucket.\n";
    } else {
        out += "| Region | GiB/month | Today | Nearest bucket | Cheapest bucket | Recommended |\n"
               "|---|---:|---|---|---|---|\n";
        for (const auto& a : p.aliases)
            out += format_text(
                "| %s | %.2f | %s | %s | %s | %s |\n", a.region.c_str(), a.gib_month,
                md_cell(route_text(a.today)).c_str(), md_cell(route_text(a.nearest)).c_str(),
                md_cell(route_text(a.cheapest)).c_str(), md_cell(recommended_text(a)).c_str());
    }
    out +=
        "\n## Candidates for a new bucket\n\n"
        "| # | Region | City | GiB/month | Egress saved | Storage | Copy (amortised) | Net/month "
        "| Break-even GiB/month |\n|---:|---|---|---:|---:|---:|---:|---:|---:|\n";
    for (std::size_t i = 0; i < shown(p, top); ++i) {
        const auto& c = p.candidates[i];
        out += format_text("| %zu | %s | %s | %.2f | %s | %s | %s | %s | %s |\n", i + 1,
                           c.region.c_str(), md_cell(c.city).c_str(), c.gib_month,
                           usd_text(c.egress_saving_month).c_str(),
                           usd_text(c.storage_month).c_str(), usd_text(c.replication_month).c_str(),
                           usd_text(c.net_month).c_str(), break_even_text(c).c_str());
    }
    if (!p.not_in_catalogue.empty()) {
        out += "\nNot in the catalogue (not planned):";
        for (const auto& r : p.not_in_catalogue)
            out += " `" + r + "`";
        out += "\n";
    }
    out += "\n## Assumptions\n\n";
    for (const auto& [k, v] : p.assumptions)
        out += "- **" + k + "**: " + md_cell(v) + "\n";
    return out;
}

std::string csv(const Plan& p, std::size_t top) {
    std::string out;
    for (const auto& [k, v] : p.assumptions)
        out += "# " + k + ": " + v + "\n";
    out += "table,rank,region,gib_month,today_bucket,today_usd_per_gib,target_bucket,target_km,"
           "target_usd_per_gib,egress_saving_month,storage_month,replication_month,net_month,"
           "break_even_gib_month\n";
    const auto num = [](double v) { return format_text("%.6g", v); };
    const auto opt = [&](const std::optional<double>& v) { return v ? num(*v) : std::string(); };
    for (const auto& a : p.aliases) {
        const PlanRoute& t = a.recommended ? *a.recommended : a.today;
        out += "alias,," + csv_field(a.region) + "," + num(a.gib_month) + "," +
               csv_field(a.today.bucket) + "," + num(a.today.usd_per_gib) + "," +
               csv_field(t.bucket) + "," + opt(t.km) + "," + num(t.usd_per_gib) + "," +
               num(a.gib_month * (a.today.usd_per_gib - t.usd_per_gib)) + ",,,,\n";
    }
    for (std::size_t i = 0; i < shown(p, top); ++i) {
        const auto& c = p.candidates[i];
        out += "candidate," + std::to_string(i + 1) + "," + csv_field(c.region) + "," +
               num(c.gib_month) + "," + csv_field(c.today.bucket) + "," + num(c.today.usd_per_gib) +
               "," + csv_field(c.after.bucket) + ",0," + num(c.after.usd_per_gib) + "," +
               num(c.egress_saving_month) + "," + num(c.storage_month) + "," +
               num(c.replication_month) + "," + num(c.net_month) + "," +
               opt(c.break_even_gib_month) + "\n";
    }
    return out;
}

} // namespace

std::optional<PlanFormat> parse_plan_format(std::string_view name) {
    if (name == "text") return PlanFormat::Text;
    if (name == "json") return PlanFormat::Json;
    if (name == "md" || name == "markdown") return PlanFormat::Markdown;
    if (name == "csv") return PlanFormat::Csv;
    return std::nullopt;
}

std::string plan_report(const Plan& plan, PlanFormat f, std::size_t top) {
    switch (f) {
    case PlanFormat::Json:
        return json(plan, top);
    case PlanFormat::Markdown:
        return markdown(plan, top);
    case PlanFormat::Csv:
        return csv(plan, top);
    case PlanFormat::Text:
        break;
    }
    return text(plan, top);
}

} // namespace ociproxy
