// Runs the real oci-route binary the way scripts do: arguments, stdin,
// files, stdout lines, stderr reasons and exit codes.

#include "tests/test_support.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using ociproxy::test::qs;

namespace {

struct Run {
    int code = -1;
    QString out, err;
    QStringList lines() const { return out.split('\n', Qt::SkipEmptyParts); }
};

Run route(const QStringList& args, const QByteArray& input = {}) {
    QProcess p;
    p.start(QStringLiteral(OCIPROXY_ROUTE_BIN), args);
    if (!p.waitForStarted(10000)) return {};
    if (!input.isEmpty()) p.write(input);
    p.closeWriteChannel();
    p.waitForFinished(60000);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
            QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

QJsonObject json(const QString& line) {
    QJsonParseError e{};
    const auto doc = QJsonDocument::fromJson(line.toUtf8(), &e);
    return doc.object();
}

QString write(const QTemporaryDir& dir, const QString& name, const QByteArray& content) {
    const QString path = dir.filePath(name);
    QFile f(path);
    f.open(QIODevice::WriteOnly);
    f.write(content);
    return path;
}

} // namespace

class TestOciRoute : public QObject {
    Q_OBJECT
private slots:
    void helpForEveryCommand_data();
    void helpForEveryCommand();
    void usageErrorsExit2_data();
    void usageErrorsExit2();
    void inputErrorsExit3NamingTheFile();
    void lookupKeepsOrderAndMarksErrors();
    void lookupJson();
    void lookupFromFileAndStdin();
    void lookupEndsQuietlyWhenOutputCloses_data();
    void lookupEndsQuietlyWhenOutputCloses();
    void lookupNamesAnUnreadableInput_data();
    void lookupNamesAnUnreadableInput();
    void lookupFromFileMatchesArguments_data();
    void lookupFromFileMatchesArguments();
    void lookupRealData();
    void explainShowsBothModes();
    void decideOneRequest();
    void decideRequestsFile();
    void decideBlobPolicies();
    void overridesApply();
    void reportOfDemoTraffic();
    void simulateWithReports();
    void simulateWorkspaceAndErrors();
    void simulateCloudLoggingExport();
    void diffRanges();
    void planFormatsAndFlags();
    void planBucketMapRoutesAndCompares();
    void planCatalogueErrorsNameTheField();
    void compareScenarios();

private:
    QTemporaryDir m_dir;
};

void TestOciRoute::helpForEveryCommand_data() {
    QTest::addColumn<QString>("command");
    for (const char* c :
         {"lookup", "explain", "decide", "report", "simulate", "diff-ranges", "compare", "plan"})
        QTest::newRow(c) << c;
}

void TestOciRoute::helpForEveryCommand() {
    QFETCH(QString, command);
    const Run r = route({command, "--help"});
    QCOMPARE(r.code, 0);
    QVERIFY(r.out.startsWith("Usage: oci-route " + command));
    QVERIFY(r.out.contains("--ranges FILE"));
    const Run top = route({"--help"});
    QCOMPARE(top.code, 0);
    QVERIFY(top.out.contains(command));
}

void TestOciRoute::usageErrorsExit2_data() {
    QTest::addColumn<QStringList>("args");
    QTest::newRow("no command") << QStringList{};
    QTest::newRow("unknown command") << QStringList{"frobnicate"};
    QTest::newRow("unknown option") << QStringList{"lookup", "--frob", "1.2.3.4"};
    QTest::newRow("missing value") << QStringList{"lookup", "--ranges"};
    QTest::newRow("bad match") << QStringList{"lookup", "--match", "best", "1.2.3.4"};
    QTest::newRow("lookup nothing") << QStringList{"lookup"};
    QTest::newRow("lookup both") << QStringList{"lookup", "--from", "-", "1.2.3.4"};
    QTest::newRow("explain two") << QStringList{"explain", "1.2.3.4", "5.6.7.8"};
    QTest::newRow("decide nothing") << QStringList{"decide"};
    QTest::newRow("decide both") << QStringList{"decide", "--path", "/v2/", "--requests", "-"};
    QTest::newRow("single option twice") << QStringList{"decide", "--path", "/", "--path", "/v2/"};
    QTest::newRow("threads zero") << QStringList{"lookup", "--threads", "0", "--from", "-"};
    QTest::newRow("plan format") << QStringList{"plan", "--format", "pdf"};
    QTest::newRow("plan top") << QStringList{"plan", "--top", "many"};
    QTest::newRow("plan store zero") << QStringList{"plan", "--store-bytes", "0"};
    QTest::newRow("plan horizon") << QStringList{"plan", "--horizon-months", "-3"};
    QTest::newRow("plan two traffic files") << QStringList{"plan", "a.csv", "b.csv"};
}

void TestOciRoute::usageErrorsExit2() {
    QFETCH(QStringList, args);
    const Run r = route(args);
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.startsWith("oci-route: ") || r.err.startsWith("Usage:"), qPrintable(r.err));
    QVERIFY(r.out.isEmpty());
}

