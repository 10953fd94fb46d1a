#pragma once

#include <QByteArray>
#include <QString>

namespace ociproxy::ui {

// The packaged Grafana dashboard and Prometheus rules (packaging/), compiled
// into the console so an operator can put what the Live view shows on the
// team's Grafana and alerting, exactly as shipped and tested.
enum class MonitoringArtifact { GrafanaDashboard, PrometheusRules };

QString monitoring_file_name(MonitoringArtifact a);
QString monitoring_file_filter(MonitoringArtifact a);
QByteArray monitoring_artifact(MonitoringArtifact a);
// What to do with the file once written, for the status bar.
QString monitoring_next_step(MonitoringArtifact a);

// Writes the artifact to `path` atomically; an empty string on success,
// else why not (naming the path).
QString export_monitoring(MonitoringArtifact a, const QString& path);

} // namespace ociproxy::ui
