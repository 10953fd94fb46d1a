// The Lookup input: a large paste goes in by pieces (the window never
// freezes) and ends up exactly as pasted; a small one goes in at once.

#include "ui/lookup/lookup_input.h"

#include <QSignalSpy>
#include <QTest>

using namespace ociproxy::ui;

class TestLookupInput : public QObject {
    Q_OBJECT
private slots:
    void largePasteArrivesInPieces();
    void smallPasteIsImmediate();
};

void TestLookupInput::largePasteArrivesInPieces() {
    LookupInput in;
    in.setPlainText("first\n");
    QTextCursor c = in.textCursor();
    c.movePosition(QTextCursor::End);
    in.setTextCursor(c);
    QString text;
    for (int i = 0; i < 20000; ++i)
        text += QString("35.180.%1.%2\n").arg(i / 250).arg(i % 250);
    QSignalSpy progress(&in, &LookupInput::pasteProgress);
    QSignalSpy finished(&in, &LookupInput::pasteFinished);
    in.pasteText(text);
    // Not all at once: the call returns with the paste under way.
    QVERIFY(in.isPasting());
    QVERIFY(in.isReadOnly());
    QVERIFY(in.toPlainText().size() < text.size());
    QTRY_COMPARE(finished.size(), 1);
    QVERIFY(progress.size() > 2);
    QCOMPARE(progress.back().front().toInt(), 100);
    QCOMPARE(in.toPlainText(), "first\n" + text);
    QVERIFY(!in.isReadOnly());
}

void TestLookupInput::smallPasteIsImmediate() {
    LookupInput in;
    in.pasteText("35.180.1.1\n");
    QVERIFY(!in.isPasting());
    QCOMPARE(in.toPlainText(), QString("35.180.1.1\n"));
}

QTEST_MAIN(TestLookupInput)
#include "tst_lookup_input.moc"