void TestOciRoute::inputErrorsExit3NamingTheFile() {
    const Run missing = route({"lookup", "--ranges", "/nonexistent/r.json", "1.2.3.4"});
    QCOMPARE(missing.code, 3);
    QVERIFY2(missing.err.contains("/nonexistent/r.json"), qPrintable(missing.err));
    QCOMPARE(missing.err.count('\n'), 1); // one line

    const QString bad =
        write(m_dir, "bad.json",
              R"({"prefixes":[{"ip_prefix":"1.2.3.0/99","region":"r","service":"s"}]})");
    const Run badRanges = route({"lookup", "--ranges", bad, "1.2.3.4"});
    QCOMPARE(badRanges.code, 3);
    QVERIFY2(badRanges.err.contains(bad + ": prefixes[0].ip_prefix"), qPrintable(badRanges.err));

    const QString map = write(
        m_dir, "map.json",
        R"({"default":"https://d1be1w964nk82h.cloudfront.net1","buckets":[{"name":"a","url":"https://a.example.com","regions":["r"]}]})");
    const Run badMap = route({"lookup", "--buckets", map, "1.2.3.4"});
    QCOMPARE(badMap.code, 3);
    QVERIFY2(badMap.err.contains(map + ": default") && badMap.err.contains("net1"),
             qPrintable(badMap.err));

    const Run badIp = route({"explain", "1.2.3"});
    QCOMPARE(badIp.code, 3);

    const Run badUpstream =
        route({"decide", "--path", "/v2/x/manifests/y", "--upstream", "ftp://x"});
    QCOMPARE(badUpstream.code, 3);
    QVERIFY(badUpstream.err.contains("upstream"));
}

void TestOciRoute::lookupKeepsOrderAndMarksErrors() {
    const Run r = route(
        {"lookup", "35.180.1.1", "not-an-ip", "2600:1f01:4874::47", "192.0.2.1", "34.1.208.7"});
    QCOMPARE(r.code, 0);
    QVERIFY(r.err.contains("demo"));
    const QStringList lines = r.out.split('\n');
    QCOMPARE(lines.size(), 6); // five lines and the final newline
    QCOMPARE(lines[0],
             QStringLiteral(
                 "35.180.1.1\tAWS\teu-west-3\t35.180.0.0/16\t"
                 "https://prod-registry-k8s-io-eu-west-3.s3.dualstack.eu-west-3.amazonaws.com"));
    QCOMPARE(lines[1], QStringLiteral("not-an-ip\tERROR\t\t\t"));
    QVERIFY(lines[2].startsWith("2600:1f01:4874::47\tAWS\tus-west-2\t2600:1f01:4874::/47\t"));
    QCOMPARE(lines[3], QStringLiteral("192.0.2.1\t\t\t\thttps://d1be1w964nk82h.cloudfront.net"));
    QCOMPARE(lines[4], QStringLiteral("34.1.208.7\tGCP\tafrica-south1\t34.1.208.0/20\t"));
}

void TestOciRoute::lookupJson() {
    const Run r = route({"lookup", "--json", "99.77.161.18", "x\"y"});
    QCOMPARE(r.code, 0);
    const auto lines = r.lines();
    QCOMPARE(lines.size(), 2);
    const auto a = json(lines[0]);
    QCOMPARE(a.keys(), (QStringList{"bucket", "cloud", "ip", "prefix", "region"}));
    QCOMPARE(a["region"].toString(), QStringLiteral("ap-southeast-1"));
    QCOMPARE(a["prefix"].toString(), QStringLiteral("99.77.161.0/24"));
    const auto b = json(lines[1]);
    QCOMPARE(b["ip"].toString(), QStringLiteral("x\"y"));
    QCOMPARE(b["cloud"].toString(), QStringLiteral("ERROR"));
    QVERIFY(!b["error"].toString().isEmpty());
}

void TestOciRoute::lookupFromFileAndStdin() {
    // CRLF, blank line, spaces, no final newline; one output line per input line.
    const QByteArray input = "35.180.1.1\r\n\n  52.94.76.1  \n::ffff:35.180.1.1";
    const QString file = write(m_dir, "ips.txt", input);
    for (const QStringList& args :
         {QStringList{"lookup", "--from", file}, QStringList{"lookup", "--from", "-"}}) {
        const Run r = route(args, args.last() == "-" ? input : QByteArray());
        QCOMPARE(r.code, 0);
        const QStringList lines = r.out.split('\n');
        QCOMPARE(lines.size(), 5);
        QVERIFY(lines[0].startsWith("35.180.1.1\tAWS\teu-west-3"));
        QVERIFY(lines[1].startsWith("\tERROR"));
        QVERIFY(lines[2].startsWith("52.94.76.1\tAWS\tus-west-2"));
        QVERIFY(lines[3].startsWith("::ffff:35.180.1.1\tAWS\teu-west-3\t35.180.0.0/16"));
    }
    // Many blocks through the parallel pipeline: every line its own address,
    // so a block written out of turn, twice or not at all is seen.
    const auto nth = [](int i) {
        return QStringLiteral("%1.%2.%3.%4")
            .arg(i % 2 ? 35 : 10)
            .arg(i >> 16)
            .arg((i >> 8) & 255)
            .arg(i & 255);
    };
    QByteArray many;
    for (int i = 0; i < 400000; ++i)
        many += nth(i).toLatin1() + '\n';
    const Run big = route({"lookup", "--threads", "3", "--from", write(m_dir, "many.txt", many)});
    QCOMPARE(big.code, 0);
    const QStringList lines = big.lines();
    QCOMPARE(lines.size(), 400000);
    for (int i = 0; i < lines.size(); ++i)
        if (!lines[i].startsWith(nth(i) + '\t'))
            QFAIL(qPrintable(QString("row %1: %2").arg(i).arg(lines[i])));
    // A line longer than two blocks stays one line (one ERROR row), in order,
    // from a file and through a pipe (whose reads come in pieces).
    const QByteArray huge = "35.180.1.1\n" + QByteArray(600 * 1024, 'x') + "\n52.94.76.1\n";
    const QString hugeFile = write(m_dir, "huge.txt", huge);
    for (const QStringList& args : {QStringList{"lookup", "--threads", "2", "--from", hugeFile},
                                    QStringList{"lookup", "--threads", "2", "--from", "-"}}) {
        const Run r = route(args, args.last() == "-" ? huge : QByteArray());
        QCOMPARE(r.code, 0);
        const QStringList rows = r.lines();
        QCOMPARE(rows.size(), 3);
        QVERIFY(rows[0].startsWith("35.180.1.1\tAWS"));
        QVERIFY(rows[1].startsWith("xxxx"));
        QVERIFY(rows[1].contains("\tERROR"));
        QVERIFY(rows[2].startsWith("52.94.76.1\tAWS"));
    }
}

// The line pipeline's two ways to run: a loop on one thread, or workers.
static void addPipelineThreadRows() {
    QTest::addColumn<QString>("threads");
    QTest::newRow("one thread") << QStringLiteral("1");
    QTest::newRow("pipeline") << QStringLiteral("2");
}

void TestOciRoute::lookupEndsQuietlyWhenOutputCloses_data() {
    addPipelineThreadRows();
}

// "oci-route lookup --from FILE | head": the reader goes away mid-run. The
// run ends at once, exit 0, with no error (EPIPE is the reader's choice).
// Through a real shell pipe: with pipefail its status is oci-route's.
void TestOciRoute::lookupEndsQuietlyWhenOutputCloses() {
    QFETCH(QString, threads);
    QByteArray many;
    for (int i = 0; i < 300000; ++i) // rows far beyond a pipe's buffer
        many += "35.180.1.1\n";
    const QString file = write(m_dir, "closed-output.txt", many);
    QProcess p;
    p.start(QStringLiteral("bash"),
            {"-o", "pipefail", "-c", R"("$0" lookup --threads "$1" --from "$2" | head -c 11)",
             QStringLiteral(OCIPROXY_ROUTE_BIN), threads, file});
    QVERIFY(p.waitForFinished(30000));
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    const QString err = QString::fromUtf8(p.readAllStandardError());
    QCOMPARE(p.readAllStandardOutput(), QByteArray("35.180.1.1\t"));
    QVERIFY2(p.exitCode() == 0, qPrintable(err));
    QVERIFY2(!err.contains("pipe", Qt::CaseInsensitive), qPrintable(err));
}

void TestOciRoute::lookupNamesAnUnreadableInput_data() {
    addPipelineThreadRows();
}

// A read that fails (a directory opens, but read() refuses it): exit 3 and
// the input named, on one thread and through the pipeline.
void TestOciRoute::lookupNamesAnUnreadableInput() {
    QFETCH(QString, threads);
    const Run r = route({"lookup", "--threads", threads, "--from", m_dir.path()});
    QCOMPARE(r.code, 3);
    QVERIFY2(r.err.contains(m_dir.path() + ": Is a directory"), qPrintable(r.err));
    QVERIFY(r.out.isEmpty());
}

void TestOciRoute::lookupFromFileMatchesArguments_data() {
    QTest::addColumn<QStringList>("format");
    QTest::newRow("text") << QStringList{};
    QTest::newRow("json") << QStringList{"--json"};
}

// --from writes its rows through a batched fast path; the addresses given as
// arguments go one at a time. Both must print the same bytes, for good rows,
// errors, IPv6, mapped addresses, and a last row without a newline.
void TestOciRoute::lookupFromFileMatchesArguments() {
    QFETCH(QStringList, format);
    QStringList ips;
    for (int i = 0; i < 700; ++i) {
        switch (i % 7) {
        case 0:
            ips << QString("35.180.%1.%2").arg(i % 256).arg(i % 7);
            break;
        case 1:
            ips << QString("52.94.76.%1").arg(i % 256);
            break;
        case 2:
            ips << QString("::ffff:35.180.1.%1").arg(i % 256);
            break;
        case 3:
            ips << QString("2600:1f18::%1").arg(i, 0, 16);
            break;
        case 4:
            ips << QString("  192.0.2.%1 ").arg(i % 256);
            break;
        case 5:
            ips << QString("not-an-address-%1-%2").arg(i).arg(QString(60, 'x'));
            break;
        default:
            ips << QString("x\"y\t%1").arg(i);
            break;
        }
    }
    ips << "2600:1f18:ffff:ffff:ffff:ffff:ffff:ffff"; // the last row, no newline after it
    const QString file = write(m_dir, "mixed.txt", ips.join('\n').toUtf8());
    const Run batched = route(QStringList{"lookup"} + format + QStringList{"--from", file});
    const Run single = route(QStringList{"lookup"} + format + QStringList{"--"} + ips);
    QCOMPARE(batched.code, 0);
    QCOMPARE(single.code, 0);
    QCOMPARE(batched.lines().size(), ips.size());
    QCOMPARE(batched.out, single.out);
}

void TestOciRoute::lookupRealData() {
    REQUIRE_SHARED_DATA();
    const QString aws = qs(ociproxy::test::shared_file("aws-ip-ranges-2026-07-29.json"));
    const QString gcp = qs(ociproxy::test::shared_file("gcp-cloud-2026-07-29.json"));
    const Run r = route({"lookup", "--ranges", aws, "--ranges", gcp, "35.180.1.1", "52.94.76.1",
                         "52.93.127.172", "2600:1f01:4874::47", "2400:6500:0:9::2", "35.220.26.1",
                         "99.77.161.18"});
    QCOMPARE(r.code, 0);
    QVERIFY(!r.err.contains("demo"));
    const QStringList want = {"AWS\teu-west-3",     "AWS\tus-west-2",      "AWS\tus-east-1",
                              "AWS\tus-west-2",     "AWS\tap-southeast-3", "GCP\t",
                              "AWS\tap-southeast-1"};
    const auto lines = r.lines();
    QCOMPARE(lines.size(), want.size());
    for (int i = 0; i < want.size(); ++i)
        QVERIFY2(lines[i].section('\t', 1).startsWith(want[i]), qPrintable(lines[i]));
    const Run first = route({"lookup", "--match", "first", "--ranges", aws, "99.77.161.18"});
    QVERIFY(first.out.startsWith(
        "99.77.161.18\tAWS\tGLOBAL\t99.77.128.0/18\thttps://d1be1w964nk82h.cloudfront.net"));
}

void TestOciRoute::explainShowsBothModes() {
    const Run r = route({"explain", "99.77.161.18"});
    QCOMPARE(r.code, 0);
    QVERIFY(r.out.contains("99.77.161.0/24  AWS ap-southeast-1"));
    QVERIFY(r.out.contains("99.77.128.0/18  AWS GLOBAL"));
    QVERIFY(r.out.contains("DISAGREE"));
    QVERIFY(r.out.contains("demo:aws-ip-ranges.json (EC2)"));
    const Run j = route({"explain", "--json", "99.77.161.18"});
    const auto o = json(j.out.trimmed());
    QCOMPARE(o["modes_agree"].toBool(), false);
    QCOMPARE(o["first"].toObject()["region"].toString(), QStringLiteral("GLOBAL"));
    QCOMPARE(o["containing"].toArray().size(), 2);

    // Nested prefixes of one region: two entries, but the modes agree (the
    // same definition as the console's Lookup, from core).
    const QString nested =
        write(m_dir, "nested.csv", "35.180.0.0/16,AWS,eu-west-3\n35.180.1.0/24,AWS,eu-west-3\n");
    const Run same = route({"explain", "--ranges", nested, "35.180.1.9"});
    QCOMPARE(same.code, 0);
    QVERIFY2(!same.out.contains("DISAGREE"), qPrintable(same.out));
    const Run sameJson = route({"explain", "--json", "--ranges", nested, "35.180.1.9"});
    QCOMPARE(json(sameJson.out.trimmed())["modes_agree"].toBool(), true);
    QCOMPARE(json(sameJson.out.trimmed())["containing"].toArray().size(), 2);
}

void TestOciRoute::decideOneRequest() {
    const Run r = route({"decide", "--path", "/v2/pause/blobs/sha256:abc", "--peer",
                         "169.254.1.1:4000", "--xff", "35.180.1.1, 34.120.0.1"});
    QCOMPARE(r.code, 0);
    const auto o = json(r.out.trimmed());
    for (const char* k : {"status", "location", "reason", "cloud", "region", "bucket"})
        QVERIFY2(o.contains(k), k);
    QCOMPARE(o["status"].toInt(), 307);
    QCOMPARE(o["region"].toString(), QStringLiteral("eu-west-3"));
    QVERIFY(o["location"].toString().endsWith("/containers/images/sha256:abc"));
    const Run bad =
        route({"decide", "--path", "/v2/pause/blobs/sha256:abc", "--xff", "35.180.1.1"});
    QCOMPARE(bad.code, 0); // a malformed header is an answer, not a tool failure
    QCOMPARE(json(bad.out.trimmed())["status"].toInt(), 400);
    const Run peer = route(
        {"decide", "--path", "/v2/pause/blobs/sha256:abc", "--peer", "[2600:1f01:4874::47]:443"});
    QCOMPARE(json(peer.out.trimmed())["region"].toString(), QStringLiteral("us-west-2"));
    const Run badPeer = route({"decide", "--path", "/v2/pause/blobs/sha256:abc", "--peer", "nope"});
    QCOMPARE(json(badPeer.out.trimmed())["status"].toInt(), 400);
}

void TestOciRoute::decideRequestsFile() {
    const QByteArray lines = R"({"path":"/v2/"}
{"method":"PUT","path":"/v2/x/manifests/y"}

{"path":"/v2/x/blobs/sha256:abc","peer":"35.180.1.1:1"}
{"path":"/v2/x/blobs/sha256:abc","xff":"52.94.76.1, 34.120.0.1"}
)";
    const Run r = route({"decide", "--requests", write(m_dir, "req.jsonl", lines)});
    QCOMPARE(r.code, 0);
    const auto out = r.lines();
    QCOMPARE(out.size(), 4);
    QCOMPARE(json(out[0])["status"].toInt(), 200);
    QCOMPARE(json(out[1])["status"].toInt(), 405);
    QCOMPARE(json(out[2])["region"].toString(), QStringLiteral("eu-west-3"));
    QCOMPARE(json(out[3])["region"].toString(), QStringLiteral("us-west-2"));
    const Run stdinRun = route({"decide", "--requests", "-"}, lines);
    QCOMPARE(stdinRun.lines().size(), 4);

    const QString bad = write(m_dir, "bad.jsonl", "{\"path\":\"/v2/\"}\n{\"path\": 5}\n");
    const Run b = route({"decide", "--requests", bad});
    QCOMPARE(b.code, 3);
    QVERIFY2(b.err.contains(bad + ":2"), qPrintable(b.err));
    QCOMPARE(b.lines().size(), 1); // the good line before it was answered
    const Run notJson = route({"decide", "--requests", write(m_dir, "nj.jsonl", "{\"path\":\n")});
    QCOMPARE(notJson.code, 3);
    QVERIFY(notJson.err.contains("nj.jsonl:1"));
}

