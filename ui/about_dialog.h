#pragma once

#include "ui/workspace/workspace_document.h"

#include <QDialog>

namespace ociproxy::ui {

// Versions of everything a bug report needs: the console, Qt, QCoro,
// OpenSSL, Boost, and the range data loaded right now.
QString about_html(const WorkspaceDocument& doc);

class AboutDialog : public QDialog {
    Q_OBJECT
public:
    explicit AboutDialog(const WorkspaceDocument& doc, QWidget* parent = nullptr);
};

} // namespace ociproxy::ui
