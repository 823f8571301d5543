// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include <QPlainTextEdit>

namespace psm::ui {

// A plain-text editor with a line-number gutter and current-line tint; knows nothing about files
// (EditorTabs owns load/save). GUI thread.
class CodeEditor final : public QPlainTextEdit {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CodeEditor)
public:
    explicit CodeEditor(QWidget *parent = nullptr);

    int lineNumberAreaWidth() const;
    void paintLineNumbers(QPaintEvent *event);

protected:
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void updateGutterWidth();
    void highlightCurrentLine();

    QWidget *m_gutter = nullptr;
};

} // namespace psm::ui