void TestOciRoute::decideBlobPolicies() {
    const QStringList base = {"decide", "--path", "/v2/x/blobs/sha256:abc", "--peer",
                              "35.180.1.1:1"};
    const Run none = route(base + QStringList{"--blobs", "none"});
    QCOMPARE(json(none.out.trimmed())["backend"].toString(), QStringLiteral("upstream"));
    const QString list = write(
        m_dir, "blobs.txt",
        "https://prod-registry-k8s-io-eu-west-3.s3.dualstack.eu-west-3.amazonaws.com/containers/"
        "images/sha256:abc\n");
    const Run listed = route(base + QStringList{"--blobs", list});
    QCOMPARE(json(listed.out.trimmed())["backend"].toString(), QStringLiteral("s3"));
    const Run unlisted = route(QStringList{"decide", "--path", "/v2/x/blobs/sha256:def", "--peer",
                                           "35.180.1.1:1", "--blobs", list});
    QCOMPARE(json(unlisted.out.trimmed())["backend"].toString(), QStringLiteral("upstream"));
    const Run missing = route(base + QStringList{"--blobs", "/nonexistent/blobs.txt"});
    QCOMPARE(missing.code, 3);

    // An inventory, as --help documents it: presence per bucket, and sizes
    // that a simulation counts as bytes.
    const QString inventory =
        write(m_dir, "inventory.csv", "digest,size,buckets\nsha256:abc,1000,eu-west-3\n");
    const Run inv = route(base + QStringList{"--blobs", "inventory:" + inventory});
    QCOMPARE(inv.code, 0);
    QCOMPARE(json(inv.out.trimmed())["backend"].toString(), QStringLiteral("s3"));
    const Run notInInventory =
        route(QStringList{"decide", "--path", "/v2/x/blobs/sha256:def", "--peer", "35.180.1.1:1",
                          "--blobs", "inventory:" + inventory});
    QCOMPARE(json(notInInventory.out.trimmed())["backend"].toString(), QStringLiteral("upstream"));
    const Run sim = route({"simulate", "--blobs", "inventory:" + inventory,
                           write(m_dir, "inv-traffic.csv",
                                 "ip,path\n35.180.1.1,/v2/x/blobs/sha256:abc\n"
                                 "35.180.1.2,/v2/x/blobs/sha256:abc\n")});
    QCOMPARE(sim.code, 0);
    QVERIFY2(sim.out.contains("bytes 1.95 KiB"), qPrintable(sim.out)); // 2 x 1000 bytes
    const Run badInventory =
        route(base + QStringList{"--blobs", "inventory:" + write(m_dir, "bad.csv", "x\n")});
    QCOMPARE(badInventory.code, 3);
    QVERIFY2(badInventory.err.contains("bad.csv"), qPrintable(badInventory.err));
}

