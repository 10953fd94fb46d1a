#pragma once

// What the end-to-end tests share: child processes that are reaped, free
// loopback ports, a small real OCI image, Debian's docker-registry holding it
// under the production path, nginx instances and skopeo pulls.

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <memory>
#include <unistd.h>

namespace ociproxy::test {

inline unsigned short free_port() {
    QTcpServer s;
    s.listen(QHostAddress::LocalHost, 0);
    return s.serverPort();
}

inline bool wait_for_port(unsigned short port, int ms = 15000) {
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < ms) {
        QTcpSocket s;
        s.connectToHost(QHostAddress::LocalHost, port);
        if (s.waitForConnected(200)) return true;
        QTest::qWait(50);
    }
    return false;
}

inline bool write_file(const QString& path, const QByteArray& data) {
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}

inline QString sha256_hex(const QByteArray& data) {
    return QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
}

// Null when every tool is installed, else why the test is skipped.
inline QString missing_tool(std::initializer_list<const char*> tools) {
    for (const char* tool : tools)
        if (QStandardPaths::findExecutable(tool).isEmpty() &&
            QStandardPaths::findExecutable(tool, {"/usr/sbin", "/usr/bin"}).isEmpty())
            return QString("%1 is not installed (scripts/setup.sh installs it)").arg(tool);
    return {};
}

// A child process that is stopped (and reaped) when the test is done with it.
class Child {
public:
    Child(const QString& program, const QStringList& args, const QString& log) {
        m_p.setProgram(program);
        m_p.setArguments(args);
        m_p.setStandardOutputFile(log, QIODevice::Append);
        m_p.setStandardErrorFile(log, QIODevice::Append);
        m_p.start();
        m_p.waitForStarted(10000);
    }
    ~Child() { stop(); }
    void stop() {
        if (m_p.state() == QProcess::NotRunning) return;
        m_p.terminate();
        if (!m_p.waitForFinished(5000)) {
            m_p.kill();
            m_p.waitForFinished(5000);
        }
    }
    bool running() const { return m_p.state() == QProcess::Running; }
    qint64 pid() const { return m_p.processId(); }
    // Exit code, -1 while still running after `ms`, -2 on a crash.
    int wait_exit(int ms) {
        // waitForFinished() is false for a process that already ended (the
        // event loop may have seen it go): check the state first.
        if (m_p.state() != QProcess::NotRunning && !m_p.waitForFinished(ms)) return -1;
        return m_p.exitStatus() == QProcess::NormalExit ? m_p.exitCode() : -2;
    }

private:
    QProcess m_p;
};

// `file`s (relative to `rootfs`) as gzip'd tar layers of an OCI layout at
// `layout`, tagged `tag`; returns the sha256:<hex> of each layer and the
// config, or an empty list when a step failed.
inline QStringList build_oci_layout(const QString& work, const QString& rootfs,
                                    const QStringList& files, const QString& layout,
                                    const QString& tag) {
    QStringList blobs;
    QDir().mkpath(layout + "/blobs/sha256");
    QJsonArray layers, diff_ids;
    for (const QString& file : files) {
        const QString tar = work + "/" + QFileInfo(file).fileName() + ".tar";
        if (QProcess::execute("tar", {"-C", rootfs, "--mtime=2020-01-01", "--owner=0", "--group=0",
                                      "-cf", tar, file}) != 0 ||
            QProcess::execute("gzip", {"-n", "-k", "-f", tar}) != 0)
            return {};
        QFile raw(tar), gz(tar + ".gz");
        if (!raw.open(QIODevice::ReadOnly) || !gz.open(QIODevice::ReadOnly)) return {};
        const QByteArray compressed = gz.readAll();
        diff_ids.append("sha256:" + sha256_hex(raw.readAll()));
        const QString digest = sha256_hex(compressed);
        if (!write_file(layout + "/blobs/sha256/" + digest, compressed)) return {};
        layers.append(QJsonObject{{"mediaType", "application/vnd.oci.image.layer.v1.tar+gzip"},
                                  {"digest", "sha256:" + digest},
                                  {"size", compressed.size()}});
        blobs << "sha256:" + digest;
    }
    const QByteArray config =
        QJsonDocument(
            QJsonObject{{"architecture", "amd64"},
                        {"os", "linux"},
                        {"config", QJsonObject{}},
                        {"rootfs", QJsonObject{{"type", "layers"}, {"diff_ids", diff_ids}}}})
            .toJson(QJsonDocument::Compact);
    if (!write_file(layout + "/blobs/sha256/" + sha256_hex(config), config)) return {};
    blobs << "sha256:" + sha256_hex(config);
    const QByteArray manifest =
        QJsonDocument(
            QJsonObject{
                {"schemaVersion", 2},
                {"mediaType", "application/vnd.oci.image.manifest.v1+json"},
                {"config", QJsonObject{{"mediaType", "application/vnd.oci.image.config.v1+json"},
                                       {"digest", "sha256:" + sha256_hex(config)},
                                       {"size", config.size()}}},
                {"layers", layers}})
            .toJson(QJsonDocument::Compact);
    const QByteArray index =
        QJsonDocument(
            QJsonObject{
                {"schemaVersion", 2},
                {"manifests",
                 QJsonArray{QJsonObject{
                     {"mediaType", "application/vnd.oci.image.manifest.v1+json"},
                     {"digest", "sha256:" + sha256_hex(manifest)},
                     {"size", manifest.size()},
                     {"annotations", QJsonObject{{"org.opencontainers.image.ref.name", tag}}}}}}})
            .toJson();
    if (!write_file(layout + "/blobs/sha256/" + sha256_hex(manifest), manifest) ||
        !write_file(layout + "/oci-layout", R"({"imageLayoutVersion":"1.0.0"})") ||
        !write_file(layout + "/index.json", index))
        return {};
    return blobs;
}

