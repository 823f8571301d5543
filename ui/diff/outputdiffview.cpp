// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "ui/diff/outputdiffview.h"

#include "ui/diff/outputcomparison.h"
#include "ui/plaintext.h"
#include "ui/themecolors.h"

#include <QEvent>
#include <QFontDatabase>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableWidget>
#include <QTextCursor>
#include <QTextDocument>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <vector>

namespace psm::ui {
namespace {

// Above this many characters (both sides together) the comparison runs on a worker thread: the
// diff of two 100 KB outputs takes tens of milliseconds, too long to freeze the window for.
constexpr qsizetype kWorkerThreshold = 20 * 1024;
// JSON values longer than this are cut in the table cell; the tooltip has the whole value.
constexpr qsizetype kCellValueLimit = 200;

QPlainTextEdit *makePane(const QString &objectName)
{
    auto *pane = new QPlainTextEdit;
    pane->setObjectName(objectName);
    pane->setReadOnly(true);
    pane->setUndoRedoEnabled(false);
    pane->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    return pane;
}

QLabel *makeTitle()
{
    auto *label = new QLabel;
    label->setTextFormat(Qt::PlainText);
    QFont font = label->font();
    font.setBold(true);
    label->setFont(font);
    return label;
}

QTextCharFormat spanFormat(const QPalette &palette, DiffSpanKind kind, bool strikeRemoved)
{
    QTextCharFormat format;
    const bool removed
        = kind == DiffSpanKind::RemovedWord || kind == DiffSpanKind::RemovedCharacters;
    const bool characters
        = kind == DiffSpanKind::RemovedCharacters || kind == DiffSpanKind::AddedCharacters;
    const auto hue = removed ? ThemeColors::Hue::Red : ThemeColors::Hue::Green;
    format.setBackground(ThemeColors::background(palette, hue, characters ? 0.50 : 0.20));
    if (removed && strikeRemoved)
        format.setFontStrikeOut(true);
    // Marks the range for tests and accessibility tools that read the document's formats.
    format.setProperty(QTextFormat::UserProperty, int(kind));
    return format;
}

// Plain text only: insertText never interprets markup, and the highlights are char formats.
// The text goes in run by run with its format, not as setPlainText plus a merge per span: with
// thousands of highlights in a 100 KB output that is several times faster on the GUI thread.
// `palette` is the view's: on a palette change the view hears of it before its panes do.
void fill(
    QPlainTextEdit *pane, const DiffPaneText &text, const QPalette &palette, bool strikeRemoved)
{
    // Each character's highlight; character spans lie inside word spans and come after them,
    // so the stronger tint wins.
    std::vector<quint8> kinds(size_t(text.text.size()), 0);
    for (const DiffSpan &span : text.spans)
        std::fill_n(kinds.begin() + span.start, span.length, quint8(span.kind));
    QTextCharFormat formats[5];
    for (int kind = 1; kind <= 4; ++kind)
        formats[kind] = spanFormat(palette, DiffSpanKind(kind), strikeRemoved);

    pane->clear();
    QTextCursor cursor(pane->document());
    cursor.beginEditBlock();
    qsizetype start = 0;
    for (qsizetype i = 1; i <= text.text.size(); ++i) {
        if (i < text.text.size() && kinds[size_t(i)] == kinds[size_t(start)])
            continue;
        cursor.insertText(text.text.mid(start, i - start), formats[kinds[size_t(start)]]);
        start = i;
    }
    cursor.endEditBlock();
    pane->moveCursor(QTextCursor::Start);
}

QString jsonText(const nlohmann::json &value)
{
    return QString::fromStdString(
        value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

QTableWidgetItem *valueItem(const QString &text)
{
    auto *item = new QTableWidgetItem(
        text.size() > kCellValueLimit ? text.left(kCellValueLimit) + QStringLiteral("…") : text);
    item->setToolTip(plainToolTip(text));
    return item;
}

QString kindText(core::JsonChangeKind kind)
{
    switch (kind) {
    case core::JsonChangeKind::Added:
        return OutputDiffView::tr("added");
    case core::JsonChangeKind::Removed:
        return OutputDiffView::tr("removed");
    case core::JsonChangeKind::Changed:
        return OutputDiffView::tr("changed");
    case core::JsonChangeKind::TypeChanged:
        return OutputDiffView::tr("type changed");
    }
    return {};
}

} // namespace

OutputDiffView::OutputDiffView(QWidget *parent)
    : QWidget(parent)
{
    m_summary = new QLabel;
    m_summary->setObjectName(QStringLiteral("summary"));
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setWordWrap(true);

    m_inlineToggle = new QToolButton;
    m_inlineToggle->setObjectName(QStringLiteral("inlineToggle"));
    m_inlineToggle->setText(tr("Inline"));
    m_inlineToggle->setCheckable(true);
    m_inlineToggle->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    m_inlineToggle->setToolTip(
        tr("Show the changes inline instead of side by side (%1)")
            .arg(m_inlineToggle->shortcut().toString(QKeySequence::NativeText)));
    connect(m_inlineToggle, &QToolButton::toggled, this,
        [this](bool on) { setMode(on ? Mode::Inline : Mode::SideBySide); });

    auto *header = new QHBoxLayout;
    header->addWidget(m_summary, 1);
    header->addWidget(m_inlineToggle);

    m_leftTitle = makeTitle();
    m_rightTitle = makeTitle();
    m_inlineTitle = makeTitle();
    m_left = makePane(QStringLiteral("leftPane"));
    m_right = makePane(QStringLiteral("rightPane"));
    m_inline = makePane(QStringLiteral("inlinePane"));

    auto *sideBySide = new QWidget;
    auto *columns = new QHBoxLayout(sideBySide);
    columns->setContentsMargins(0, 0, 0, 0);
    for (auto [title, pane] :
        { std::pair { m_leftTitle, m_left }, std::pair { m_rightTitle, m_right } }) {
        auto *column = new QVBoxLayout;
        column->addWidget(title);
        column->addWidget(pane, 1);
        columns->addLayout(column, 1);
    }
    auto *inlinePage = new QWidget;
    auto *inlineLayout = new QVBoxLayout(inlinePage);
    inlineLayout->setContentsMargins(0, 0, 0, 0);
    inlineLayout->addWidget(m_inlineTitle);
    inlineLayout->addWidget(m_inline, 1);

    m_wordStack = new QStackedWidget;
    m_wordStack->addWidget(sideBySide);
    m_wordStack->addWidget(inlinePage);

    auto *jsonPage = new QWidget;
    auto *jsonLayout = new QVBoxLayout(jsonPage);
    jsonLayout->setContentsMargins(0, 0, 0, 0);
    m_jsonNote = new QLabel;
    m_jsonNote->setObjectName(QStringLiteral("jsonNote"));
    m_jsonNote->setTextFormat(Qt::PlainText);
    m_jsonTable = new QTableWidget(0, 4);
    m_jsonTable->setObjectName(QStringLiteral("jsonChanges"));
    m_jsonTable->setHorizontalHeaderLabels({ tr("Path"), tr("Change"), tr("Old"), tr("New") });
    m_jsonTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_jsonTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_jsonTable->verticalHeader()->hide();
    m_jsonTable->horizontalHeader()->setStretchLastSection(true);
    jsonLayout->addWidget(m_jsonNote);
    jsonLayout->addWidget(m_jsonTable, 1);

    m_tabs = new QTabWidget;
    m_tabs->setObjectName(QStringLiteral("tabs"));
    m_tabs->addTab(m_wordStack, tr("Words"));
    m_tabs->addTab(jsonPage, tr("JSON structure"));
    m_tabs->setTabVisible(1, false);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(m_tabs, 1);

    syncScrolling();
}

OutputDiffView::~OutputDiffView() = default;

void OutputDiffView::syncScrolling()
{
    // The panes hold different texts, so they keep the same scroll value rather than the same
    // line; guarded so the echo from the other pane does not loop.
    const auto link = [this](QScrollBar *from, QScrollBar *to) {
        connect(from, &QScrollBar::valueChanged, this, [from, to] {
            if (to->value() != from->value())
                to->setValue(from->value());
        });
    };
    link(m_left->verticalScrollBar(), m_right->verticalScrollBar());
    link(m_right->verticalScrollBar(), m_left->verticalScrollBar());
    link(m_left->horizontalScrollBar(), m_right->horizontalScrollBar());
    link(m_right->horizontalScrollBar(), m_left->horizontalScrollBar());
}

void OutputDiffView::setTexts(const QString &leftTitle, const QString &leftText,
    const QString &rightTitle, const QString &rightText)
{
    const quint64 generation = ++m_generation;
    m_leftTitle->setText(leftTitle);
    m_rightTitle->setText(rightTitle);
    m_inlineTitle->setText(tr("%1 → %2").arg(leftTitle, rightTitle));

    if (leftText.size() + rightText.size() <= kWorkerThreshold) {
        showComparison(compareOutputs(leftText, rightText));
        return;
    }
    m_summary->setText(tr("Comparing…"));
    m_shown.reset();
    for (QPlainTextEdit *pane : { m_left, m_right, m_inline })
        pane->clear();
    m_sideBySideFilled = false;
    m_inlineFilled = false;
    m_tabs->setTabVisible(1, false);
    auto *watcher = new QFutureWatcher<OutputComparison>(this);
    connect(
        watcher, &QFutureWatcher<OutputComparison>::finished, this, [this, watcher, generation] {
            watcher->deleteLater();
            if (generation == m_generation)
                showComparison(watcher->result());
        });
    // The worker gets copies, so it may outlive this view; its result is then dropped with the
    // watcher.
    watcher->setFuture(QtConcurrent::run(compareOutputs, leftText, rightText));
}

void OutputDiffView::showComparison(const OutputComparison &comparison)
{
    m_summary->setText(comparisonSummary(comparison, m_comparedTexts));
    m_shown = std::make_shared<const OutputComparison>(comparison);
    fillPanes();
    showJson(comparison);
    emit comparisonShown();
}

void OutputDiffView::fillPanes()
{
    m_sideBySideFilled = false;
    m_inlineFilled = false;
    fillShownMode();
}

// Only the mode on screen is filled: a hidden pane full of highlighted text costs the GUI thread
// as much as a visible one (tens of ms for long outputs), and most comparisons are looked at in
// one mode. The other is filled when the user switches to it.
void OutputDiffView::fillShownMode()
{
    if (!m_shown)
        return;
    if (m_mode == Mode::SideBySide && !m_sideBySideFilled) {
        fill(m_left, m_shown->left, palette(), false);
        fill(m_right, m_shown->right, palette(), false);
        m_sideBySideFilled = true;
    } else if (m_mode == Mode::Inline && !m_inlineFilled) {
        fill(m_inline, m_shown->inlined, palette(), true);
        m_inlineFilled = true;
    }
}

void OutputDiffView::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        fillPanes();
}

void OutputDiffView::showJson(const OutputComparison &comparison)
{
    m_jsonTable->setRowCount(0);
    if (!comparison.jsonChanges) {
        m_tabs->setTabVisible(1, false);
        m_tabs->setCurrentIndex(0);
        return;
    }
    const QList<core::JsonChange> &changes = *comparison.jsonChanges;
    m_jsonNote->setText(changes.isEmpty()
            ? tr("Both outputs hold the same JSON value; only formatting or key order differs.")
            : tr("Structural changes by JSON Pointer path: %1").arg(changes.size()));
    m_jsonTable->setRowCount(int(changes.size()));
    for (int row = 0; row < changes.size(); ++row) {
        const core::JsonChange &change = changes[row];
        m_jsonTable->setItem(row, 0,
            new QTableWidgetItem(change.path.isEmpty() ? QStringLiteral("(root)") : change.path));
        m_jsonTable->setItem(row, 1, new QTableWidgetItem(kindText(change.kind)));
        // A JSON null is a value too; only the side that has no value at all stays blank.
        const bool hasOld = change.kind != core::JsonChangeKind::Added;
        const bool hasNew = change.kind != core::JsonChangeKind::Removed;
        m_jsonTable->setItem(row, 2, valueItem(hasOld ? jsonText(change.oldValue) : QString()));
        m_jsonTable->setItem(row, 3, valueItem(hasNew ? jsonText(change.newValue) : QString()));
    }
    m_jsonTable->resizeColumnsToContents();
    m_tabs->setTabVisible(1, true);
    m_tabs->setCurrentIndex(1);
}

void OutputDiffView::setMode(Mode mode)
{
    m_mode = mode;
    fillShownMode();
    m_wordStack->setCurrentIndex(mode == Mode::Inline ? 1 : 0);
    const QSignalBlocker block(m_inlineToggle);
    m_inlineToggle->setChecked(mode == Mode::Inline);
}

} // namespace psm::ui
