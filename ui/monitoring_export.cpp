#include "ui/monitoring_export.h"

#include <QCoreApplication>
#include <QFile>
#include <QSaveFile>

static void init_monitoring_resources() {
    // The resources live in a static library: register them explicitly.
    Q_INIT_RESOURCE(monitoring);
}

namespace ociproxy::ui {

QString monitoring_file_name(MonitoringArtifact a) {
    return a == MonitoringArtifact::GrafanaDashboard ? QStringLiteral("oci-proxy-dashboard.json")
                                                     : QStringLiteral("oci-proxy.rules.yml");
}

QString monitoring_file_filter(MonitoringArtifact a) {
    return a == MonitoringArtifact::GrafanaDashboard
               ? QCoreApplication::translate("Monitoring", "Grafana dashboards (*.json)")
               : QCoreApplication::translate("Monitoring", "Prometheus rule files (*.yml *.yaml)");
}

QByteArray monitoring_artifact(MonitoringArtifact a) {
    init_monitoring_resources();
    QFile f(":/monitoring/" + monitoring_file_name(a));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QString monitoring_next_step(MonitoringArtifact a) {
    return a == MonitoringArtifact::GrafanaDashboard
               ? QCoreApplication::translate(
                     "Monitoring", "import it in Grafana (Dashboards → New → Import) and pick the "
                                   "Prometheus that scrapes the proxies")
               : QCoreApplication::translate(
                     "Monitoring", "list it under rule_files in prometheus.yml (or wrap it in a "
                                   "PrometheusRule) and reload Prometheus");
}

QString export_monitoring(MonitoringArtifact a, const QString& path) {
    const QByteArray data = monitoring_artifact(a);
    if (data.isEmpty())
        return QCoreApplication::translate("Monitoring", "the console was built without %1")
            .arg(monitoring_file_name(a));
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly) || out.write(data) != data.size() || !out.commit())
        return QCoreApplication::translate("Monitoring", "cannot write %1: %2")
            .arg(path, out.errorString());
    return {};
}

} // namespace ociproxy::ui
