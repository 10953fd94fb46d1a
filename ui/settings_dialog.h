#pragma once

#include "ui/workspace/workspace_document.h"

#include <QDialog>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;

namespace ociproxy::ui {

// The workspace's routing settings, blob policy and prices in one form. OK
// applies them as one undo step; the core validates, and a rejected value
// keeps the dialog open with the reason.
class SettingsDialog : public QDialog {
    Q_OBJECT
public:
    explicit SettingsDialog(WorkspaceDocument* doc, QWidget* parent = nullptr);

    void accept() override;
    QLabel* errorLabel() const { return m_error; }

private:
    WorkspaceDocument* m_doc;
    QLineEdit *m_upstream, *m_upstreamPath, *m_signature, *m_info, *m_privacy, *m_defaultBase;
    QComboBox* m_match;
    QComboBox* m_blobs;
    QLineEdit* m_blobFile;
    std::vector<QDoubleSpinBox*> m_prices;
    QLabel* m_error;
};

} // namespace ociproxy::ui