void TestOciRoute::overridesApply() {
    const Run r = route({"decide", "--path", "/v2/x/manifests/y?n=1", "--upstream",
                         "http://127.0.0.1:5000", "--upstream-path", "mirror"});
    QCOMPARE(json(r.out.trimmed())["location"].toString(),
             QStringLiteral("http://127.0.0.1:5000/v2/mirror/x/manifests/y?n=1"));
    const Run empty = route({"decide", "--path", "/v2/x/manifests/y", "--upstream", ""});
    QVERIFY(json(empty.out.trimmed())["location"].toString().startsWith(
        "https://us-central1-docker.pkg.dev/"));
    // DESIGN §3: an empty upstream path is a value, as UPSTREAM_REGISTRY_PATH=
    // is in archeio: no path (the k8s.gcr.io layout).
    const Run no_path =
        route({"decide", "--path", "/v2/pause/manifests/3.9", "--upstream-path", ""});
    QCOMPARE(json(no_path.out.trimmed())["location"].toString(),
             QStringLiteral("https://us-central1-docker.pkg.dev/v2/pause/manifests/3.9"));
    const Run def = route({"decide", "--path", "/v2/x/blobs/sha256:abc", "--peer", "192.0.2.1:1",
                           "--default-aws-base", "http://127.0.0.1:9000"});
    QCOMPARE(json(def.out.trimmed())["location"].toString(),
             QStringLiteral("http://127.0.0.1:9000/containers/images/sha256:abc"));
    const QString sig = "/v2/x/manifests/sha256-" + QString(64, 'a') + ".sig";
    const Run s =
        route({"decide", "--path", sig, "--signature-upstream", "https://sig.example.com"});
    QVERIFY(json(s.out.trimmed())["location"].toString().startsWith("https://sig.example.com/v2/"));
    const Run info = route({"decide", "--path", "/", "--info-url", "https://example.com/info"});
    QCOMPARE(json(info.out.trimmed())["location"].toString(),
             QStringLiteral("https://example.com/info"));
}

