#pragma once

#include <QObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTimer>
#include <QUrl>
#include <memory>

namespace ociproxy::ui {

class DemoBucket;
class TrafficReplayer;

// A local demo of the whole system, for the Live view: the `oci-proxy`
// binary built beside the console, run with --demo on free loopback ports
// and a bucket map whose buckets are a DemoBucket on loopback, plus a
// TrafficReplayer sending the built-in demo traffic to it. Everything stops
// with stop() or when this object goes (the console exiting).
class DemoProxy : public QObject {
    Q_OBJECT
public:
    enum class State { Stopped, Starting, Running, Failed };

    explicit DemoProxy(QObject* parent = nullptr);
    ~DemoProxy() override;

    // $OCI_PROXY_BIN, else oci-proxy beside the console (installed), else
    // in the build tree's app/proxy, else on PATH; empty when none is found.
    static QString findProxyBinary();

    // Starts everything; emits started() once the proxy listens, or
    // failed() with the cause.
    void start(int requests_per_second = 10);
    void stop();
    State state() const { return m_state; }
    QString error() const { return m_error; }

    QUrl proxyUrl() const;   // http://127.0.0.1:<port>
    QUrl metricsUrl() const; // http://127.0.0.1:<admin port>/metrics
    qint64 pid() const;
    const TrafficReplayer* replayer() const { return m_replayer; }
    QString describe() const;

signals:
    void started();
    void failed(const QString& why);
    void stopped();

private:
    void readOutput();
    void fail(const QString& why);

    DemoBucket* m_bucket;
    TrafficReplayer* m_replayer;
    QProcess m_process;
    std::unique_ptr<QTemporaryDir> m_dir;
    QTimer m_deadline;
    QByteArray m_output;
    State m_state = State::Stopped;
    QString m_error;
    quint16 m_port = 0, m_adminPort = 0;
};

} // namespace ociproxy::ui
