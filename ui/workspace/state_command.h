#pragma once

#include "ui/workspace/workspace_document.h"

#include <QUndoCommand>

namespace ociproxy::ui {

// One undo step: the document state before and after. States are small
// (settings, the bucket map, source names; the loaded files stay cached), so
// whole snapshots are simpler and safer than inverse operations.
class StateCommand : public QUndoCommand {
public:
    StateCommand(WorkspaceDocument* doc, WorkspaceDocument::State before,
                 WorkspaceDocument::State after, std::shared_ptr<const Router> built,
                 const QString& text)
        : QUndoCommand(text)
        , m_doc(doc)
        , m_before(std::move(before))
        , m_after(std::move(after))
        , m_built(std::move(built)) {}

    void undo() override { m_doc->applyState(m_before); }
    // The first redo (the push) uses the router validated before pushing.
    void redo() override {
        m_doc->applyState(m_after, std::move(m_built));
        m_built.reset();
    }

private:
    WorkspaceDocument* m_doc;
    WorkspaceDocument::State m_before, m_after;
    std::shared_ptr<const Router> m_built;
};

} // namespace ociproxy::ui
