// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "ui/editortabs.h"

#include "core/workspace/worktreefiles.h"
#include "ui/codeeditor.h"
#include "ui/draftwriter.h"
#include "ui/logpanel.h"
#include "ui/plaintext.h"
#include "ui/prompthighlighter.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QMessageBox>
#include <QPointer>
#include <QScrollBar>
#include <QSyntaxHighlighter>
#include <QTabBar>
#include <QTextBlock>
#include <QTimer>

namespace psm::ui {

// Per-tab state, owned by the tab's editor widget (deleted with it).
struct EditorTabs::Document final : QObject {
    QString path;
    QByteArray diskBytes; // the file as last loaded or saved
    QByteArray baseSha; // sha1 of diskBytes, stored with drafts
    CodeEditor *editor = nullptr;
    QTimer *draftTimer = nullptr;
    bool warnedStale = false;
};

namespace {

QByteArray sha1(const QByteArray &bytes)
{
    return QCryptographicHash::hash(bytes, QCryptographicHash::Sha1).toHex();
}

const char kDocProperty[] = "psmDocument";

// QMessageBox::question() sniffs its text for HTML; these name files from the workspace, which
// show as they are.
QMessageBox::StandardButton askPlainText(QWidget *parent, const QString &title,
    const QString &text, QMessageBox::StandardButtons buttons,
    QMessageBox::StandardButton defaultButton)
{
    QMessageBox box(QMessageBox::Question, title, text, buttons, parent);
    box.setTextFormat(Qt::PlainText);
    box.setDefaultButton(defaultButton);
    return QMessageBox::StandardButton(box.exec());
}

} // namespace

EditorTabs::EditorTabs(LogPanel *log, QWidget *parent)
    : QTabWidget(parent)
    , m_log(log)
{
    setDraftStore(std::make_unique<core::DraftStore>());
    setObjectName(QStringLiteral("editorTabs"));
    setTabsClosable(true);
    setMovable(true);
    setDocumentMode(true);
    tabBar()->setElideMode(Qt::ElideMiddle);
    connect(
        this, &QTabWidget::tabCloseRequested, this, [this](int index) { closeTabAsking(index); });
    connect(this, &QTabWidget::currentChanged, this,
        [this](int index) { Q_EMIT currentFileChanged(pathAt(index)); });
}

EditorTabs::~EditorTabs() = default;

void EditorTabs::setDraftStore(std::unique_ptr<core::DraftStore> store)
{
    m_draftWriter.reset(); // writes what the old one still had queued
    m_drafts = std::move(store);
    // The log lives on the GUI thread; errors arrive on the writer's.
    QPointer<LogPanel> log = m_log;
    m_draftWriter = std::make_unique<DraftWriter>(m_drafts->dir(),
        [this, log](const QString &path, const core::Error &error) {
            QMetaObject::invokeMethod(this, [log, path, error] {
                if (log)
                    log->error(tr("Could not keep a draft of %1").arg(path), error);
            }, Qt::QueuedConnection);
        });
}

void EditorTabs::setWorkspace(const QString &root)
{
    closeAllTabs();
    m_root = root;
}

EditorTabs::Document *EditorTabs::documentAt(int index) const
{
    QWidget *page = widget(index);
    // Document has no meta-object of its own, so it is found by name and cast statically.
    QObject *found = page
        ? page->findChild<QObject *>(QString::fromLatin1(kDocProperty), Qt::FindDirectChildrenOnly)
        : nullptr;
    return static_cast<Document *>(found);
}

int EditorTabs::indexOf(const QString &path) const
{
    for (int i = 0; i < count(); ++i)
        if (pathAt(i) == path)
            return i;
    return -1;
}

QString EditorTabs::pathAt(int index) const
{
    const Document *doc = documentAt(index);
    return doc ? doc->path : QString();
}

CodeEditor *EditorTabs::editorAt(int index) const
{
    const Document *doc = documentAt(index);
    return doc ? doc->editor : nullptr;
}

bool EditorTabs::isDirty(int index) const
{
    const Document *doc = documentAt(index);
    return doc && doc->editor->document()->isModified();
}

QStringList EditorTabs::dirtyPaths() const
{
    QStringList paths;
    for (int i = 0; i < count(); ++i)
        if (isDirty(i))
            paths.append(pathAt(i));
    return paths;
}

bool EditorTabs::loadInto(Document *doc, QString *error)
{
    auto bytes = core::readWorkTreeFile(m_root, doc->path);
    if (!bytes) {
        *error = bytes.error().toString();
        return false;
    }
    doc->diskBytes = *bytes;
    doc->baseSha = sha1(doc->diskBytes);
    doc->warnedStale = false;
    const int position = doc->editor->textCursor().position();
    const int scroll = doc->editor->verticalScrollBar()->value();
    doc->editor->setPlainText(QString::fromUtf8(doc->diskBytes));
    QTextCursor cursor = doc->editor->textCursor();
    cursor.setPosition(std::min(position, doc->editor->document()->characterCount() - 1));
    doc->editor->setTextCursor(cursor);
    doc->editor->verticalScrollBar()->setValue(scroll);
    doc->editor->document()->setModified(false);
    return true;
}

bool EditorTabs::openFile(const QString &path)
{
    if (const int existing = indexOf(path); existing >= 0) {
        setCurrentIndex(existing);
        return true;
    }
    auto *editor = new CodeEditor(this);
    editor->setObjectName(QStringLiteral("codeEditor"));
    auto *doc = new Document;
    doc->setParent(editor);
    doc->setObjectName(QString::fromLatin1(kDocProperty));
    doc->path = path;
    doc->editor = editor;
    QString error;
    if (!loadInto(doc, &error)) {
        m_log->error(tr("Could not open %1: %2").arg(path, error));
        delete editor;
        return false;
    }
    PromptHighlighter::create(editor->document(), path, editor->palette());
    doc->draftTimer = new QTimer(doc);
    doc->draftTimer->setSingleShot(true);
    connect(doc->draftTimer, &QTimer::timeout, doc, [this, doc] { saveDraft(doc); });
    connect(editor->document(), &QTextDocument::contentsChanged, doc, [this, doc] {
        // Not restarted by every keystroke: while the user types on, a draft still goes out
        // every m_draftDelay ms.
        if (doc->editor->document()->isModified() && !doc->draftTimer->isActive())
            doc->draftTimer->start(m_draftDelay);
    });
    connect(editor->document(), &QTextDocument::modificationChanged, doc, [this, editor](bool) {
        updateTitle(QTabWidget::indexOf(editor));
        Q_EMIT dirtyStateChanged();
    });
    const int index = addTab(editor, QFileInfo(path).fileName());
    setTabToolTip(index, plainToolTip(path));
    updateTitle(index);
    setCurrentIndex(index);
    editor->setFocus();
    return true;
}

void EditorTabs::updateTitle(int index)
{
    const Document *doc = documentAt(index);
    if (!doc)
        return;
    const QString name = QFileInfo(doc->path).fileName();
    // The bullet is the dirty marker editors commonly use; the tooltip spells it out.
    const bool dirty = doc->editor->document()->isModified();
    setTabText(index, dirty ? name + QStringLiteral(" ●") : name);
    setTabToolTip(index, dirty ? tr("%1 (unsaved changes)").arg(doc->path) : doc->path);
}

bool EditorTabs::save(int index)
{
    Document *doc = documentAt(index);
    if (!doc)
        return false;
    // Keep the user's text byte for byte: UTF-8, no BOM, their line endings (LF from the editor).
    const QByteArray bytes = doc->editor->toPlainText().toUtf8();
    const auto written = core::writeWorkTreeFile(m_root, doc->path, bytes);
    if (!written) {
        m_log->error(tr("Could not save %1").arg(doc->path), written.error());
        return false;
    }
    doc->diskBytes = bytes;
    doc->baseSha = sha1(bytes);
    doc->warnedStale = false;
    doc->draftTimer->stop();
    doc->editor->document()->setModified(false);
    discardDraft(doc->path);
    Q_EMIT fileSaved(doc->path);
    return true;
}

bool EditorTabs::saveAll()
{
    bool ok = true;
    for (int i = 0; i < count(); ++i)
        if (isDirty(i))
            ok = save(i) && ok;
    return ok;
}

void EditorTabs::revert(int index)
{
    Document *doc = documentAt(index);
    if (!doc)
        return;
    QString error;
    if (!loadInto(doc, &error)) {
        m_log->error(tr("Could not reload %1: %2").arg(doc->path, error));
        return;
    }
    doc->draftTimer->stop();
    discardDraft(doc->path);
    m_log->info(tr("Reverted %1 to the file on disk.").arg(doc->path));
}

bool EditorTabs::closeTabAsking(int index)
{
    Document *doc = documentAt(index);
    if (!doc)
        return true;
    if (doc->editor->document()->isModified()) {
        const auto answer = askPlainText(this, tr("Unsaved changes"),
            tr("%1 has unsaved changes. Save them before closing?").arg(doc->path),
            QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
        if (answer == QMessageBox::Cancel)
            return false;
        if (answer == QMessageBox::Save && !save(index))
            return false;
        if (answer == QMessageBox::Discard)
            discardDraft(doc->path);
    }
    QWidget *page = widget(index);
    removeTab(index);
    delete page;
    return true;
}

bool EditorTabs::confirmCloseAll()
{
    const QStringList dirty = dirtyPaths();
    if (dirty.isEmpty())
        return true;
    const auto answer = askPlainText(this, tr("Unsaved changes"),
        tr("These files have unsaved changes:\n\n%1\n\nSave them?")
            .arg(dirty.join(QLatin1Char('\n'))),
        QMessageBox::SaveAll | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::SaveAll);
    if (answer == QMessageBox::Cancel)
        return false;
    if (answer == QMessageBox::SaveAll)
        return saveAll();
    for (const QString &path : dirty)
        discardDraft(path);
    return true;
}

void EditorTabs::closeAllTabs()
{
    while (count() > 0) {
        QWidget *page = widget(0);
        removeTab(0);
        delete page;
    }
}

void EditorTabs::saveDraft(Document *doc)
{
    if (!doc->editor->document()->isModified() || m_root.isEmpty())
        return;
    m_draftWriter->save(core::Draft { m_root, doc->path, doc->editor->toPlainText(), doc->baseSha,
        QDateTime::currentDateTimeUtc() });
}

void EditorTabs::discardDraft(const QString &path)
{
    if (m_root.isEmpty())
        return;
    if (const auto done = m_draftWriter->discard(m_root, path); !done)
        m_log->error(tr("Could not remove the draft of %1").arg(path), done.error());
}

bool EditorTabs::restoreDraft(const core::Draft &draft)
{
    if (!openFile(draft.path))
        return false;
    Document *doc = documentAt(indexOf(draft.path));
    if (!draft.baseSha.isEmpty() && draft.baseSha != doc->baseSha)
        m_log->warning(tr("%1 changed on disk after this draft was saved; check the restored "
                          "text before saving.")
                           .arg(draft.path));
    // An edit through the cursor, so Ctrl+Z brings back the file as it is on disk.
    QTextCursor cursor(doc->editor->document());
    cursor.select(QTextCursor::Document);
    cursor.insertText(draft.text);
    if (doc->editor->toPlainText() == QString::fromUtf8(doc->diskBytes))
        doc->editor->document()->setModified(false);
    return true;
}

void EditorTabs::checkDisk()
{
    for (int i = 0; i < count(); ++i) {
        Document *doc = documentAt(i);
        QFile file(m_root + QLatin1Char('/') + doc->path);
        if (!file.exists()) {
            if (!doc->warnedStale)
                m_log->warning(
                    tr("%1 was deleted on disk; saving will create it again.").arg(doc->path));
            doc->warnedStale = true;
            continue;
        }
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QByteArray bytes = file.readAll();
        if (bytes == doc->diskBytes)
            continue;
        if (!doc->editor->document()->isModified()) {
            QString error;
            if (loadInto(doc, &error))
                m_log->info(tr("Reloaded %1: it changed on disk.").arg(doc->path));
        } else if (!doc->warnedStale) {
            doc->warnedStale = true;
            m_log->warning(tr("%1 changed on disk while you have unsaved edits; saving will "
                              "overwrite the file, Revert loads it.")
                               .arg(doc->path));
        }
    }
}

} // namespace psm::ui
