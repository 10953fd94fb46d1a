// Every report format from one small simulation: CSV and JSON parsed back,
// HTML and PDF (through pdftotext, from poppler-utils) checked for the key
// figures and the provenance.

#include "core/ranges/range_loader.h"
#include "core/report/compare_report.h"
#include "core/report/report_text.h"
#include "core/report/simulation_report.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace ociproxy;

namespace {

struct Fixture {
    Router router;
    AllBlobsPresent all;
    SimulationResult result;
    ReportProvenance prov;
};

Fixture make() {
    auto set = parse_ranges("35.180.0.0/16,AWS,eu-west-3\n34.80.0.0/15,GCP,asia-east1\n", "t.csv");
    auto r = Router::create(PrefixTable::build(std::span(&*set, 1)), BucketMap::production(), {});
    Fixture f{std::move(r).value(), {}, {}, {}};
    f.prov = {"oci-route test",
              "2026-11-28T00:00:00Z",
              {{"traffic.txt", std::string(64, 'a')}},
              {{"match", "longest"}}};
    Scenario s{&f.router, &f.all, {}, 1ull << 30};
    f.result = *simulate_text("35.180.1.1 3\n34.80.1.1 2\n203.0.113.9 1\n", "traffic.txt", s);
    return f;
}

QString pdf_text(const std::string& pdf) {
    QTemporaryDir dir;
    QFile f(dir.filePath("r.pdf"));
    f.open(QIODevice::WriteOnly);
    f.write(pdf.data(), qint64(pdf.size()));
    f.close();
    QProcess p;
    p.start("pdftotext", {"-layout", f.fileName(), "-"});
    p.waitForFinished(30000);
    return QString::fromUtf8(p.readAllStandardOutput());
}

// For each row under the header line holding `column`: the row's text ends
// (right-aligned numbers) where the header's word ends, give or take the
// rounding of proportional glyphs to character cells. Returns the rows seen.
int check_right_aligned(const QString& text, const QString& header_word, const QString& column) {
    const QStringList lines = text.split('\n');
    int checked = 0;
    for (int i = 0; i < lines.size(); ++i) {
        const int at = int(lines[i].indexOf(column));
        if (at < 0 || !lines[i].contains(header_word)) continue;
        const int end = at + int(column.size()); // one past the header's last character
        for (int j = i + 1; j < lines.size() && !lines[j].trimmed().isEmpty(); ++j) {
            const QString& row = lines[j];
            int q = std::min(int(row.size()) - 1, end + 1);
            while (q >= 0 && row[q] == ' ')
                --q;
            if (q < 0 || !row[q].isDigit() || q + 1 < end - 2 || q + 1 > end + 2) {
                qWarning("column %s ends at %d, row ends at %d: %s", qPrintable(column), end, q + 1,
                         qPrintable(row));
                return -1;
            }
            ++checked;
        }
        break;
    }
    return checked;
}

} // namespace

class TestSimulationReport : public QObject {
    Q_OBJECT
private slots:
    void csvParsesBack();
    void jsonParsesBack();
    void markdownAndHtml();
    void pdfReadsBack();
    void formatsFromNames();
    void longTextIsNeverCut();
    void pdfColumnsLineUp();
};

void TestSimulationReport::csvParsesBack() {
    const Fixture f = make();
    const QString csv =
        QString::fromStdString(simulation_report(f.result, f.prov, ReportFormat::Csv));
    QVERIFY(
        csv.startsWith("# oci-route test, 2026-11-28T00:00:00Z\n# input traffic.txt sha256 aaaa"));
    qulonglong requests = 0, bytes = 0;
    for (const QString& line : csv.split('\n', Qt::SkipEmptyParts)) {
        if (line.startsWith('#') || line.startsWith("backend,")) continue;
        const QStringList cells = line.split(',');
        QCOMPARE(cells.size(), 8);
        requests += cells[5].toULongLong();
        bytes += cells[6].toULongLong();
    }
    QCOMPARE(requests, 6ull);
    QCOMPARE(bytes, 6ull << 30);
}

void TestSimulationReport::jsonParsesBack() {
    const Fixture f = make();
    const auto doc = QJsonDocument::fromJson(
        QByteArray::fromStdString(simulation_report(f.result, f.prov, ReportFormat::Json)));
    QVERIFY(doc.isObject());
    const QJsonObject totals = doc["totals"].toObject();
    QCOMPARE(totals["requests"].toInteger(), 6);
    QVERIFY(qAbs(totals["usd"].toDouble() - 0.085) < 1e-9); // the no-range client via CloudFront
    QVERIFY(qAbs(totals["s3_share_of_bytes"].toDouble() - 0.5) < 1e-9);
    QCOMPARE(doc["provenance"].toObject()["inputs"].toArray()[0].toObject()["path"].toString(),
             QString("traffic.txt"));
    QCOMPARE(doc["by_backend"].toArray().size(), 3);
}

void TestSimulationReport::markdownAndHtml() {
    const Fixture f = make();
    const std::string md = simulation_report(f.result, f.prov, ReportFormat::Markdown);
    QVERIFY(md.find("**6 requests**") != std::string::npos);
    QVERIFY(md.find("| eu-west-3 | 3 | 3.00 GiB | 50.0% | $0.00 |") != std::string::npos);
    QVERIFY(md.find("sha256 `aaaa") != std::string::npos);
    const std::string html = simulation_report(f.result, f.prov, ReportFormat::Html);
    QVERIFY(html.starts_with("<!DOCTYPE html>"));
    QVERIFY(html.find("<svg") != std::string::npos);
    QVERIFY(html.find("<b>6 requests</b>") != std::string::npos);
    QVERIFY(html.find("<script") == std::string::npos); // self-contained, no scripts
}

