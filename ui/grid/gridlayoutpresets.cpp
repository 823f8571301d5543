// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "ui/grid/gridlayoutpresets.h"

#include "core/settings/gridlayoutsetting.h"
#include "core/settings/workspacesettings.h"
#include "run/runengine.h"
#include "ui/grid/gridpanel.h"

#include <QInputDialog>
#include <QMenu>

namespace psm::ui {
namespace {

// "key=value; key=value" as the column editor shows it; values as JSON, which the editor's
// parser (RunEngine::parseConfigAssignment) reads back as the same typed value.
QString parametersText(const nlohmann::ordered_json &params)
{
    QStringList parts;
    for (auto it = params.begin(); it != params.end(); ++it)
        parts << QString::fromStdString(it.key()) + QLatin1Char('=')
                + QString::fromStdString(it.value().dump());
    return parts.join(QStringLiteral("; "));
}

} // namespace

GridLayoutPresets::GridLayoutPresets(GridPanel *panel, QWidget *parent)
    : QToolButton(parent)
    , m_panel(panel)
{
    setObjectName(QStringLiteral("gridLayouts"));
    setText(tr("Layouts"));
    setToolTip(tr("Save the columns and repeats as a layout in promptsmith.yaml, or load one"));
    setPopupMode(QToolButton::InstantPopup);
    setMenu(new QMenu(this));
    connect(menu(), &QMenu::aboutToShow, this, &GridLayoutPresets::rebuildMenu);
    rebuildMenu();
}

QStringList GridLayoutPresets::layoutNames() const
{
    QStringList names;
    if (m_panel->workspaceRoot().isEmpty())
        return names;
    const auto settings = core::WorkspaceSettings::load(m_panel->workspaceRoot());
    for (const core::GridLayoutSetting &l : settings.layouts())
        names << l.name;
    return names;
}

void GridLayoutPresets::rebuildMenu()
{
    menu()->clear();
    QAction *save
        = menu()->addAction(tr("Save Layout as Preset…"), this, &GridLayoutPresets::askAndSave);
    save->setObjectName(QStringLiteral("saveLayoutAsPreset"));
    save->setEnabled(!m_panel->workspaceRoot().isEmpty());
    const QStringList names = layoutNames();
    if (!names.isEmpty())
        menu()->addSeparator();
    for (const QString &name : names)
        menu()->addAction(tr("Load “%1”").arg(name), this, [this, name] { loadLayout(name); });
}

void GridLayoutPresets::askAndSave()
{
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("Save Layout as Preset"),
        tr("Name of the layout in promptsmith.yaml (an existing one is replaced):"),
        QLineEdit::Normal, QString(), &ok)
                             .trimmed();
    if (ok && !name.isEmpty())
        saveLayout(name);
}

core::Status GridLayoutPresets::saveLayout(const QString &name)
{
    core::GridLayoutSetting layout;
    layout.name = name;
    layout.repeats = m_panel->repeats();
    for (const QStringList &texts : m_panel->columnTexts()) {
        core::GridLayoutColumn column;
        column.model = texts.value(0);
        for (const QString &part : texts.value(1).split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
            if (part.trimmed().isEmpty())
                continue;
            auto kv = run::RunEngine::parseConfigAssignment(part.trimmed());
            if (!kv) {
                emit message(kv.error().toString(), true);
                return tl::unexpected(kv.error());
            }
            column.params[kv->first.toStdString()] = kv->second;
        }
        column.revision = texts.value(2);
        layout.columns.push_back(std::move(column));
    }
    if (layout.columns.empty()) {
        const auto e = core::fail(core::ErrorCode::InvalidInput,
            tr("Add a column first: a layout is the grid's columns."));
        emit message(e.value().message, true);
        return e;
    }
    const core::Status saved = core::saveGridLayout(m_panel->workspaceRoot(), layout);
    if (!saved)
        emit message(saved.error().toString(), true);
    else
        emit message(tr("Layout “%1” saved to promptsmith.yaml.").arg(name), false);
    return saved;
}

core::Status GridLayoutPresets::loadLayout(const QString &name)
{
    const auto settings = core::WorkspaceSettings::load(m_panel->workspaceRoot());
    for (const core::GridLayoutSetting &l : settings.layouts()) {
        if (l.name != name)
            continue;
        m_panel->clearColumns();
        for (const core::GridLayoutColumn &c : l.columns)
            m_panel->addColumn(c.model, parametersText(c.params), c.revision);
        m_panel->setRepeats(l.repeats);
        emit message(tr("Layout “%1” loaded.").arg(name), false);
        return {};
    }
    const core::Error e
        = settings.sectionError(core::WorkspaceSettings::Section::Layouts)
              .value_or(core::Error { core::ErrorCode::NotFound,
                  tr("No layout “%1” in promptsmith.yaml").arg(name), {}, {}, 0, 0 });
    emit message(e.toString(), true);
    return tl::unexpected(e);
}

} // namespace psm::ui
