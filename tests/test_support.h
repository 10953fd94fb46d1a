#pragma once

// Helpers shared by the test suites: where the real range snapshots are, and
// loading them with a clear skip when they are not there.

#include "core/ranges/range_loader.h"

#include <QDir>
#include <QString>
#include <QTest>
#include <string>

namespace ociproxy::test {

inline QString shared_data_dir() {
    const QByteArray env = qgetenv("OCIPROXY_SHARED_DATA");
    return QDir::cleanPath(env.isEmpty() ? QStringLiteral(OCIPROXY_SHARED_DATA)
                                         : QString::fromLocal8Bit(env));
}

inline std::string shared_file(const char* name) {
    return (shared_data_dir() + "/" + QString::fromLatin1(name)).toStdString();
}

inline bool have_shared_data() {
    return QDir(shared_data_dir()).exists("aws-ip-ranges-2026-07-29.json");
}

inline QString qs(const std::string& s) {
    return QString::fromStdString(s);
}

} // namespace ociproxy::test

// Skips the current test function when ../shared/data is absent.
#define REQUIRE_SHARED_DATA()                                                                      \
    do {                                                                                           \
        if (!ociproxy::test::have_shared_data())                                                   \
            QSKIP(qPrintable("real range snapshots not found in " +                                \
                             ociproxy::test::shared_data_dir() +                                   \
                             " (set OCIPROXY_SHARED_DATA to the folder holding "                   \
                             "aws-ip-ranges-2026-07-29.json)"));                                   \
    } while (0)