void TestOciRoute::reportOfDemoTraffic() {
    const Run r = route({"report"});
    QCOMPARE(r.code, 0);
    QVERIFY(r.out.contains("19 requests"));
    QVERIFY(r.out.contains("eu-west-3"));
    QVERIFY(r.out.contains("By backend"));
}

void TestOciRoute::simulateWithReports() {
    const QString traffic =
        write(m_dir, "sim.txt", "35.180.1.1 3\n52.95.7.7\nnot an ip\n34.80.12.7 2\n");
    Run r = route({"simulate", traffic, "--default-bytes", "1073741824"});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains("4 lines, 6 requests, 1 unreadable lines skipped"), qPrintable(r.out));
    QVERIFY(r.out.contains("line 3: expected \"ip [count]\""));

    const QString json = m_dir.filePath("sim.json");
    r = route({"simulate", traffic, "--default-bytes", "1073741824", "--report", json});
    QCOMPARE(r.code, 0);
    QFile jf(json);
    QVERIFY(jf.open(QIODevice::ReadOnly));
    const QJsonObject doc = QJsonDocument::fromJson(jf.readAll()).object();
    QCOMPARE(doc["totals"].toObject()["requests"].toInteger(), 6);
    QCOMPARE(doc["totals"].toObject()["bytes"].toDouble(), 6.0 * 1073741824);
    QCOMPARE(doc["traffic"].toObject()["bad_lines"].toInteger(), 1);
    QCOMPARE(doc["traffic"].toObject()["issues"].toArray()[0].toObject()["line"].toInteger(), 3);
    const auto inputs = doc["provenance"].toObject()["inputs"].toArray();
    QCOMPARE(inputs[0].toObject()["path"].toString(), traffic);
    QCOMPARE(inputs[0].toObject()["sha256"].toString().size(), 64);

    const QString csv = m_dir.filePath("sim.csv");
    QCOMPARE(route({"simulate", traffic, "--report", csv}).code, 0);
    QFile cf(csv);
    QVERIFY(cf.open(QIODevice::ReadOnly));
    qint64 requests = 0;
    bool header = false;
    for (const QByteArray& line : cf.readAll().split('\n')) {
        if (line.startsWith('#') || line.isEmpty()) continue;
        if (!header) {
            QCOMPARE(line, QByteArray("backend,bucket,cloud,region,status,requests,bytes,usd"));
            header = true;
            continue;
        }
        requests += line.split(',').at(5).toLongLong();
    }
    QCOMPARE(requests, 6);

    for (const char* ext : {"md", "html"}) {
        const QString path = m_dir.filePath(QString("sim.") + ext);
        QCOMPARE(route({"simulate", traffic, "--report", path}).code, 0);
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray text = f.readAll();
        QVERIFY2(text.contains("6 requests") && text.contains("eu-west-3") &&
                     text.contains("sha256"),
                 ext);
    }
}

