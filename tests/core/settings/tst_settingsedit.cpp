// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// Saving a grid layout into promptsmith.yaml by splicing text: only the layout's lines change,
// comments and other keys stay byte for byte, and a file we cannot edit is left untouched.
#include "core/settings/gridlayoutsetting.h"
#include "core/settings/settingsedit.h"
#include "core/settings/workspacesettings.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace psm::core;

namespace {

const QString kFile = QStringLiteral("promptsmith.yaml");

// Comments everywhere, odd spacing, a flow mapping elsewhere, and two saved layouts.
const char *const kCommented = "# Workspace settings   (keep this header)\n"
                               "providers:\n"
                               "  local: {type: openai, base_url: \"http://127.0.0.1:1/v1\"}   # a "
                               "flow mapping stays as is\n"
                               "\n"
                               "# Saved grids.\n"
                               "layouts:\n"
                               "    # the team's default\n"
                               "    triage:\n"
                               "        repeats: 2\n"
                               "        columns:\n"
                               "          - model: local/a   # first\n"
                               "    old:\n"
                               "        repeats: 1\n"
                               "        columns: [{model: local/b}]\n"
                               "\n"
                               "# Budgets follow.\n"
                               "budgets:\n"
                               "  per_run_usd: 0.5\n";

GridLayoutSetting sampleLayout(const QString &name)
{
    GridLayoutSetting layout;
    layout.name = name;
    layout.repeats = 3;
    layout.columns.push_back({ QStringLiteral("local/gpt-x"),
        nlohmann::ordered_json { { "temperature", 0.2 }, { "stop", { "END" } } },
        QStringLiteral("HEAD") });
    layout.columns.push_back({ QStringLiteral("local/yes"), nlohmann::ordered_json::object(), {} });
    return layout;
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<unreadable>");
}

} // namespace

class TstSettingsEdit final : public QObject {
    Q_OBJECT

private slots:
    void replacesOnlyTheLayoutsLines()
    {
        const auto layout = sampleLayout(QStringLiteral("triage"));
        const auto edited = setSettingsEntry(QString::fromUtf8(kCommented), kFile,
            QStringLiteral("layouts"), layout.name, gridLayoutYaml(layout));
        QVERIFY2(edited, qPrintable(edited ? QString() : edited.error().toString()));
        // Written by hand: the entry's lines replaced at its own indentation; the comment that
        // introduces it, the other entry, the other sections and every comment kept.
        const QString expected
            = QString::fromUtf8("# Workspace settings   (keep this header)\n"
                                "providers:\n"
                                "  local: {type: openai, base_url: \"http://127.0.0.1:1/v1\"}   # "
                                "a flow mapping stays as is\n"
                                "\n"
                                "# Saved grids.\n"
                                "layouts:\n"
                                "    # the team's default\n"
                                "    triage:\n"
                                "      repeats: 3\n"
                                "      columns:\n"
                                "        - model: local/gpt-x\n"
                                "          params: {\"temperature\":0.2,\"stop\":[\"END\"]}\n"
                                "          revision: HEAD\n"
                                "        - model: local/yes\n"
                                "    old:\n"
                                "        repeats: 1\n"
                                "        columns: [{model: local/b}]\n"
                                "\n"
                                "# Budgets follow.\n"
                                "budgets:\n"
                                "  per_run_usd: 0.5\n");
        QCOMPARE(*edited, expected);

        const auto settings = WorkspaceSettings::parse(edited->toUtf8(), kFile);
        QVERIFY2(settings.errors().empty(), qPrintable(settings.messages().join('\n')));
        QCOMPARE(settings.layouts().size(), size_t(2));
        const GridLayoutSetting &read = settings.layouts().front();
        QCOMPARE(read.name, QStringLiteral("triage"));
        QCOMPARE(read.repeats, 3);
        QCOMPARE(read.columns.size(), size_t(2));
        QVERIFY(read.columns[0].params == layout.columns[0].params);
        QCOMPARE(read.columns[0].revision, QStringLiteral("HEAD"));
        QCOMPARE(read.columns[1].model, QStringLiteral("local/yes"));
        QVERIFY(read.columns[1].revision.isEmpty());
        QCOMPARE(settings.budgets().perRunUsd.value_or(0), 0.5);
    }

