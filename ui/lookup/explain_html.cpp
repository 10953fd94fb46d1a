#include "ui/lookup/explain_html.h"

#include <QFileInfo>
#include <QObject>

namespace ociproxy::ui {
namespace {

QString esc(const std::string& s) {
    return QString::fromStdString(s).toHtmlEscaped();
}

QString source_name(const std::string& s) {
    const QString q = QString::fromStdString(s);
    return q.startsWith("demo:") ? q : QFileInfo(q).fileName();
}

} // namespace

QString explain_html(const Router& router, const LookupRow& row, const QPalette& palette) {
    const Decision& d = row.decision;
    const QString dim = palette.color(QPalette::PlaceholderText).name();
    QString h;
    h += "<h3>" + row.input.toHtmlEscaped() + "</h3>";
    h += "<p><b>" + QString::number(d.status) + "</b> ";
    if (!d.location.empty()) h += "→ <code>" + esc(d.location) + "</code>";
    h += "<br>" + QObject::tr("Rule: %1").arg(esc(d.reason)) + "</p>";
    if (!d.client_ip) return h;

    const PrefixTable& t = router.table();
    const Explanation x = t.explain(*d.client_ip);
    h += "<p>" + QObject::tr("Client IP <b>%1</b>; match mode in use: <b>%2</b>")
                     .arg(esc(x.address.to_string()),
                          QString::fromUtf8(match_mode_name(router.settings().match).data()));
    if (row.modes_differ)
        h += "<br><b>" +
             QObject::tr("The modes disagree: longest → %1, first → %2")
                 .arg(row.longest, row.first) +
             "</b>";
    h += "</p>";
    if (x.containing.empty()) {
        h += "<p>" + QObject::tr("No loaded prefix contains this address.") + "</p>";
        return h;
    }
    h += "<table cellspacing=0 cellpadding=3 border=1 style='border-collapse:collapse'>";
    h += "<tr><th>" + QObject::tr("Prefix") + "</th><th>" + QObject::tr("Cloud") + "</th><th>" +
         QObject::tr("Region") + "</th><th>" + QObject::tr("Published in") + "</th><th>" +
         QObject::tr("Winner") + "</th></tr>";
    for (const auto id : x.containing) {
        const TableEntry& e = t.entry(id);
        QStringList prov;
        for (const auto& p : t.provenance(id))
            prov << source_name(t.sources()[p.source].name).toHtmlEscaped() +
                        " <span style='color:" + dim + "'>(" + esc(t.service_name(p.service)) +
                        ")</span>";
        QStringList win;
        if (id == x.longest) win << QObject::tr("longest");
        if (id == x.first) win << QObject::tr("first");
        h += "<tr><td><code>" + esc(e.prefix.to_string()) + "</code></td><td>" +
             esc(t.cloud_name(e.cloud)) + "</td><td>" + esc(t.region_name(e.region)) + "</td><td>" +
             prov.join("<br>") + "</td><td><b>" + win.join(", ") + "</b></td></tr>";
    }
    h += "</table>";
    return h;
}

} // namespace ociproxy::ui
