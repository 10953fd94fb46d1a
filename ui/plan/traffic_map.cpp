#include "ui/plan/traffic_map.h"

#include "core/plan/map_sites.h"
#include "core/plan/region_traffic.h"

#include <QLocale>
#include <set>

namespace ociproxy::ui {

void show_traffic_on_map(WorldMapWidget* map, const SimulationResult& sim, const BucketMap& buckets,
                         const RegionCatalogue& catalogue, const std::vector<AliasRow>& proposed,
                         const QString& highlight) {
    std::vector<WorldMapWidget::Flow> flows;
    std::uint64_t to_default = 0, same_region = 0, unplaced = 0, drawn = 0;
    std::set<std::string> missing;
    for (const auto& f : traffic_flows(sim, buckets)) {
        const auto* a = catalogue.find(f.from);
        const auto* b = f.to.empty() ? nullptr : catalogue.find(f.to);
        if (f.to.empty()) {
            to_default += f.bytes;
        } else if (f.from == f.to) {
            same_region += f.bytes; // served where it is: no line to draw
        } else if (!a || !b) {
            unplaced += f.bytes;
            missing.insert(a ? f.to : f.from);
        } else {
            flows.push_back({QString::fromStdString(f.from), QString::fromStdString(f.to), a->lat,
                             a->lon, b->lat, b->lon, f.bytes, false});
            drawn += f.bytes;
        }
    }
    for (const auto& row : proposed) {
        if (!row.recommended || QString::fromStdString(row.region) == highlight) continue;
        const auto* a = catalogue.find(row.region);
        const auto* b = catalogue.find(row.recommended->home);
        if (!a || !b) continue;
        flows.push_back({QString::fromStdString(row.region),
                         QString::fromStdString(row.recommended->home), a->lat, a->lon, b->lat,
                         b->lon, std::uint64_t(row.gib_month * 1073741824.0), true});
    }
    const QLocale loc;
    QStringList caption;
    caption << QObject::tr("AWS clients' blob bytes: %1 to another region (lines), %2 in their own "
                           "region, %3 to the default (no place on a map)")
                   .arg(loc.formattedDataSize(qint64(drawn)),
                        loc.formattedDataSize(qint64(same_region)),
                        loc.formattedDataSize(qint64(to_default)));
    if (unplaced > 0)
        caption << QObject::tr("%1 between regions the catalogue lacks (%2)")
                       .arg(loc.formattedDataSize(qint64(unplaced)))
                       .arg(QStringList([&] {
                                QStringList l;
                                for (const auto& m : missing)
                                    l << QString::fromStdString(m);
                                return l;
                            }())
                                .join(", "));
    map->setSites(map_sites(catalogue, buckets), highlight);
    map->setFlows(std::move(flows));
    map->setCaption(caption.join("; "));
}

} // namespace ociproxy::ui
