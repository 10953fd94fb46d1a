#include "ui/live/demo_proxy.h"

#include "core/buckets/bucket_map.h"
#include "core/decide/destination.h"
#include "core/file_io.h"
#include "resources/demo_data.h"
#include "ui/live/demo_bucket.h"
#include "ui/live/traffic_replayer.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStandardPaths>

namespace ociproxy::ui {
namespace {

constexpr int kStartTimeoutMs = 15000;

// The demo workspace's bucket map with every bucket moved onto the demo
// bucket server: same names and regions, so routing is production's.
QString demo_bucket_map(quint16 port) {
    std::vector<Bucket> buckets = demo::workspace().buckets.buckets();
    for (auto& b : buckets)
        b.url = "http://127.0.0.1:" + std::to_string(port) + "/" + b.name;
    auto map = BucketMap::create("http://127.0.0.1:" + std::to_string(port) + "/default",
                                 std::move(buckets));
    return map ? QString::fromStdString(map->to_json()) : QString();
}

} // namespace

DemoProxy::DemoProxy(QObject* parent)
    : QObject(parent)
    , m_bucket(new DemoBucket(this))
    , m_replayer(new TrafficReplayer(this)) {
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    connect(&m_process, &QProcess::readyRead, this, &DemoProxy::readOutput);
    connect(&m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError e) {
        if (e == QProcess::FailedToStart)
            fail(tr("cannot run %1: %2").arg(m_process.program(), m_process.errorString()));
    });
    connect(&m_process, &QProcess::finished, this, [this](int code, QProcess::ExitStatus) {
        // Stopped on purpose, or already failed (and killed) with its cause.
        if (m_state == State::Stopped || m_state == State::Failed) return;
        const QString last = QString::fromUtf8(m_output).trimmed().section('\n', -1);
        fail(tr("the demo proxy exited (code %1)%2")
                 .arg(code)
                 .arg(last.isEmpty() ? QString() : QStringLiteral(": ") + last));
    });
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, [this] {
        fail(tr("the demo proxy did not start listening within %1 s").arg(kStartTimeoutMs / 1000));
    });
}

DemoProxy::~DemoProxy() {
    stop();
}

QString DemoProxy::findProxyBinary() {
    const QString env = qEnvironmentVariable("OCI_PROXY_BIN");
    if (!env.isEmpty()) return QFileInfo(env).isExecutable() ? env : QString();
    const QDir here(QCoreApplication::applicationDirPath());
    for (const QString& candidate :
         {here.filePath("oci-proxy"), here.filePath("../proxy/oci-proxy")})
        if (QFileInfo(candidate).isExecutable()) return QFileInfo(candidate).canonicalFilePath();
    return QStandardPaths::findExecutable("oci-proxy");
}

void DemoProxy::start(int requests_per_second) {
    if (m_state == State::Starting || m_state == State::Running) return;
    m_error.clear();
    m_output.clear();
    m_port = m_adminPort = 0;
    const QString binary = findProxyBinary();
    if (binary.isEmpty()) {
        fail(tr("oci-proxy was not found beside the console, in the build tree or on PATH "
                "(set OCI_PROXY_BIN to its path)"));
        return;
    }
    auto traffic = replay_requests(demo::file("live-traffic.csv"), "demo:live-traffic.csv",
                                   kSampleBlobPath, 20, 10000);
    if (!traffic) {
        fail(QString::fromStdString(traffic.error().what()));
        return;
    }
    m_replayer->setRequests(std::move(traffic).value());
    m_replayer->setRate(requests_per_second);
    if (!m_bucket->isListening() && !m_bucket->start()) {
        fail(tr("the demo bucket cannot listen on 127.0.0.1: %1").arg(m_bucket->errorString()));
        return;
    }
    m_dir = std::make_unique<QTemporaryDir>();
    const QString map = m_dir->filePath("demo-buckets.json");
    const QString json = demo_bucket_map(m_bucket->serverPort());
    if (!m_dir->isValid() || json.isEmpty() ||
        !write_file_atomic(map.toStdString(), json.toStdString())) {
        fail(tr("cannot write the demo bucket map in %1").arg(m_dir->path()));
        return;
    }
    m_state = State::Starting;
    m_deadline.start(kStartTimeoutMs);
    // One I/O thread is plenty for a replay, and blob checks are quick
    // on loopback; the cache keeps misses only briefly so they recur.
    m_process.start(binary, {"--demo", "--listen", "127.0.0.1:0", "--admin-listen", "127.0.0.1:0",
                             "--buckets", map, "--threads", "1"});
}

void DemoProxy::readOutput() {
    m_output += m_process.readAll();
    if (m_output.size() > 64 * 1024) m_output = m_output.right(16 * 1024);
    if (m_state != State::Starting) return;
    static const QRegularExpression re(R"(listening on port (\d+), admin on port (\d+))");
    const auto m = re.match(QString::fromUtf8(m_output));
    if (!m.hasMatch()) return;
    m_port = quint16(m.captured(1).toUInt());
    m_adminPort = quint16(m.captured(2).toUInt());
    m_deadline.stop();
    m_state = State::Running;
    m_replayer->start(proxyUrl());
    emit started();
}

void DemoProxy::fail(const QString& why) {
    m_deadline.stop();
    m_replayer->stop();
    m_state = State::Failed;
    m_error = why;
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished(2000);
    }
    emit failed(why);
}

void DemoProxy::stop() {
    m_deadline.stop();
    m_replayer->stop();
    const bool was = m_state == State::Starting || m_state == State::Running;
    m_state = State::Stopped;
    if (m_process.state() != QProcess::NotRunning) {
        // SIGTERM: the proxy finishes what is in flight and exits 0.
        m_process.terminate();
        if (!m_process.waitForFinished(5000)) {
            m_process.kill();
            m_process.waitForFinished(2000);
        }
    }
    if (m_bucket->isListening()) m_bucket->close();
    if (was) emit stopped();
}

QUrl DemoProxy::proxyUrl() const {
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_port));
}

QUrl DemoProxy::metricsUrl() const {
    return QUrl(QStringLiteral("http://127.0.0.1:%1/metrics").arg(m_adminPort));
}

qint64 DemoProxy::pid() const {
    return m_process.processId();
}

QString DemoProxy::describe() const {
    switch (m_state) {
    case State::Stopped:
        return tr("Demo proxy stopped.");
    case State::Starting:
        return tr("Starting the demo proxy…");
    case State::Failed:
        return tr("Demo proxy failed: %1").arg(m_error);
    case State::Running:
        break;
    }
    return tr("Demo proxy on 127.0.0.1:%1 (pid %2, metrics on :%3) with a demo bucket on :%4; "
              "replaying %5 built-in requests at %6/s — %7 sent, %8 answered.")
        .arg(m_port)
        .arg(pid())
        .arg(m_adminPort)
        .arg(m_bucket->serverPort())
        .arg(m_replayer->requestCount())
        .arg(m_replayer->rate())
        .arg(m_replayer->sent())
        .arg(m_replayer->answered());
}

} // namespace ociproxy::ui
