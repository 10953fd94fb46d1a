#include "ui/shortcuts_dialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QMenu>
#include <QMenuBar>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace ociproxy::ui {
namespace {

QString plain(QString text) {
    text.remove('&');
    if (text.endsWith(QChar(0x2026))) text.chop(1);
    return text.toHtmlEscaped();
}

void list_menu(const QMenu* menu, QString& html) {
    QString rows;
    for (const QAction* a : menu->actions()) {
        if (a->menu()) continue; // e.g. Open Recent: no shortcuts of its own
        if (a->isSeparator() || a->shortcut().isEmpty()) continue;
        rows += QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>")
                    .arg(a->shortcut().toString(QKeySequence::NativeText).toHtmlEscaped(),
                         plain(a->text()));
    }
    if (!rows.isEmpty())
        html += QStringLiteral("<h3>%1</h3><table cellspacing=4>%2</table>")
                    .arg(plain(menu->title()), rows);
}

} // namespace

ShortcutsDialog::ShortcutsDialog(const QMenuBar* menus, QWidget* parent)
    : QDialog(parent)
    , m_text(new QTextBrowser(this)) {
    setWindowTitle(tr("Keyboard Shortcuts"));
    QString html;
    for (const QAction* a : menus->actions())
        if (a->menu()) list_menu(a->menu(), html);
    html += tr("<h3>In tables and forms</h3><table cellspacing=4>"
               "<tr><td><b>Esc</b></td><td>Clear the table's filter</td></tr>"
               "<tr><td><b>Ctrl+C</b></td><td>Copy the selected rows as text</td></tr>"
               "<tr><td><b>Ctrl+Shift+C</b></td><td>Copy the selected rows as CSV</td></tr>"
               "<tr><td><b>Enter</b></td><td>Run the form (Lookup, Simulation, Planner)</td></tr>"
               "</table>");
    m_text->setHtml(html);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_text);
    layout->addWidget(buttons);
    resize(480, 560);
}

QString ShortcutsDialog::text() const {
    return m_text->toPlainText();
}

} // namespace ociproxy::ui
