#include "core/text_lines.h"

#include <QtTest>
#include <string>
#include <vector>

using namespace ociproxy;

namespace {

// The lines as a reference splitter sees them: cut at every '\n', the piece
// after the last one a line only when it is not empty.
std::vector<std::string> reference_lines(const std::string& text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    for (std::size_t i = 0; i < text.size(); ++i)
        if (text[i] == '\n') {
            lines.push_back(text.substr(start, i - start));
            start = i + 1;
        }
    if (start < text.size()) lines.push_back(text.substr(start));
    return lines;
}

std::vector<std::string> walked_lines(std::string_view text) {
    std::vector<std::string> lines;
    std::size_t expected_no = 0;
    const bool done = for_each_line(text, [&](std::string_view line, std::size_t no) {
        if (no != ++expected_no) lines.push_back("<line number " + std::to_string(no) + ">");
        lines.emplace_back(line);
        return true;
    });
    if (!done) lines.push_back("<stopped>");
    return lines;
}

} // namespace

class TestTextLines : public QObject {
    Q_OBJECT
private slots:
    void splitsLikeTheReference_data();
    void splitsLikeTheReference();
    void everyNewlinePlaceInShortTexts();
    void stopsWhenAsked();
    void countsNewlinesLikeStdCount();
    void trimsBlanks();
};

void TestTextLines::splitsLikeTheReference_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("one newline") << QByteArray("\n");
    QTest::newRow("no final newline") << QByteArray("1.2.3.4");
    QTest::newRow("final newline") << QByteArray("1.2.3.4\n");
    QTest::newRow("blank lines") << QByteArray("\n\na\n\n");
    QTest::newRow("CRLF kept in the line") << QByteArray("a\r\nb\r\n");
    QTest::newRow("newline last") << QByteArray("123456789.12345\n");
    QTest::newRow("only newlines") << QByteArray(32, '\n');
    QTest::newRow("a long line, a short one") << QByteArray(40, 'x') + "\n" + QByteArray(9, 'y');
    QTest::newRow("NUL bytes inside") << QByteArray("a\0b\nc\0", 6);
}

void TestTextLines::splitsLikeTheReference() {
    QFETCH(QByteArray, text);
    const std::string s = text.toStdString();
    QCOMPARE(walked_lines(s), reference_lines(s));
}

// One or two newlines at every offset of texts of every length up to 49,
// read from inside a larger buffer as a block's lines are.
void TestTextLines::everyNewlinePlaceInShortTexts() {
    for (std::size_t n = 0; n < 50; ++n)
        for (std::size_t at = 0; at <= n; ++at)
            for (std::size_t second = at; second <= n; second += 7) {
                std::string s(n, 'x');
                if (at < n) s[at] = '\n';
                if (second < n) s[second] = '\n';
                // Read from the middle of a larger buffer, as from a block.
                const std::string padded = "zz" + s + "zz";
                const std::string_view view(padded.data() + 2, n);
                if (walked_lines(view) != reference_lines(s))
                    QFAIL(qPrintable(
                        QString("length %1, newlines at %2 and %3").arg(n).arg(at).arg(second)));
            }
}

void TestTextLines::stopsWhenAsked() {
    const std::string text = std::string(20, 'a') + "\n" + std::string(20, 'b') + "\nc\n";
    std::vector<std::string> seen;
    const bool done = for_each_line(text, [&](std::string_view line, std::size_t no) {
        seen.emplace_back(line);
        return no < 2;
    });
    QVERIFY(!done);
    QCOMPARE(seen.size(), std::size_t(2));
    QCOMPARE(seen[1], std::string(20, 'b'));
}

// Every length up to 600 at three densities, and texts long enough for a
// byte counter to pass 255 (all newlines, 9 000 bytes), from odd offsets.
void TestTextLines::countsNewlinesLikeStdCount() {
    std::mt19937 rng(14);
    for (std::size_t n = 0; n <= 600; ++n)
        for (const unsigned every : {1u, 3u, 40u}) {
            std::string s(n + 3, 'x');
            for (auto& c : s)
                if (rng() % every == 0) c = '\n';
            const std::string_view view(s.data() + 3, n);
            const auto expected = std::size_t(std::count(view.begin(), view.end(), '\n'));
            if (count_newlines(view) != expected)
                QFAIL(qPrintable(QString("length %1, one in %2").arg(n).arg(every)));
        }
    const std::string all(9000, '\n');
    QCOMPARE(count_newlines(all), std::size_t(9000));
    QCOMPARE(count_newlines(std::string_view(all).substr(1, 8191)), std::size_t(8191));
    std::string mixed(100000, 'a');
    for (std::size_t i = 0; i < mixed.size(); i += 1 + rng() % 5)
        mixed[i] = '\n';
    QCOMPARE(count_newlines(mixed), std::size_t(std::count(mixed.begin(), mixed.end(), '\n')));
}

void TestTextLines::trimsBlanks() {
    QCOMPARE(trim_blanks(" \t1.2.3.4\r "), std::string_view("1.2.3.4"));
    QCOMPARE(trim_blanks(" \t\r"), std::string_view());
}

QTEST_APPLESS_MAIN(TestTextLines)
#include "tst_text_lines.moc"