// What `gcloud logging read --format=json` writes: one pretty-printed array,
// from a file or a pipe, the same totals as the same entries as JSON lines.
void TestOciRoute::simulateCloudLoggingExport() {
    const QByteArray entry = "  {\n    \"httpRequest\": {\n      \"remoteIp\": \"35.180.1.1\",\n"
                             "      \"requestMethod\": \"GET\",\n      \"requestUrl\": "
                             "\"https://registry.k8s.io/v2/pause/blobs/sha256:ab\"\n    },\n"
                             "    \"severity\": \"INFO\"\n  }";
    const QByteArray array = "[\n" + entry + ",\n" + entry + ",\n" + entry + "\n]\n";
    QByteArray lines;
    for (int i = 0; i < 3; ++i)
        lines += QByteArray(entry).replace('\n', ' ') + "\n";
    const Run from_lines = route({"simulate", write(m_dir, "entries.jsonl", lines)});
    const Run from_file = route({"simulate", write(m_dir, "export.json", array)});
    const Run from_pipe = route({"simulate", "-"}, array);
    QCOMPARE(from_lines.code, 0);
    QCOMPARE(from_file.code, 0);
    QCOMPARE(from_pipe.code, 0);
    QVERIFY2(from_file.out.contains("(cloud-logging): 3 lines, 3 requests"),
             qPrintable(from_file.out));
    // Everything after the first line (which names the file) is the same.
    QCOMPARE(from_file.out.section('\n', 1), from_lines.out.section('\n', 1));
    QCOMPARE(from_pipe.out.section('\n', 1), from_lines.out.section('\n', 1));
    // Cut inside the third entry, which starts on line 18.
    const Run cut = route({"simulate", write(m_dir, "cut.json", array.left(array.size() - 30))});
    QVERIFY(cut.code != 0);
    QVERIFY2(cut.err.contains("cut.json:18") && cut.err.contains("ends early"),
             qPrintable(cut.err));
}

void TestOciRoute::simulateWorkspaceAndErrors() {
    const QString traffic = write(m_dir, "sim2.txt", "35.180.1.1\n");
    const QString ws = write(m_dir, "ws.json",
                             R"({"oci_proxy_workspace": 1, "ranges": ["demo:aws-ip-ranges.json"],
                                 "buckets": {"default": "https://cdn.example.com",
                                   "buckets": [{"name": "paris", "url": "https://paris.example.com", "regions": ["eu-west-3"]}]}})");
    const Run r = route({"simulate", traffic, "--workspace", ws});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains("paris"), qPrintable(r.out));
    QVERIFY(!r.err.contains("built-in demo ranges"));
    QCOMPARE(route({"simulate", traffic, "--format", "pptx"}).code, 2);
    QCOMPARE(route({"simulate", traffic, "--report", m_dir.filePath("x.unknown")}).code, 2);
    QCOMPARE(route({"simulate"}).code, 2);
    QCOMPARE(route({"simulate", traffic, "--threads", "0"}).code, 2);
    const Run missing = route({"simulate", m_dir.filePath("nope.txt")});
    QCOMPARE(missing.code, 3);
    QVERIFY(missing.err.contains("nope.txt"));
    const Run notTraffic = route({"simulate", write(m_dir, "prose.txt", "hello world\n")});
    QCOMPARE(notTraffic.code, 3);
    QVERIFY2(notTraffic.err.contains("prose.txt:1: not a traffic file"),
             qPrintable(notTraffic.err));
    const Run stdinRun = route({"simulate", "-"}, "35.180.1.1 4\n");
    QCOMPARE(stdinRun.code, 0);
    QVERIFY(stdinRun.out.contains("4 requests"));

    // The workspace's bytes per unsized blob GET (the console edits it) is
    // what the CLI uses too; --default-bytes overrides it.
    const QString sized = write(m_dir, "ws-bytes.json",
                                R"({"oci_proxy_workspace": 1, "ranges": ["demo:aws-ip-ranges.json"],
                                    "simulation": {"default_blob_bytes": 1048576}})");
    const Run mib = route({"simulate", "-", "--workspace", sized}, "35.180.1.1 4\n");
    QVERIFY2(mib.out.contains("bytes 4.00 MiB"), qPrintable(mib.out));
    QVERIFY2(mib.out.contains("assuming 1.00 MiB per blob GET whose row gives no size"),
             qPrintable(mib.out));
    const Run over =
        route({"simulate", "-", "--workspace", sized, "--default-bytes", "2048"}, "35.180.1.1 4\n");
    QVERIFY2(over.out.contains("bytes 8.00 KiB"), qPrintable(over.out));
    QCOMPARE(route({"simulate", "-", "--default-bytes", "0"}, "35.180.1.1\n").code, 2);
}

