// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "core/common/result.h"

#include <QToolButton>

namespace psm::ui {

class GridPanel;

// The grid window's "Layouts" button: "Save Layout as Preset…" writes the column editor's
// columns and repeats under `layouts:` in the workspace's promptsmith.yaml (only that entry's
// lines change, see core::saveGridLayout), and each saved layout can be loaded back into the
// column editor. The menu is rebuilt from the file each time it opens. GUI thread.
class GridLayoutPresets final : public QToolButton {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GridLayoutPresets)

public:
    GridLayoutPresets(GridPanel *panel, QWidget *parent = nullptr);

    // What the menu's actions do, without the name dialog (also for tests).
    core::Status saveLayout(const QString &name);
    core::Status loadLayout(const QString &name);
    QStringList layoutNames() const;

Q_SIGNALS:
    // A one-line outcome for the log or status ("Layout 'x' saved to promptsmith.yaml").
    void message(const QString &text, bool error);

private:
    void rebuildMenu();
    void askAndSave();

    GridPanel *m_panel;
};

} // namespace psm::ui
