#pragma once

#include <QDialog>

class QMenuBar;
class QTextBrowser;

namespace ociproxy::ui {

// F1: every menu command with its shortcut, read from the menus themselves
// (so the list cannot drift from what the keys do), plus the keys that live
// in the views (Esc, Ctrl+C, Enter).
class ShortcutsDialog : public QDialog {
    Q_OBJECT
public:
    ShortcutsDialog(const QMenuBar* menus, QWidget* parent = nullptr);
    QString text() const;

private:
    QTextBrowser* m_text;
};

} // namespace ociproxy::ui
