#pragma once

#include <QPlainTextEdit>
#include <QTextCursor>
#include <QTimer>

namespace ociproxy::ui {

// The Lookup view's input. A large paste (100 000 addresses) goes in a few
// thousand lines per event-loop turn: laying out that much text at once
// would freeze the window for a third of a second; in pieces no turn takes
// more than a few milliseconds. The editor is read-only meanwhile.
class LookupInput : public QPlainTextEdit {
    Q_OBJECT
public:
    explicit LookupInput(QWidget* parent = nullptr);

    // Pastes `text` at the cursor as the clipboard would.
    void pasteText(const QString& text);
    bool isPasting() const { return m_timer.isActive(); }

signals:
    void pasteProgress(int percent);
    void pasteFinished();

protected:
    void insertFromMimeData(const QMimeData* source) override;

private:
    void step();

    QString m_pending;
    qsizetype m_at = 0;
    QTextCursor m_cursor;
    QTimer m_timer;
};

} // namespace ociproxy::ui
