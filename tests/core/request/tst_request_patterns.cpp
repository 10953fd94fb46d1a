#include "core/request/request_patterns.h"

#include <QTest>

using namespace ociproxy;

namespace {
const QString kHex =
    QStringLiteral("e6f1816883972d4be47bd48879a08919b96afcd344132622e4d444987919323c");
}

class TestRequestPatterns : public QObject {
    Q_OBJECT
private slots:
    void blobs_data();
    void blobs();
    void signatures_data();
    void signatures();
};

void TestRequestPatterns::blobs_data() {
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("digest"); // empty = not a blob
    QTest::newRow("sha256") << "/v2/pause/blobs/sha256:" + kHex << "sha256:" + kHex;
    QTest::newRow("sha512") << "/v2/a/b/blobs/sha512:" + kHex + kHex << "sha512:" + kHex + kHex;
    QTest::newRow("empty repo") << "/v2//blobs/sha256:abc"
                                << "sha256:abc";
    QTest::newRow("algo with colon") << "/v2/x/blobs/a:b:c"
                                     << "a:b:c";
    QTest::newRow("no repo") << "/v2/blobs/sha256:abc"
                             << "";
    QTest::newRow("no colon") << "/v2/x/blobs/abc"
                              << "";
    QTest::newRow("empty hex") << "/v2/x/blobs/sha256:"
                               << "";
    QTest::newRow("empty algo") << "/v2/x/blobs/:abc"
                                << "";
    QTest::newRow("bad char") << "/v2/x/blobs/sha256:ab+c"
                              << "";
    QTest::newRow("trailing slash") << "/v2/x/blobs/sha256:abc/"
                                    << "";
    QTest::newRow("extra segment") << "/v2/x/blobs/sha256:abc/d"
                                   << "";
    QTest::newRow("uploads") << "/v2/x/blobs/uploads/"
                             << "";
    QTest::newRow("newline in repo") << "/v2/x\n/blobs/sha256:abc"
                                     << "";
    QTest::newRow("not v2") << "/v3/x/blobs/sha256:abc"
                            << "";
}

void TestRequestPatterns::blobs() {
    QFETCH(QString, path);
    QFETCH(QString, digest);
    const std::string p = path.toStdString();
    const auto d = blob_digest(p);
    QCOMPARE(d.has_value(), !digest.isEmpty());
    if (d) QCOMPARE(QString::fromStdString(std::string(*d)), digest);
}

void TestRequestPatterns::signatures_data() {
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("sig");
    QTest::newRow("sig") << "/v2/pause/manifests/sha256-" + kHex + ".sig" << true;
    QTest::newRow("att") << "/v2/pause/manifests/sha256-" + kHex + ".att" << true;
    QTest::newRow("sbom") << "/v2/pause/manifests/sha256-" + kHex + ".sbom" << false;
    QTest::newRow("upper hex") << "/v2/pause/manifests/sha256-" + kHex.toUpper() + ".sig" << false;
    QTest::newRow("short") << "/v2/pause/manifests/sha256-abc.sig" << false;
    QTest::newRow("tag") << "/v2/pause/manifests/3.10" << false;
    QTest::newRow("no repo") << "/v2/manifests/sha256-" + kHex + ".sig" << false;
}

void TestRequestPatterns::signatures() {
    QFETCH(QString, path);
    QFETCH(bool, sig);
    QCOMPARE(is_signature_path(path.toStdString()), sig);
}

QTEST_APPLESS_MAIN(TestRequestPatterns)
#include "tst_request_patterns.moc"