void TestOciRoute::diffRanges() {
    const QString a = write(m_dir, "a.csv", "10.0.0.0/8,AWS,us-east-1\n11.0.0.0/8,AWS,eu-west-3\n");
    const QString b = write(m_dir, "b.csv", "10.0.0.0/8,AWS,us-west-2\n12.0.0.0/8,AWS,xx-new-1\n");
    const QString md = m_dir.filePath("diff.md");
    const Run r = route({"diff-ranges", a, b, "--report", md});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains("AWS                1         1         1           0"),
             qPrintable(r.out));
    QVERIFY(r.out.contains("xx-new-1"));
    QVERIFY(r.out.contains("AWS 10.0.0.0/8: us-east-1 -> us-west-2"));
    QFile f(md);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QVERIFY(f.readAll().contains("| AWS | 1 | 1 | 1 | 0 |"));
    const QString csv = m_dir.filePath("diff.csv");
    QCOMPARE(route({"diff-ranges", a, b, "--report", csv}).code, 0);
    QFile cf(csv);
    QVERIFY(cf.open(QIODevice::ReadOnly));
    const QByteArray rows = cf.readAll();
    QVERIFY2(rows.contains("moved,AWS,10.0.0.0/8,us-east-1,us-west-2\n") &&
                 rows.contains("added,AWS,12.0.0.0/8,,xx-new-1\n") &&
                 rows.contains("removed,AWS,11.0.0.0/8,eu-west-3,\n"),
             rows.constData());
    const QString json = m_dir.filePath("diff.json");
    QCOMPARE(route({"diff-ranges", a, b, "--report", json}).code, 0);
    QFile jf(json);
    QVERIFY(jf.open(QIODevice::ReadOnly));
    const QJsonObject doc = QJsonDocument::fromJson(jf.readAll()).object();
    QCOMPARE(doc["by_cloud"].toObject()["AWS"].toObject()["moved"].toInt(), 1);
    QCOMPARE(doc["unmapped_aws_regions"].toArray()[0].toString(), QString("xx-new-1"));
    QCOMPARE(route({"diff-ranges", a, b, "--report", json, "--format", "pptx"}).code, 2);
    for (const char* ext : {"html", "pdf"}) {
        const QString path = m_dir.filePath(QString("diff.") + ext);
        QCOMPARE(route({"diff-ranges", a, b, "--report", path}).code, 0);
        QFile report(path);
        QVERIFY(report.open(QIODevice::ReadOnly));
        const QByteArray bytes = report.readAll();
        QVERIFY(ext[0] == 'h' ? bytes.contains("10.0.0.0/8") : bytes.startsWith("%PDF-1.4"));
    }
    const QString traffic = write(m_dir, "dt.txt", "10.1.2.3 4\n11.1.1.1\n12.0.0.1 2\n");
    const Run t = route({"diff-ranges", a, b, "--traffic", traffic});
    QVERIFY2(t.code == 0, qPrintable(t.err));
    // 10.x moves us-east-1 → us-west-2 (bucket to bucket); 11.x loses its
    // range (eu-west-3 bucket → default); 12.x gains a region without a
    // bucket, so it stays on the default URL.
    QVERIFY2(t.out.contains("5 of 7 requests route differently"), qPrintable(t.out));
    QVERIFY(t.out.contains("s3/us-east-1"));
    QVERIFY(t.out.contains("s3/us-west-2"));
    QCOMPARE(route({"diff-ranges", a}).code, 2);
    QCOMPARE(route({"diff-ranges", a, m_dir.filePath("none.csv")}).code, 3);
}

void TestOciRoute::compareScenarios() {
    const QString traffic = write(m_dir, "cmp.txt", "35.180.1.1 3\n99.77.161.18 2\n34.80.12.7\n");
    const QString buckets = write(
        m_dir, "b.json",
        R"({"default":"https://d1be1w964nk82h.cloudfront.net","buckets":[{"name":"paris","url":"https://paris.example.com","regions":["eu-west-3"]}]})");
    const QString json = m_dir.filePath("cmp.json");
    const Run r = route({"compare", traffic, "--b-buckets", buckets, "--b-match", "first",
                         "--default-bytes", "1073741824", "--report", json});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains("s3/eu-west-3") && r.out.contains("s3/paris"), qPrintable(r.out));
    QVERIFY(r.out.contains("line 1: 35.180.1.1: eu-west-3 -> paris"));
    QFile f(json);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QJsonObject doc = QJsonDocument::fromJson(f.readAll()).object();
    QCOMPARE(doc["a"].toObject()["requests"].toInteger(), 6);
    QCOMPARE(doc["b"].toObject()["requests"].toInteger(), 6);
    // 99.77.161.18 under first match is AWS GLOBAL: from the ap-southeast-1 bucket
    // (free in its own region) to the default URL at 0.085 USD/GiB, 2 GiB.
    QVERIFY(qAbs(doc["delta_usd"].toDouble() - 2 * 0.085) < 1e-9);
    qint64 moved = 0;
    for (const auto& m : doc["moves"].toArray())
        if (m.toObject()["from"] != m.toObject()["to"])
            moved += m.toObject()["requests"].toInteger();
    QCOMPARE(moved, 5);
    const auto settings = doc["provenance"].toObject()["settings"].toObject();
    QCOMPARE(settings["A match"].toString(), QString("longest"));
    QCOMPARE(settings["B match"].toString(), QString("first"));
    QCOMPARE(route({"compare", traffic, "--b-match", "best"}).code, 3);
    QCOMPARE(route({"compare"}).code, 2);
}

