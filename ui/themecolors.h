// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include <QColor>
#include <QPalette>

namespace psm::ui {

// Colours for syntax, diff and change markers, derived from the current palette so they read on
// light and dark themes alike: a hue is placed at a lightness that contrasts with the Base role.
// Stateless; called from the GUI thread by the highlighter, the diff view and the tree.
class ThemeColors final {
public:
    enum class Hue { Red, Green, Blue, Orange, Purple, Teal };

    static bool isDark(const QPalette &palette);
    // A foreground colour of `hue` readable on palette's Base.
    static QColor foreground(const QPalette &palette, Hue hue);
    // A faint background tint of `hue` over palette's Base (diff lines).
    static QColor background(const QPalette &palette, Hue hue, qreal strength = 0.18);
    // Text colour halfway to the background: comments, line numbers.
    static QColor muted(const QPalette &palette);
    static QColor blend(const QColor &a, const QColor &b, qreal t);
};

} // namespace psm::ui
