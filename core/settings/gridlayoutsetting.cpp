// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "core/settings/gridlayoutsetting.h"

#include "core/settings/settingsedit.h"
#include "core/settings/workspacesettings.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSaveFile>

namespace psm::core {
namespace {

QString scalar(const QString &value)
{
    // Plain when YAML reads it back as this very string (no "yes", numbers or ": " to
    // misread); double-quoted JSON otherwise, which YAML reads the same.
    static const QRegularExpression kPlain(QStringLiteral("^[A-Za-z][A-Za-z0-9_./@-]*$"));
    static const QStringList kWords { QStringLiteral("true"), QStringLiteral("false"),
        QStringLiteral("null"), QStringLiteral("yes"), QStringLiteral("no"), QStringLiteral("on"),
        QStringLiteral("off"), QStringLiteral("y"), QStringLiteral("n") };
    if (kPlain.match(value).hasMatch() && !kWords.contains(value, Qt::CaseInsensitive))
        return value;
    return QString::fromStdString(nlohmann::json(value.toStdString()).dump());
}

} // namespace

QString gridLayoutYaml(const GridLayoutSetting &layout)
{
    QString out = QStringLiteral("repeats: %1\ncolumns:\n").arg(layout.repeats);
    for (const GridLayoutColumn &c : layout.columns) {
        out += QStringLiteral("  - model: ") + scalar(c.model) + QLatin1Char('\n');
        if (!c.params.empty())
            out += QStringLiteral("    params: ") + QString::fromStdString(c.params.dump())
                + QLatin1Char('\n');
        if (!c.revision.isEmpty())
            out += QStringLiteral("    revision: ") + scalar(c.revision) + QLatin1Char('\n');
    }
    return out;
}

Status saveGridLayout(const QString &workspaceRoot, const GridLayoutSetting &layout)
{
    const QString path = QDir(workspaceRoot).filePath(WorkspaceSettings::fileName());
    QByteArray before;
    QFile file(path);
    if (file.exists()) {
        if (!file.open(QIODevice::ReadOnly))
            return fail(
                ErrorCode::Io, QStringLiteral("Cannot read %1").arg(path), file.errorString());
        before = file.readAll();
        file.close();
    }
    const auto edited = setSettingsEntry(QString::fromUtf8(before), path, QStringLiteral("layouts"),
        layout.name, gridLayoutYaml(layout));
    if (!edited)
        return tl::unexpected(edited.error());
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly) || out.write(edited->toUtf8()) < 0 || !out.commit())
        return fail(ErrorCode::Io, QStringLiteral("Cannot write %1").arg(path), out.errorString());
    return {};
}

} // namespace psm::core
