#include "app/route/lookup_renderer.h"
#include "resources/demo_data.h"

#include <QTest>

using namespace ociproxy;
using namespace ociproxy::cli;

Q_DECLARE_METATYPE(ociproxy::cli::RowCopies)

namespace {

Router demo_router(std::string default_url = {}) {
    auto sets = demo::range_sets();
    const BucketMap* buckets = &BucketMap::production();
    std::optional<BucketMap> custom;
    if (!default_url.empty()) {
        auto made = BucketMap::create(default_url, BucketMap::production().buckets());
        if (!made) qFatal("%s", made.error().message.c_str());
        custom = std::move(made).value();
        buckets = &*custom;
    }
    return std::move(Router::create(PrefixTable::build(*sets), *buckets, RoutingSettings{}))
        .value();
}

// The addresses of a block: matched in AWS (IPv4, IPv6, IPv4-mapped) and GCP,
// unmatched, padded, and lines that are not addresses, in a fixed shuffle,
// `n` lines in all, the last without its newline.
std::string block_of(std::size_t n) {
    const char* const kinds[] = {
        "35.180.1.1",     "2600:1f01:4874::47", "::ffff:35.180.1.1", "34.1.208.7",
        "192.0.2.1",      "  52.94.76.1\t",     "not-an-ip",         "",
        "99.77.161.18\r", "2001:db8::1",        "x\"y\\z\tw",        "255.255.255.255"};
    std::string text;
    for (std::size_t i = 0; i < n; ++i) {
        text += kinds[(i * 7 + i / 12) % std::size(kinds)];
        if (i + 1 < n) text += '\n';
    }
    return text;
}

// What render() must write: render_line() of each line, in order.
std::string line_by_line(const LookupRenderer& r, std::string_view block) {
    std::string out;
    std::size_t at = 0;
    while (at <= block.size()) {
        const std::size_t end = std::min(block.find('\n', at), block.size());
        r.render_line(block.substr(at, end - at), out);
        at = end + 1;
    }
    return out;
}

} // namespace

class TestLookupRenderer : public QObject {
    Q_OBJECT

private slots:
    void blockRowsAreTheLinesRows_data();
    void blockRowsAreTheLinesRows();
    void knownRows_data();
    void knownRows();
    void tailsLongerThanOneCopy_data();
    void tailsLongerThanOneCopy();
};

void TestLookupRenderer::blockRowsAreTheLinesRows_data() {
    QTest::addColumn<RowCopies>("copies");
    QTest::addColumn<bool>("json");
    QTest::addColumn<int>("lines");
    for (const auto& [name, copies] :
         {std::pair{"baseline", RowCopies::Baseline}, std::pair{"avx2", RowCopies::Avx2}}) {
        for (const bool json : {false, true}) {
            // One line; part of a batch; one batch; batches and a rest.
            const int batch = int(AddressBatch::kSize);
            for (const int lines : {1, 13, batch, 3 * batch + 232}) {
                QTest::addRow("%s %s %d", name, json ? "json" : "text", lines)
                    << copies << json << lines;
            }
        }
    }
}

// The block path writes rows in fixed-size copies, up to the block's last
// bytes; whatever it writes past a row must be overwritten, and the last
// line (no newline, no bytes after it) copied at its size.
void TestLookupRenderer::blockRowsAreTheLinesRows() {
    QFETCH(RowCopies, copies);
    QFETCH(bool, json);
    QFETCH(int, lines);
    const Router router = demo_router();
    const LookupRenderer r(router, json, copies);
    if (copies == RowCopies::Avx2 && !r.wide()) QSKIP("this CPU has no AVX2");
    QCOMPARE(r.wide(), copies == RowCopies::Avx2);
    // The block is copied into a buffer of its own size, so that a read
    // past its end is one past the allocation (and caught under ASan).
    const std::string text = block_of(std::size_t(lines));
    const std::unique_ptr<char[]> exact(new char[text.size()]);
    std::memcpy(exact.get(), text.data(), text.size());
    const std::string_view block(exact.get(), text.size());
    OutputBlock out;
    r.render(block, out);
    QCOMPARE(std::string(out.view()), line_by_line(r, block));
    // Rendered twice into the same output: appended, not overwritten.
    r.render(block, out);
    QCOMPARE(std::string(out.view()), line_by_line(r, block) + line_by_line(r, block));
}