    void addsANewLayoutAtTheEndOfItsSection()
    {
        const auto layout = sampleLayout(QStringLiteral("new one"));
        const auto edited = setSettingsEntry(QString::fromUtf8(kCommented), kFile,
            QStringLiteral("layouts"), layout.name, gridLayoutYaml(layout));
        QVERIFY(edited);
        const QString original = QString::fromUtf8(kCommented);
        const QString before = original.left(original.indexOf(QLatin1String("\n\n# Budgets")));
        const QString after = original.mid(original.indexOf(QLatin1String("\n\n# Budgets")));
        QCOMPARE(*edited,
            before + QStringLiteral("\n    new one:\n") + QStringLiteral("      repeats: 3\n")
                + QStringLiteral("      columns:\n        - model: local/gpt-x\n")
                + QStringLiteral("          params: {\"temperature\":0.2,\"stop\":[\"END\"]}\n")
                + QStringLiteral("          revision: HEAD\n")
                + QStringLiteral("        - model: local/yes") + after);
        const auto settings = WorkspaceSettings::parse(edited->toUtf8(), kFile);
        QCOMPARE(settings.layouts().size(), size_t(3));
        QCOMPARE(settings.layouts().back().name, QStringLiteral("new one"));
    }

    void addsTheSectionWhenMissing()
    {
        const QString text = QStringLiteral("# only a comment\nbudgets: {per_run_usd: 1}");
        const auto layout = sampleLayout(QStringLiteral("first"));
        const auto edited = setSettingsEntry(
            text, kFile, QStringLiteral("layouts"), layout.name, gridLayoutYaml(layout));
        QVERIFY(edited);
        QVERIFY(
            edited->startsWith(text + QStringLiteral("\n\nlayouts:\n  first:\n    repeats: 3\n")));
        const auto settings = WorkspaceSettings::parse(edited->toUtf8(), kFile);
        QVERIFY(settings.errors().empty());
        QCOMPARE(settings.layouts().size(), size_t(1));
        QCOMPARE(settings.budgets().perRunUsd.value_or(0), 1.0);

        const auto fromNothing = setSettingsEntry(
            QString(), kFile, QStringLiteral("layouts"), layout.name, gridLayoutYaml(layout));
        QVERIFY(fromNothing);
        QVERIFY(fromNothing->startsWith(QStringLiteral("layouts:\n  first:\n")));
    }

    void refusesWhatItCannotSplice_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("says");
        QTest::newRow("invalid yaml") << QStringLiteral("providers:\n  a: [1, 2\nlayouts:\n") << 3
                                      << QStringLiteral("not valid YAML");
        QTest::newRow("flow layouts")
            << QStringLiteral("budgets: {}\nlayouts: {a: {columns: []}}\n") << 2
            << QStringLiteral("flow mapping");
        QTest::newRow("layouts a list")
            << QStringLiteral("layouts:\n  - a\n") << 2 << QStringLiteral("must be a mapping");
        QTest::newRow("not a mapping")
            << QStringLiteral("- just\n- a list\n") << 1 << QStringLiteral("must be a mapping");
    }
    void refusesWhatItCannotSplice()
    {
        QFETCH(QString, text);
        QFETCH(int, line);
        QFETCH(QString, says);
        const auto layout = sampleLayout(QStringLiteral("x"));
        const auto edited = setSettingsEntry(
            text, kFile, QStringLiteral("layouts"), layout.name, gridLayoutYaml(layout));
        QVERIFY(!edited);
        QCOMPARE(edited.error().file, kFile);
        QCOMPARE(edited.error().line, line);
        QVERIFY(edited.error().column > 0);
        QVERIFY2(edited.error().message.contains(says), qPrintable(edited.error().toString()));
    }

    void savedToTheFileOrLeftUntouched()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(kFile);
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(kCommented);
        }
        QVERIFY(saveGridLayout(dir.path(), sampleLayout(QStringLiteral("old"))));
        const QByteArray saved = readAll(path);
        QVERIFY(saved.startsWith(
            QByteArray(kCommented).left(QByteArray(kCommented).indexOf("    old:"))));
        QVERIFY(saved.endsWith("# Budgets follow.\nbudgets:\n  per_run_usd: 0.5\n"));
        QCOMPARE(WorkspaceSettings::load(dir.path()).layouts().size(), size_t(2));

        const QByteArray broken = "# mine\nproviders:\n  a: [1, 2\n";
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write(broken);
        }
        const auto status = saveGridLayout(dir.path(), sampleLayout(QStringLiteral("x")));
        QVERIFY(!status);
        QVERIFY2(status.error().toString().contains(path + QStringLiteral(":4:")),
            qPrintable(status.error().toString()));
        QCOMPARE(readAll(path), broken);
    }

    void badLayoutIsASectionError()
    {
        const auto settings = WorkspaceSettings::parse(
            "layouts:\n  a:\n    repeats: 0\n    columns: []\nbudgets: {per_run_usd: 2}\n", kFile);
        const auto error = settings.sectionError(WorkspaceSettings::Section::Layouts);
        QVERIFY(error);
        QCOMPARE(error->line, 3);
        QVERIFY(settings.layouts().empty());
        QCOMPARE(settings.budgets().perRunUsd.value_or(0), 2.0); // the other sections serve
    }
};

QTEST_GUILESS_MAIN(TstSettingsEdit)
#include "tst_settingsedit.moc"
