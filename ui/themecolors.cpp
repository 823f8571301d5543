// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "ui/themecolors.h"

namespace psm::ui {
namespace {

int hueDegrees(ThemeColors::Hue hue)
{
    switch (hue) {
    case ThemeColors::Hue::Red:
        return 0;
    case ThemeColors::Hue::Green:
        return 120;
    case ThemeColors::Hue::Blue:
        return 215;
    case ThemeColors::Hue::Orange:
        return 30;
    case ThemeColors::Hue::Purple:
        return 285;
    case ThemeColors::Hue::Teal:
        return 180;
    }
    return 0;
}

} // namespace

bool ThemeColors::isDark(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightnessF() < 0.5;
}

QColor ThemeColors::foreground(const QPalette &palette, Hue hue)
{
    // Light themes get dark saturated ink, dark themes pale ink: both keep ~4.5:1 on Base.
    const bool dark = isDark(palette);
    return QColor::fromHsl(hueDegrees(hue), dark ? 170 : 200, dark ? 170 : 85);
}

QColor ThemeColors::background(const QPalette &palette, Hue hue, qreal strength)
{
    const QColor base = palette.color(QPalette::Base);
    const QColor tint = QColor::fromHsl(hueDegrees(hue), 200, isDark(palette) ? 110 : 140);
    return blend(base, tint, strength);
}

QColor ThemeColors::muted(const QPalette &palette)
{
    return blend(palette.color(QPalette::Text), palette.color(QPalette::Base), 0.45);
}

QColor ThemeColors::blend(const QColor &a, const QColor &b, qreal t)
{
    const QColor x = a.toRgb();
    const QColor y = b.toRgb();
    return QColor::fromRgbF(float(x.redF() + (y.redF() - x.redF()) * t),
        float(x.greenF() + (y.greenF() - x.greenF()) * t),
        float(x.blueF() + (y.blueF() - x.blueF()) * t));
}

} // namespace psm::ui
