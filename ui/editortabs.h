// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "core/workspace/draftstore.h"

#include <QTabWidget>

#include <memory>

namespace psm::ui {

class CodeEditor;
class DraftWriter;
class LogPanel;

// The open files of one workspace, one CodeEditor per tab: loads and saves them (atomically),
// reverts, marks dirty tabs, keeps unsaved text as drafts in the DraftStore, and reloads clean
// tabs when a file changes on disk. A draft is written at most ~300 ms after an edit (while
// typing goes on, too), atomically and off the GUI thread, so a crash a second later loses
// nothing. Prompt files are small, so saving them is synchronous on the GUI thread; no git here.
// Owned by the MainWindow.
class EditorTabs final : public QTabWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EditorTabs)
public:
    EditorTabs(LogPanel *log, QWidget *parent = nullptr);
    ~EditorTabs() override;

    // Closes every tab without asking (the caller asked already) and points at a new root.
    void setWorkspace(const QString &root);
    QString workspaceRoot() const { return m_root; }
    void setDraftStore(std::unique_ptr<core::DraftStore> store);
    core::DraftStore &draftStore() { return *m_drafts; }
    void setDraftDelay(int milliseconds) { m_draftDelay = milliseconds; }

    bool openFile(const QString &path); // relative path; focuses it when already open
    int indexOf(const QString &path) const;
    QString pathAt(int index) const;
    QString currentPath() const { return pathAt(currentIndex()); }
    CodeEditor *editorAt(int index) const;
    CodeEditor *currentEditor() const { return editorAt(currentIndex()); }

    bool isDirty(int index) const;
    QStringList dirtyPaths() const;

    bool save(int index);
    bool saveAll();
    void revert(int index);
    // Asks first when the tab is dirty; false when the user kept it open.
    bool closeTabAsking(int index);
    // Asks about every dirty tab at once (Save all / Discard / Cancel); false on Cancel.
    bool confirmCloseAll();
    void closeAllTabs();

    // Puts a draft's text into its file's tab (opening it); the result is a dirty, undoable edit.
    bool restoreDraft(const core::Draft &draft);
    // Re-reads every open file: clean tabs reload when the disk changed, dirty ones get a warning.
    void checkDisk();

Q_SIGNALS:
    void currentFileChanged(const QString &path);
    void fileSaved(const QString &path);
    void dirtyStateChanged();

private:
    struct Document;
    Document *documentAt(int index) const;
    void updateTitle(int index);
    void saveDraft(Document *doc);
    void discardDraft(const QString &path);
    bool loadInto(Document *doc, QString *error);

    LogPanel *m_log;
    QString m_root;
    std::unique_ptr<core::DraftStore> m_drafts; // for reading; the writer has its own
    std::unique_ptr<DraftWriter> m_draftWriter;
    int m_draftDelay = 300;
};

} // namespace psm::ui