void TestLookupRenderer::knownRows_data() {
    QTest::addColumn<RowCopies>("copies");
    QTest::addColumn<bool>("json");
    QTest::addColumn<QString>("line");
    QTest::addColumn<QString>("row");
    const QString euw3 =
        "https://prod-registry-k8s-io-eu-west-3.s3.dualstack.eu-west-3.amazonaws.com";
    for (const auto& [name, copies] :
         {std::pair{"baseline", RowCopies::Baseline}, std::pair{"avx2", RowCopies::Avx2}}) {
        QTest::addRow("%s aws", name)
            << copies << false << "35.180.1.1"
            << "35.180.1.1\tAWS\teu-west-3\t35.180.0.0/16\t" + euw3 + "\n";
        QTest::addRow("%s mapped", name)
            << copies << false << " ::ffff:35.180.1.1 "
            << "::ffff:35.180.1.1\tAWS\teu-west-3\t35.180.0.0/16\t" + euw3 + "\n";
        QTest::addRow("%s gcp", name) << copies << false << "34.1.208.7"
                                      << "34.1.208.7\tGCP\tafrica-south1\t34.1.208.0/20\t\n";
        QTest::addRow("%s none", name)
            << copies << false << "192.0.2.1"
            << "192.0.2.1\t\t\t\thttps://d1be1w964nk82h.cloudfront.net\n";
        QTest::addRow("%s error", name) << copies << false << "x\ty"
                                        << "x y\tERROR\t\t\t\n";
        QTest::addRow("%s json", name)
            << copies << true << "35.180.1.1"
            << "{\"ip\":\"35.180.1.1\",\"cloud\":\"AWS\",\"region\":\"eu-west-3\","
               "\"prefix\":\"35.180.0.0/16\",\"bucket\":\"" +
                   euw3 + "\"}\n";
    }
}

// A one-line block is the fast path's row: checked against the text itself.
void TestLookupRenderer::knownRows() {
    QFETCH(RowCopies, copies);
    QFETCH(bool, json);
    QFETCH(QString, line);
    QFETCH(QString, row);
    const Router router = demo_router();
    const LookupRenderer r(router, json, copies);
    if (copies == RowCopies::Avx2 && !r.wide()) QSKIP("this CPU has no AVX2");
    OutputBlock out;
    const std::string text = line.toStdString();
    r.render(text, out);
    QString got = QString::fromStdString(std::string(out.view()));
    if (!row.contains("ERROR")) {
        QCOMPARE(got, row);
        return;
    }
    // An error row ends with the parser's reason, which is its own test's.
    QVERIFY2(got.startsWith(row.chopped(1)), qPrintable(got));
}

void TestLookupRenderer::tailsLongerThanOneCopy_data() {
    QTest::addColumn<RowCopies>("copies");
    QTest::addColumn<bool>("json");
    for (const auto& [name, copies] :
         {std::pair{"baseline", RowCopies::Baseline}, std::pair{"avx2", RowCopies::Avx2}}) {
        QTest::addRow("%s text", name) << copies << false;
        QTest::addRow("%s json", name) << copies << true;
    }
}

// A tail past the fixed-size copy (a default bucket URL of 300 bytes) is
// copied at its size, and the room reserved for a row grows with it.
// (A DNS label is at most 63 bytes: the URL's length is in four labels.)
void TestLookupRenderer::tailsLongerThanOneCopy() {
    QFETCH(RowCopies, copies);
    QFETCH(bool, json);
    std::string url = "https://";
    for (int i = 0; i < 4; ++i)
        url += std::string(60, char('a' + i)) + '.';
    url += "example.com";
    const Router router = demo_router(url);
    const LookupRenderer r(router, json, copies);
    if (copies == RowCopies::Avx2 && !r.wide()) QSKIP("this CPU has no AVX2");
    const std::string text = block_of(600);
    OutputBlock out;
    r.render(text, out);
    const std::string got(out.view());
    QCOMPARE(got, line_by_line(r, text));
    QVERIFY(got.find("192.0.2.1" + std::string(json ? "\",\"cloud\":\"\"" : "\t")) !=
            std::string::npos);
    QVERIFY(got.find(url) != std::string::npos);
}

QTEST_GUILESS_MAIN(TestLookupRenderer)
#include "tst_lookup_renderer.moc"
