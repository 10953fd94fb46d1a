#include "ui/lookup/lookup_input.h"

#include <QMimeData>

namespace ociproxy::ui {
namespace {

// About 2 000 lines of addresses: a few milliseconds of layout per turn.
constexpr qsizetype kChunkChars = 48 * 1024;

} // namespace

LookupInput::LookupInput(QWidget* parent)
    : QPlainTextEdit(parent) {
    m_timer.setInterval(0);
    connect(&m_timer, &QTimer::timeout, this, &LookupInput::step);
}

void LookupInput::pasteText(const QString& text) {
    QMimeData mime;
    mime.setText(text);
    insertFromMimeData(&mime);
}

void LookupInput::insertFromMimeData(const QMimeData* source) {
    if (!source->hasText() || source->text().size() <= kChunkChars || isPasting()) {
        QPlainTextEdit::insertFromMimeData(source);
        return;
    }
    m_pending = source->text();
    m_at = 0;
    m_cursor = textCursor();
    m_cursor.removeSelectedText();
    setReadOnly(true);
    m_timer.start();
}

void LookupInput::step() {
    qsizetype end = std::min(m_pending.size(), m_at + kChunkChars);
    if (end < m_pending.size()) {
        // Whole lines per piece, so no turn leaves half an address to look up.
        const qsizetype nl = m_pending.indexOf('\n', end);
        end = nl < 0 ? m_pending.size() : nl + 1;
    }
    m_cursor.insertText(m_pending.mid(m_at, end - m_at));
    m_at = end;
    emit pasteProgress(int(100 * m_at / std::max<qsizetype>(1, m_pending.size())));
    if (m_at < m_pending.size()) return;
    m_timer.stop();
    m_pending.clear();
    setTextCursor(m_cursor);
    setReadOnly(false);
    emit pasteFinished();
}

} // namespace ociproxy::ui
