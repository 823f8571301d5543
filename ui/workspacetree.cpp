// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "ui/workspacetree.h"

#include "ui/plaintext.h"
#include "ui/themecolors.h"

#include <QEvent>
#include <QHeaderView>
#include <QSet>

#include <optional>

namespace psm::ui {
namespace {

using core::ChangeKind;
using core::FileKind;

QString marker(ChangeKind kind)
{
    switch (kind) {
    case ChangeKind::Unmodified:
        return {};
    case ChangeKind::Untracked:
        return QStringLiteral("U");
    case ChangeKind::Added:
        return QStringLiteral("A");
    case ChangeKind::Modified:
        return QStringLiteral("M");
    case ChangeKind::Deleted:
        return QStringLiteral("D");
    case ChangeKind::Renamed:
        return QStringLiteral("R");
    case ChangeKind::Conflicted:
        return QStringLiteral("C");
    }
    return {};
}

QString markerTip(ChangeKind kind)
{
    switch (kind) {
    case ChangeKind::Unmodified:
        return {};
    case ChangeKind::Untracked:
        return WorkspaceTree::tr("New file, not yet committed");
    case ChangeKind::Added:
        return WorkspaceTree::tr("Added");
    case ChangeKind::Modified:
        return WorkspaceTree::tr("Changed since the last commit");
    case ChangeKind::Deleted:
        return WorkspaceTree::tr("Deleted since the last commit");
    case ChangeKind::Renamed:
        return WorkspaceTree::tr("Renamed");
    case ChangeKind::Conflicted:
        return WorkspaceTree::tr("Merge conflict");
    }
    return {};
}

ThemeColors::Hue markerHue(ChangeKind kind)
{
    switch (kind) {
    case ChangeKind::Untracked:
    case ChangeKind::Added:
        return ThemeColors::Hue::Green;
    case ChangeKind::Deleted:
    case ChangeKind::Conflicted:
        return ThemeColors::Hue::Red;
    default:
        return ThemeColors::Hue::Orange;
    }
}

// Deleted files are gone from listFiles(); their kind is guessed from the path so they still
// show (struck out) in the group they belonged to.
std::optional<FileKind> kindFromPath(const QString &path)
{
    const QString name = path.section(QLatin1Char('/'), -1);
    if (path == QLatin1String("promptsmith.yaml"))
        return FileKind::Settings;
    if (name.endsWith(QLatin1String(".prompt")))
        return name.startsWith(QLatin1Char('_')) ? FileKind::Partial : FileKind::Prompt;
    if (path.startsWith(QLatin1String("evals/"))
        && (name.endsWith(QLatin1String(".yaml")) || name.endsWith(QLatin1String(".yml"))))
        return FileKind::EvalSet;
    return std::nullopt;
}

QString displayName(const QString &path, FileKind kind)
{
    const QString prefix
        = kind == FileKind::EvalSet ? QStringLiteral("evals/") : QStringLiteral("prompts/");
    if (kind != FileKind::Settings && path.startsWith(prefix))
        return path.mid(prefix.size());
    return path;
}

} // namespace

WorkspaceTree::WorkspaceTree(QWidget *parent)
    : QTreeWidget(parent)
{
    setObjectName(QStringLiteral("workspaceTree"));
    setColumnCount(2);
    setHeaderHidden(true);
    header()->setStretchLastSection(false);
    header()->setSectionResizeMode(0, QHeaderView::Stretch);
    header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    setUniformRowHeights(true);
    setAnimated(false);
    auto open = [this](QTreeWidgetItem *item) {
        if (!item)
            return;
        const QString path = item->data(0, kPathRole).toString();
        if (!path.isEmpty() && !item->font(0).strikeOut())
            Q_EMIT fileActivated(path);
    };
    connect(this, &QTreeWidget::itemActivated, this,
        [open](QTreeWidgetItem *item, int) { open(item); });
    connect(
        this, &QTreeWidget::itemClicked, this, [open](QTreeWidgetItem *item, int) { open(item); });
}

void WorkspaceTree::setFiles(const QList<core::WorkspaceFile> &files)
{
    m_files = files;
    m_placeholder.clear();
    rebuild();
}

void WorkspaceTree::setStatus(const QList<core::FileStatus> &status)
{
    m_status = status;
    rebuild();
}

void WorkspaceTree::clearWorkspace(const QString &placeholder)
{
    m_files.clear();
    m_status.clear();
    m_placeholder = placeholder;
    rebuild();
}

QString WorkspaceTree::markerFor(const QString &path) const
{
    for (const auto &s : m_status)
        if (s.path == path)
            return marker(s.change);
    return {};
}

QTreeWidgetItem *WorkspaceTree::itemForPath(const QString &path) const
{
    for (int g = 0; g < topLevelItemCount(); ++g) {
        QTreeWidgetItem *group = topLevelItem(g);
        for (int i = 0; i < group->childCount(); ++i)
            if (group->child(i)->data(0, kPathRole).toString() == path)
                return group->child(i);
    }
    return nullptr;
}

void WorkspaceTree::selectPath(const QString &path)
{
    if (QTreeWidgetItem *item = itemForPath(path)) {
        const QSignalBlocker blocker(this);
        setCurrentItem(item);
        scrollToItem(item);
    }
}

void WorkspaceTree::changeEvent(QEvent *event)
{
    QTreeWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        rebuild();
}

void WorkspaceTree::rebuild()
{
    const QString current
        = currentItem() ? currentItem()->data(0, kPathRole).toString() : QString();
    const QSignalBlocker blocker(this);
    clear();
    if (!m_placeholder.isEmpty()) {
        auto *item = new QTreeWidgetItem(this, { m_placeholder });
        item->setFlags(Qt::NoItemFlags);
        return;
    }
    struct Group {
        FileKind kind;
        QString title;
        QTreeWidgetItem *item = nullptr;
    };
    Group groups[] = { { FileKind::Prompt, tr("Prompts") }, { FileKind::Partial, tr("Partials") },
        { FileKind::EvalSet, tr("Eval sets") }, { FileKind::Settings, tr("Settings") } };
    QFont groupFont = font();
    groupFont.setBold(true);
    for (auto &group : groups) {
        group.item = new QTreeWidgetItem(this, { group.title });
        group.item->setFlags(Qt::ItemIsEnabled);
        group.item->setFont(0, groupFont);
    }
    auto groupFor = [&](FileKind kind) {
        for (auto &group : groups)
            if (group.kind == kind)
                return group.item;
        return groups[0].item;
    };
    QHash<QString, const core::FileStatus *> statusByPath;
    for (const auto &s : m_status)
        statusByPath.insert(s.path, &s);

    auto addItem = [&](const QString &path, FileKind kind, bool deleted) {
        auto *item = new QTreeWidgetItem(groupFor(kind), { displayName(path, kind) });
        item->setData(0, kPathRole, path);
        item->setToolTip(0, plainToolTip(path));
        if (const auto *s = statusByPath.value(path)) {
            item->setText(1, marker(s->change));
            item->setToolTip(1, markerTip(s->change));
            item->setForeground(1, ThemeColors::foreground(palette(), markerHue(s->change)));
            item->setForeground(0, ThemeColors::foreground(palette(), markerHue(s->change)));
        }
        if (deleted) {
            QFont f = font();
            f.setStrikeOut(true);
            item->setFont(0, f);
        }
    };
    QSet<QString> listed;
    for (const auto &file : m_files) {
        addItem(file.path, file.kind, false);
        listed.insert(file.path);
    }
    for (const auto &s : m_status) {
        if (s.change == ChangeKind::Deleted && !listed.contains(s.path))
            if (const auto kind = kindFromPath(s.path))
                addItem(s.path, *kind, true);
    }
    for (auto &group : groups) {
        group.item->sortChildren(0, Qt::AscendingOrder);
        const int n = group.item->childCount();
        group.item->setText(1, n ? QString::number(n) : QString());
        group.item->setForeground(1, ThemeColors::muted(palette()));
        if (n == 0) {
            auto *hint = new QTreeWidgetItem(group.item, { tr("(none)") });
            hint->setFlags(Qt::NoItemFlags);
        }
    }
    expandAll();
    if (QTreeWidgetItem *item = itemForPath(current))
        setCurrentItem(item);
}

} // namespace psm::ui
