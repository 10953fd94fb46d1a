#include "ui/lookup/lookup_row.h"

#include "core/decide/decide.h"

#include <QRegularExpression>

namespace ociproxy::ui {
namespace {

QString where(const PrefixTable& t, std::uint32_t entry) {
    if (entry == kNoEntry) return QObject::tr("no prefix");
    const auto& e = t.entry(entry);
    return QString::fromStdString(t.cloud_name(e.cloud) + " " + t.region_name(e.region));
}

} // namespace

std::vector<LookupRow> lookup_rows(const Router& router, BlobPresence& presence,
                                   const QStringList& lines, const QString& path) {
    static const QRegularExpression several(R"([,\s]\s*\S)");
    const std::string target =
        path.trimmed().isEmpty() ? std::string(kDefaultLookupPath) : path.trimmed().toStdString();
    std::vector<LookupRow> rows;
    rows.reserve(std::size_t(lines.size()));
    for (const auto& line : lines) {
        const QString input = line.trimmed();
        if (input.isEmpty()) continue;
        const std::string text = input.toStdString();
        HttpRequest req;
        req.target = target;
        // More than one entry is a forwarded-for chain; one entry is the peer.
        const bool xff = several.match(input).hasMatch();
        if (xff) {
            req.forwarded_for = text;
        } else {
            req.peer = text;
        }
        LookupRow row{input, decide(req, router, presence), false, {}, {}};
        if (row.decision.client_ip) {
            const auto& t = router.table();
            const auto a = t.lookup(*row.decision.client_ip, MatchMode::Longest);
            const auto b = t.lookup(*row.decision.client_ip, MatchMode::First);
            if (t.modes_disagree(a, b)) {
                row.modes_differ = true;
                row.longest = where(t, a);
                row.first = where(t, b);
            }
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

} // namespace ociproxy::ui
