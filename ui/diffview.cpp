// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "ui/diffview.h"

#include "ui/themecolors.h"

#include <QEvent>
#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QSplitter>
#include <QStackedWidget>
#include <QTextBlock>
#include <QTextCursor>
#include <QVBoxLayout>

#include <algorithm>

namespace psm::ui {
namespace {

QPlainTextEdit *makePane(const QString &name, QWidget *parent)
{
    auto *pane = new QPlainTextEdit(parent);
    pane->setObjectName(name);
    pane->setReadOnly(true);
    pane->setLineWrapMode(QPlainTextEdit::NoWrap);
    pane->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    pane->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    return pane;
}

QString changeLabel(core::ChangeKind kind)
{
    switch (kind) {
    case core::ChangeKind::Added:
        return DiffView::tr("added");
    case core::ChangeKind::Deleted:
        return DiffView::tr("deleted");
    case core::ChangeKind::Renamed:
        return DiffView::tr("renamed");
    case core::ChangeKind::Untracked:
        return DiffView::tr("untracked");
    case core::ChangeKind::Conflicted:
        return DiffView::tr("conflicted");
    case core::ChangeKind::Modified:
    case core::ChangeKind::Unmodified:
        break;
    }
    return DiffView::tr("modified");
}

// Appends one line to a pane with the block tinted; the first call reuses the empty block.
class PaneWriter {
public:
    explicit PaneWriter(QPlainTextEdit *pane)
        : m_cursor(pane->document())
    {
        pane->clear();
        m_cursor.movePosition(QTextCursor::Start);
    }
    void line(const QString &text, const QBrush &background, const QTextCharFormat &chars = {})
    {
        QTextBlockFormat block;
        block.setBackground(background);
        if (m_first) {
            m_cursor.setBlockFormat(block);
            m_cursor.setBlockCharFormat(chars);
            m_first = false;
        } else {
            m_cursor.insertBlock(block, chars);
        }
        m_cursor.insertText(text, chars);
    }

private:
    QTextCursor m_cursor;
    bool m_first = true;
};

QString number(int n, int width)
{
    return (n > 0 ? QString::number(n) : QString()).rightJustified(width);
}

} // namespace

DiffView::DiffView(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("diffView"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_stack = new QStackedWidget(this);
    layout->addWidget(m_stack);

    m_empty = new QLabel(this);
    m_empty->setObjectName(QStringLiteral("diffEmptyLabel"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setTextFormat(Qt::PlainText); // may quote an error
    m_empty->setForegroundRole(QPalette::PlaceholderText);
    m_stack->addWidget(m_empty);

    m_inline = makePane(QStringLiteral("diffInline"), this);
    m_stack->addWidget(m_inline);

    auto *split = new QSplitter(Qt::Horizontal, this);
    m_left = makePane(QStringLiteral("diffLeft"), split);
    m_right = makePane(QStringLiteral("diffRight"), split);
    split->addWidget(m_left);
    split->addWidget(m_right);
    m_stack->addWidget(split);
    // Rows are aligned, so one scroll position fits both panes.
    connect(m_left->verticalScrollBar(), &QScrollBar::valueChanged, m_right->verticalScrollBar(),
        &QScrollBar::setValue);
    connect(m_right->verticalScrollBar(), &QScrollBar::valueChanged, m_left->verticalScrollBar(),
        &QScrollBar::setValue);

    showMessage(tr("Select a commit to see what it changed."));
}

void DiffView::setDiffs(const QList<core::FileDiff> &diffs)
{
    // The same diff again (a refresh) keeps the view and its scroll position.
    if (m_message.isEmpty() && diffs.size() == m_diffs.size()
        && std::equal(diffs.cbegin(), diffs.cend(), m_diffs.cbegin(),
            [](const core::FileDiff &a, const core::FileDiff &b) {
                return a.patch == b.patch && a.oldPath == b.oldPath && a.newPath == b.newPath
                    && a.hunks.size() == b.hunks.size();
            }))
        return;
    m_diffs = diffs;
    m_message.clear();
    if (m_diffs.isEmpty())
        m_message = tr("No differences.");
    render();
}

void DiffView::showMessage(const QString &message)
{
    m_diffs.clear();
    m_message = message;
    render();
}

void DiffView::setMode(Mode mode)
{
    if (m_mode == mode)
        return;
    m_mode = mode;
    render();
}

QColor DiffView::addedBackground() const
{
    return ThemeColors::background(palette(), ThemeColors::Hue::Green);
}

QColor DiffView::removedBackground() const
{
    return ThemeColors::background(palette(), ThemeColors::Hue::Red);
}

void DiffView::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        render();
}

void DiffView::render()
{
    if (!m_message.isEmpty()) {
        m_empty->setText(m_message);
        m_inline->clear();
        m_left->clear();
        m_right->clear();
        m_stack->setCurrentIndex(0);
        return;
    }
    const QPalette pal = palette();
    const QBrush none(Qt::NoBrush);
    const QBrush added(addedBackground());
    const QBrush removed(removedBackground());
    const QBrush header(ThemeColors::background(pal, ThemeColors::Hue::Blue, 0.10));
    const QBrush filler(
        ThemeColors::blend(pal.color(QPalette::Base), pal.color(QPalette::Mid), 0.25));
    QTextCharFormat fileFormat;
    fileFormat.setFontWeight(QFont::Bold);
    QTextCharFormat hunkFormat;
    hunkFormat.setForeground(ThemeColors::muted(pal));

    int width = 3;
    for (const auto &diff : m_diffs)
        for (const auto &hunk : diff.hunks)
            width = std::max<int>(width,
                QString::number(
                    std::max(hunk.oldStart + hunk.oldLines, hunk.newStart + hunk.newLines))
                    .size());

    auto fileTitle = [](const core::FileDiff &diff) {
        const QString path = diff.newPath.isEmpty() ? diff.oldPath : diff.newPath;
        QString title = path;
        if (diff.change == core::ChangeKind::Renamed && diff.oldPath != diff.newPath)
            title = diff.oldPath + QStringLiteral(" → ") + diff.newPath;
        return title + QStringLiteral("  (") + changeLabel(diff.change) + QLatin1Char(')');
    };

    if (m_mode == Mode::Inline) {
        PaneWriter out(m_inline);
        for (const auto &diff : m_diffs) {
            out.line(fileTitle(diff), header, fileFormat);
            if (diff.binary) {
                out.line(tr("Binary file; no line diff."), none, hunkFormat);
                continue;
            }
            for (const auto &hunk : diff.hunks) {
                out.line(hunk.header, header, hunkFormat);
                for (const auto &line : hunk.lines) {
                    const QString prefix = number(line.oldLine, width) + QLatin1Char(' ')
                        + number(line.newLine, width) + QLatin1Char(' ') + QLatin1Char(line.origin)
                        + QLatin1Char(' ');
                    const QBrush &bg = line.origin == '+' ? added
                        : line.origin == '-'              ? removed
                                                          : none;
                    out.line(prefix + line.text, bg);
                }
            }
        }
        m_stack->setCurrentIndex(1);
        return;
    }

    PaneWriter left(m_left);
    PaneWriter right(m_right);
    auto both = [&](const QString &text, const QBrush &bg, const QTextCharFormat &f) {
        left.line(text, bg, f);
        right.line(text, bg, f);
    };
    for (const auto &diff : m_diffs) {
        both(fileTitle(diff), header, fileFormat);
        if (diff.binary) {
            both(tr("Binary file; no line diff."), none, hunkFormat);
            continue;
        }
        for (const auto &hunk : diff.hunks) {
            both(hunk.header, header, hunkFormat);
            const auto &lines = hunk.lines;
            for (int i = 0; i < lines.size();) {
                if (lines[i].origin != '+' && lines[i].origin != '-') {
                    left.line(
                        number(lines[i].oldLine, width) + QLatin1String("   ") + lines[i].text,
                        none);
                    right.line(
                        number(lines[i].newLine, width) + QLatin1String("   ") + lines[i].text,
                        none);
                    ++i;
                    continue;
                }
                // A change block: the removed lines face the added lines that replace them.
                QList<const core::DiffLine *> gone;
                QList<const core::DiffLine *> came;
                for (; i < lines.size() && (lines[i].origin == '+' || lines[i].origin == '-'); ++i)
                    (lines[i].origin == '-' ? gone : came).append(&lines[i]);
                const int rows = int(std::max(gone.size(), came.size()));
                for (int r = 0; r < rows; ++r) {
                    if (r < gone.size())
                        left.line(
                            number(gone[r]->oldLine, width) + QLatin1String(" - ") + gone[r]->text,
                            removed);
                    else
                        left.line(QString(), filler);
                    if (r < came.size())
                        right.line(
                            number(came[r]->newLine, width) + QLatin1String(" + ") + came[r]->text,
                            added);
                    else
                        right.line(QString(), filler);
                }
            }
        }
    }
    m_stack->setCurrentIndex(2);
}

} // namespace psm::ui
