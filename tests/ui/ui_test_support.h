#pragma once

// Helpers for the console's widget tests: isolated settings and data
// folders, and waiting for the Lookup view's worker.

#include "ui/views/lookup_view.h"

#include <QCoreApplication>
#include <QCoroTask>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <optional>

namespace ociproxy::test {

// Test mode keeps QSettings and the download cache away from the user's; a
// name per test binary keeps the suites (which CTest runs in parallel) apart.
inline void isolate_console_settings() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName("oci-proxy-tests");
    QCoreApplication::setApplicationName(
        QFileInfo(QCoreApplication::applicationFilePath()).completeBaseName());
    QSettings().clear();
}

// Waits for the Lookup view to finish what its input asks for.
inline bool wait_for_lookup(ui::LookupView* v, int timeout_ms = 20000) {
    QSignalSpy spy(v, &ui::LookupView::computed);
    QElapsedTimer t;
    t.start();
    while (v->isComputing() && t.elapsed() < timeout_ms)
        spy.wait(100);
    return !v->isComputing();
}

// Runs the event loop until `task` finishes (QCoro::waitFor needs a
// default-constructible result, which Result<T> is not). Empty on timeout.
template <class T> std::optional<T> finish(QCoro::Task<T>&& task, int timeout_ms = 30000) {
    std::optional<T> out;
    QEventLoop loop;
    auto done = task.then([&](T v) {
        out.emplace(std::move(v));
        loop.quit();
    });
    if (!out) {
        QTimer::singleShot(timeout_ms, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return out;
}

// Writes `content` to `name` in `dir`; the file's path.
inline QString write_test_file(const QTemporaryDir& dir, const QString& name,
                               const QByteArray& content) {
    QFile f(dir.filePath(name));
    f.open(QIODevice::WriteOnly);
    f.write(content);
    return f.fileName();
}

} // namespace ociproxy::test