// Debian's docker-registry on a free loopback port, storing under `dir`.
inline std::unique_ptr<Child> start_registry(const QString& dir, unsigned short* port) {
    *port = free_port();
    write_file(dir + "/registry.yml",
               QString("version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n"
                       "    rootdirectory: %1/registry-data\nhttp:\n  addr: 127.0.0.1:%2\n")
                   .arg(dir)
                   .arg(*port)
                   .toUtf8());
    auto child = std::make_unique<Child>(
        "docker-registry", QStringList{"serve", dir + "/registry.yml"}, dir + "/registry.log");
    if (!wait_for_port(*port)) return nullptr;
    return child;
}

// skopeo copy; empty on success, else what skopeo said.
inline QString skopeo_copy(const QStringList& args, int timeout_ms = 120000) {
    QProcess p;
    p.start("skopeo", QStringList{"--insecure-policy", "copy"} + args);
    if (!p.waitForFinished(timeout_ms)) return "skopeo did not finish";
    if (p.exitCode() == 0) return {};
    return QString::fromUtf8(p.readAllStandardError() + p.readAllStandardOutput());
}

// Pushes `layout`:`tag` to the registry as the production path's
// k8s-artifacts-prod/images/pause:`tag`; empty on success.
inline QString push_image(const QString& layout, const QString& tag, unsigned short registry_port) {
    return skopeo_copy({"--dest-tls-verify=false", "oci:" + layout + ":" + tag,
                        QString("docker://127.0.0.1:%1/k8s-artifacts-prod/images/pause:%2")
                            .arg(registry_port)
                            .arg(tag)},
                       60000);
}

// An nginx under `dir`/`name` with one server on `port` and `http_extra` in
// the http block (upstreams); waits until it listens.
inline std::unique_ptr<Child> start_nginx(const QString& dir, const QString& name,
                                          const QString& server_block, unsigned short port,
                                          const QString& http_extra = {}) {
    const QString d = dir + "/" + name;
    QDir().mkpath(d);
    const QString conf =
        QString("%1daemon off;\nworker_processes 1;\npid %2/nginx.pid;\nerror_log %2/error.log;\n"
                "events { worker_connections 256; }\nhttp {\n  access_log %2/access.log;\n"
                "  client_body_temp_path %2/body; proxy_temp_path %2/proxy;\n"
                "  fastcgi_temp_path %2/fcgi; uwsgi_temp_path %2/uwsgi; scgi_temp_path %2/scgi;\n"
                "%5\n  server {\n    listen 127.0.0.1:%3;\n%4\n  }\n}\n")
            .arg(::getuid() == 0 ? "user root;\n" : "", d)
            .arg(port)
            .arg(server_block, http_extra);
    write_file(d + "/nginx.conf", conf.toUtf8());
    const QString nginx = QStandardPaths::findExecutable("nginx", {"/usr/sbin", "/usr/bin"});
    auto child = std::make_unique<Child>(
        nginx, QStringList{"-c", d + "/nginx.conf", "-e", d + "/error.log"}, d + "/stderr.log");
    if (!wait_for_port(port)) qWarning("nginx %s did not start", qPrintable(name));
    return child;
}

// Copies the blobs of `layout` to `root`/containers/images/sha256:<hex>, as
// the production buckets hold them.
inline void copy_blobs_to(const QString& layout, const QStringList& blobs, const QString& root) {
    QDir().mkpath(root + "/containers/images");
    for (const QString& b : blobs)
        QFile::copy(layout + "/blobs/sha256/" + b.mid(7), root + "/containers/images/" + b);
}

} // namespace ociproxy::test
