#include "tests/ui/ui_test_support.h"
#include "ui/monitoring_export.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

using namespace ociproxy::ui;

class TestMonitoringExport : public QObject {
    Q_OBJECT
private slots:
    void writesThePackagedFiles_data();
    void writesThePackagedFiles();
    void dashboardAndRulesHoldTheQueries();
    void unwritablePathSaysWhere();
};

void TestMonitoringExport::writesThePackagedFiles_data() {
    QTest::addColumn<int>("artifact");
    QTest::addColumn<QString>("packaged");
    QTest::newRow("grafana") << int(MonitoringArtifact::GrafanaDashboard)
                             << "packaging/grafana/oci-proxy-dashboard.json";
    QTest::newRow("rules") << int(MonitoringArtifact::PrometheusRules)
                           << "packaging/prometheus/oci-proxy.rules.yml";
}

// What the console writes is what ships and what the e2e test ran.
void TestMonitoringExport::writesThePackagedFiles() {
    QFETCH(int, artifact);
    QFETCH(QString, packaged);
    QTemporaryDir dir;
    const auto a = MonitoringArtifact(artifact);
    const QString path = dir.filePath(monitoring_file_name(a));
    QCOMPARE(export_monitoring(a, path), QString());
    QFile written(path), source(QStringLiteral(OCIPROXY_SOURCE_DIR) + "/" + packaged);
    QVERIFY(written.open(QIODevice::ReadOnly));
    QVERIFY(source.open(QIODevice::ReadOnly));
    const QByteArray bytes = written.readAll();
    QVERIFY(bytes.size() > 1000);
    QCOMPARE(bytes, source.readAll());
}

void TestMonitoringExport::dashboardAndRulesHoldTheQueries() {
    const QJsonObject dash =
        QJsonDocument::fromJson(monitoring_artifact(MonitoringArtifact::GrafanaDashboard)).object();
    int exprs = 0;
    for (const auto& p : dash.value("panels").toArray())
        for (const auto& t : p.toObject().value("targets").toArray())
            exprs += t.toObject().value("expr").toString().contains("ociproxy_") ||
                     t.toObject().value("expr").toString().contains("up{");
    QVERIFY2(exprs >= 20, qPrintable(QString::number(exprs)));
    const QByteArray rules = monitoring_artifact(MonitoringArtifact::PrometheusRules);
    for (const char* alert :
         {"OciProxyReplicaDown", "OciProxyBlobChecksFailing", "OciProxyNegativeCacheChurn",
          "OciProxyP99LatencyHigh", "OciProxyCostBurnRateHigh", "OciProxyRangeFileStale"})
        QVERIFY2(rules.contains(QByteArray("- alert: ") + alert), alert);
}

void TestMonitoringExport::unwritablePathSaysWhere() {
    QTemporaryDir dir;
    const QString path = dir.filePath("no-such-dir/oci-proxy.rules.yml");
    const QString error = export_monitoring(MonitoringArtifact::PrometheusRules, path);
    QVERIFY2(error.contains(path), qPrintable(error));
    QVERIFY(!QFile::exists(path));
}

QTEST_MAIN(TestMonitoringExport)
#include "tst_monitoring_export.moc"
