// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "ui/diff/outputcomparison.h"

#include <QWidget>

#include <memory>

class QLabel;
class QPlainTextEdit;
class QStackedWidget;
class QTabWidget;
class QTableWidget;
class QToolButton;

namespace psm::ui {

// Two model outputs compared word by word, with the characters that changed inside a replaced
// word highlighted more strongly: side by side (the panes scroll together) or inline (Ctrl+I
// toggles), under a summary line of word counts and similarity. When both outputs are JSON a
// "JSON structure" tab lists the changes by JSON Pointer path and is shown first; the word view
// stays one tab away. Texts over 20 K characters are compared on a worker thread while the view
// says "Comparing…". Outputs are untrusted and always shown as plain text. GUI thread.
class OutputDiffView final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OutputDiffView)
public:
    enum class Mode { SideBySide, Inline };

    explicit OutputDiffView(QWidget *parent = nullptr);
    ~OutputDiffView() override;

    void setTexts(const QString &leftTitle, const QString &leftText, const QString &rightTitle,
        const QString &rightText);
    void setMode(Mode mode);
    // Before setTexts: the words of the summary line (a prompt diff compares messages).
    void setComparedTexts(ComparedTexts texts) { m_comparedTexts = texts; }
    Mode mode() const { return m_mode; }

signals:
    // Emitted once the latest setTexts has been compared and shown (tests, dialogs).
    void comparisonShown();

protected:
    void changeEvent(QEvent *event) override; // re-tints the highlights for a new palette

private:
    void fillPanes(); // after a new comparison or palette: the shown mode now, the other later
    void fillShownMode();
    void showComparison(const OutputComparison &comparison);
    void showJson(const OutputComparison &comparison);
    void syncScrolling();

    Mode m_mode = Mode::SideBySide;
    ComparedTexts m_comparedTexts = ComparedTexts::Outputs;
    std::shared_ptr<const OutputComparison> m_shown; // for a re-tint on a palette change
    bool m_sideBySideFilled = false; // the panes hold m_shown as currently tinted
    bool m_inlineFilled = false;
    quint64 m_generation = 0; // drops a worker's result when newer texts were set meanwhile
    QLabel *m_summary = nullptr;
    QToolButton *m_inlineToggle = nullptr;
    QTabWidget *m_tabs = nullptr;
    QStackedWidget *m_wordStack = nullptr;
    QLabel *m_leftTitle = nullptr;
    QLabel *m_rightTitle = nullptr;
    QLabel *m_inlineTitle = nullptr;
    QPlainTextEdit *m_left = nullptr;
    QPlainTextEdit *m_right = nullptr;
    QPlainTextEdit *m_inline = nullptr;
    QLabel *m_jsonNote = nullptr;
    QTableWidget *m_jsonTable = nullptr;
};

} // namespace psm::ui