void TestSimulationReport::pdfReadsBack() {
    if (QStandardPaths::findExecutable("pdftotext").isEmpty())
        QSKIP("pdftotext (Debian package poppler-utils) is not installed");
    const Fixture f = make();
    const std::string pdf = simulation_report(f.result, f.prov, ReportFormat::Pdf);
    QVERIFY(pdf.starts_with("%PDF-1.4"));
    QVERIFY(pdf.ends_with("%%EOF\n"));
    const QString text = pdf_text(pdf);
    QVERIFY2(text.contains("Traffic simulation: traffic.txt"), qPrintable(text));
    QVERIFY(
        text.contains("6 requests, 6.00 GiB, 50.0% of bytes from S3, estimated egress $0.0850"));
    QVERIFY(text.contains("Bytes by backend"));
    QVERIFY(text.contains("eu-west-3"));
    QVERIFY(text.contains("input traffic.txt sha256 " + QString(64, 'a')));

    // Many rows: the table flows onto more pages and all of it reads back.
    SimulationResult big = f.result;
    for (int i = 0; i < 150; ++i)
        big.rows.push_back(
            {Backend::S3, "bucket-" + std::to_string(i), "AWS", "r", 307, 1, 1, 0, ""});
    const QString many = pdf_text(simulation_report(big, f.prov, ReportFormat::Pdf));
    QVERIFY(many.contains("bucket-0") && many.contains("bucket-149"));
    QVERIFY(many.count(QChar('\f')) >= 2); // pdftotext separates pages with form feeds

    CompareResult c{f.result,
                    f.result,
                    {{Backend::Default, "default", Backend::S3, "virginia", 1, 1, 1, 0.5, 0}},
                    {}};
    const QString cmp = pdf_text(compare_report(c, f.prov, ReportFormat::Pdf));
    QVERIFY2(cmp.contains("Scenario comparison: traffic.txt") && cmp.contains("s3/virginia"),
             qPrintable(cmp));
}

void TestSimulationReport::formatsFromNames() {
    QCOMPARE(report_format_for_path("a/b.PDF").has_value(), false); // extensions are lower case
    QCOMPARE(*report_format_for_path("r.pdf"), ReportFormat::Pdf);
    QCOMPARE(*report_format_for_path("r.htm"), ReportFormat::Html);
    QCOMPARE(*report_format_for_path("r.md"), ReportFormat::Markdown);
    QVERIFY(!report_format_for_path("report"));
    QVERIFY(!parse_report_format("docx"));
}

void TestSimulationReport::pdfColumnsLineUp() {
    if (QStandardPaths::findExecutable("pdftotext").isEmpty())
        QSKIP("pdftotext (Debian package poppler-utils) is not installed");
    const Fixture f = make();
    const QString sim = pdf_text(simulation_report(f.result, f.prov, ReportFormat::Pdf));
    // requests is the last-but-two column: the rows' numbers end under it.
    const QStringList simLines = sim.split('\n');
    QString trimmed;
    for (const auto& l : simLines)
        if (l.contains("backend") && l.contains("requests")) trimmed = l;
    QVERIFY2(!trimmed.isEmpty(), qPrintable(sim));
    // Cut each row at the "requests" column's end to check it alone.
    const int end = int(trimmed.indexOf("requests")) + 8;
    QString cut;
    bool in = false;
    for (const auto& l : simLines) {
        if (l == trimmed) in = true;
        if (in) cut += l.left(end + 1) + "\n";
        if (in && l.trimmed().isEmpty()) break;
    }
    QCOMPARE(check_right_aligned(cut, "backend", "requests"), int(f.result.rows.size()));

    CompareResult c{f.result,
                    f.result,
                    {{Backend::Default, "default", Backend::S3, "virginia", 1234, 1, 1, 0.5, 0},
                     {Backend::S3, "eu-west-3", Backend::S3, "eu-west-3", 3, 1, 1, 0, 0}},
                    {}};
    const QString cmp = pdf_text(compare_report(c, f.prov, ReportFormat::Pdf));
    QString cmpCut;
    in = false;
    int reqEnd = 0;
    for (const auto& l : cmp.split('\n')) {
        if (l.contains("from (A)") && l.contains("requests")) {
            in = true;
            reqEnd = int(l.indexOf("requests")) + 8;
        }
        if (in) cmpCut += l.left(reqEnd + 1) + "\n";
        if (in && l.trimmed().isEmpty()) break;
    }
    QCOMPARE(check_right_aligned(cmpCut, "from (A)", "requests"), 2);
    QVERIFY2(cmp.contains("yes"), qPrintable(cmp)); // the moved flag
}

QTEST_GUILESS_MAIN(TestSimulationReport)
// format_text used to stop at 511 bytes: a long traffic path glued two
// report lines together.
void TestSimulationReport::longTextIsNeverCut() {
    const std::string path = "/srv/traffic/" + std::string(900, 'p') + ".jsonl";
    const std::string line = format_text("<text>%s</text>%d\n", path.c_str(), 42);
    QCOMPARE(line.size(), path.size() + std::string("<text></text>42\n").size());
    QVERIFY(line.ends_with("</text>42\n"));
    QCOMPARE(format_text("%.1f%%", 12.345), std::string("12.3%"));
}

#include "tst_simulation_report.moc"