void TestOciRoute::planFormatsAndFlags() {
    // The built-in demo traffic: 40 000 blob GETs of 32 MiB from
    // us-gov-west-1 (no bucket), against a 1 TiB store by default.
    const Run r = route({"plan", "--format", "json"});
    QCOMPARE(r.code, 0);
    QVERIFY(r.err.contains("built-in demo traffic"));
    const QJsonObject plan = QJsonDocument::fromJson(r.out.toUtf8()).object();
    QCOMPARE(plan["chosen"].toString(), QString("us-gov-west-1"));
    const QJsonArray cands = plan["candidates"].toArray();
    QVERIFY(cands.size() >= 5 && cands.size() <= 10);
    QCOMPARE(cands[0].toObject()["gib_month"].toDouble(), 1250.0);
    QCOMPARE(plan["not_in_catalogue"].toArray(), QJsonArray({"GLOBAL", "me-west-1"}));
    QVERIFY(plan["assumptions"].toObject()["store"].toString().contains("assumed"));

    // --top limits the candidates; --store-bytes and --traffic-days move the answer.
    const Run top = route({"plan", "--format", "json", "--top", "2"});
    QCOMPARE(QJsonDocument::fromJson(top.out.toUtf8()).object()["candidates"].toArray().size(), 2);
    const Run big = route({"plan", "--format", "json", "--store-bytes", "109951162777600"});
    const QJsonObject bigPlan = QJsonDocument::fromJson(big.out.toUtf8()).object();
    QVERIFY(bigPlan["chosen"].isNull()); // 100 TiB costs more to store than it saves
    QCOMPARE(bigPlan["assumptions"].toObject()["store"].toString(), QString("100.00 TiB (given)"));
    const Run week = route({"plan", "--format", "json", "--traffic-days", "300"});
    const QJsonObject weekPlan = QJsonDocument::fromJson(week.out.toUtf8()).object();
    double govGib = -1;
    for (const auto& c : weekPlan["candidates"].toArray())
        if (c.toObject()["region"].toString() == "us-gov-west-1")
            govGib = c.toObject()["gib_month"].toDouble();
    QCOMPARE(govGib, 125.0);
    QVERIFY(weekPlan["chosen"].isNull());
    const Run horizon = route({"plan", "--format", "json", "--horizon-months", "1"});
    const double copyMonth = QJsonDocument::fromJson(horizon.out.toUtf8())
                                 .object()["candidates"]
                                 .toArray()[0]
                                 .toObject()["replication_month"]
                                 .toDouble();
    QCOMPARE(copyMonth, 1024 * 0.02); // 1 TiB copied from us-west-2 at $0.02/GiB, in one month

    const Run text = route({"plan"});
    QCOMPARE(text.code, 0);
    QVERIFY(text.out.startsWith("Bucket plan: "));
    QVERIFY(text.out.contains("Best next bucket: us-gov-west-1"));
    QVERIFY(text.out.contains("Not in the catalogue"));
    QVERIFY(text.out.contains("Assumptions:"));
    const Run md = route({"plan", "--format", "md"});
    QVERIFY(md.out.startsWith("# Bucket plan"));
    QVERIFY(md.out.contains("| 1 | us-gov-west-1 |"));
    const Run csv = route({"plan", "--format", "csv", "--top", "3"});
    QCOMPARE(csv.out.split('\n').filter(QRegularExpression("^candidate,")).size(), 3);
    QCOMPARE(csv.out.split('\n').filter(QRegularExpression("^alias,us-gov-west-1,")).size(), 0);
    QCOMPARE(csv.out.split('\n').filter(QRegularExpression("^alias,,us-gov-west-1,")).size(), 1);
}

void TestOciRoute::planBucketMapRoutesAndCompares() {
    QTemporaryDir dir;
    const QString map = dir.filePath("plan.json");
    const QString traffic = write(dir, "t.csv", "ip,count\n52.119.208.10,40000\n3.2.48.5,10\n");
    const Run r = route({"plan", traffic, "--bucket-map-out", map});
    QCOMPARE(r.code, 0);
    QVERIFY(QFile::exists(map));
    // The map routes the planned region to its new bucket, and loads where
    // any bucket map does.
    const Run lookup = route({"lookup", "--buckets", map, "52.119.208.10"});
    QCOMPARE(lookup.code, 0);
    QVERIFY2(lookup.out.contains("prod-registry-k8s-io-us-gov-west-1.s3.dualstack"),
             qPrintable(lookup.out));
    const Run cmp = route({"compare", traffic, "--b-buckets", map});
    QCOMPARE(cmp.code, 0);
    QVERIFY2(cmp.out.contains("40000") || cmp.out.contains("40,000"), qPrintable(cmp.out));
}

void TestOciRoute::planCatalogueErrorsNameTheField() {
    QTemporaryDir dir;
    const QString cat = write(dir, "cat.json",
                              R"({"oci_proxy_region_catalogue": 1, "regions": [
                                 {"region": "x", "lat": 100, "lon": 0, "storage_gib_month": 1}]})");
    const Run r = route({"plan", "--catalogue", cat});
    QCOMPARE(r.code, 3);
    QVERIFY2(r.err.contains(cat + ": regions[0].lat"), qPrintable(r.err));
    const Run missing = route({"plan", "--catalogue", dir.filePath("none.json")});
    QCOMPARE(missing.code, 3);
    QVERIFY(missing.err.contains("none.json"));
}

QTEST_GUILESS_MAIN(TestOciRoute)
#include "tst_oci_route.moc"
