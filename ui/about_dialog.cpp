#include "ui/about_dialog.h"

#include "ui/icons.h"

#include <QDialogButtonBox>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QTextBrowser>
#include <QVBoxLayout>
#include <boost/version.hpp>
#include <openssl/crypto.h>

namespace ociproxy::ui {

QString about_html(const WorkspaceDocument& doc) {
    QString h = "<h2>oci-proxy console " + QStringLiteral(OCIPROXY_VERSION) + "</h2>";
    h += "<p>" +
         QObject::tr("Routing, what-if and live view for the registry.k8s.io redirect proxy.") +
         "</p><table cellpadding=2>";
    const auto row = [&](const QString& k, const QString& v) {
        h += "<tr><td>" + k + "</td><td><b>" + v.toHtmlEscaped() + "</b></td></tr>";
    };
    row("Qt",
        QString::fromLatin1(qVersion()) + QObject::tr(" (built with %1)").arg(QT_VERSION_STR));
    row("QCoro", QStringLiteral(OCIPROXY_QCORO_VERSION));
    row("OpenSSL", QString::fromLatin1(OpenSSL_version(OPENSSL_VERSION)));
    row("Boost", QString::fromLatin1(BOOST_LIB_VERSION).replace('_', '.'));
    h += "</table><h3>" + QObject::tr("Range data") + "</h3><table cellpadding=2>";
    for (const auto& name : doc.workspace().range_sources) {
        const auto src = doc.source(name);
        if (!src) continue;
        const QString file = QString::fromStdString(name);
        QString detail = QString::fromLatin1(range_format_name(src->set.format));
        if (!src->set.published.empty())
            detail += QObject::tr(", published %1").arg(QString::fromStdString(src->set.published));
        detail += ", SHA-256 " + QString::fromStdString(src->sha256).left(16) + "…";
        row(file.startsWith("demo:") ? file : QFileInfo(file).fileName(), detail);
    }
    h += "</table>";
    return h;
}

AboutDialog::AboutDialog(const WorkspaceDocument& doc, QWidget* parent)
    : QDialog(parent) {
    setWindowTitle(tr("About oci-proxy console"));
    auto* logo = new QLabel(this);
    logo->setPixmap(app_icon().pixmap(64, 64));
    logo->setAlignment(Qt::AlignTop);
    auto* text = new QTextBrowser(this);
    text->setHtml(about_html(doc));
    text->setOpenExternalLinks(true);
    text->setFrameShape(QFrame::NoFrame);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* top = new QHBoxLayout;
    top->addWidget(logo);
    top->addWidget(text, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(buttons);
    resize(560, 420);
}

} // namespace ociproxy::ui
