#pragma once

// Helpers for the console's widget tests: isolated settings and data
// folders, and waiting for the Lookup view's worker.

#include "ui/views/lookup_view.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

namespace ociproxy::test {

// Test mode keeps QSettings and the download cache away from the user's.
inline void isolate_console_settings() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName("oci-proxy-tests");
    QCoreApplication::setApplicationName("oci-proxy-console-tests");
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

} // namespace ociproxy::test
