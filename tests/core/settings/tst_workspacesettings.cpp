// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// promptsmith.yaml read once: every section, errors at file:line:col, and a broken section
// that leaves the others usable.
#include "core/settings/workspacesettings.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace psm;
using core::WorkspaceSettings;
using Section = WorkspaceSettings::Section;

namespace {

const QByteArray kFull = "providers:\n"
                         "  local: {type: openai, base_url: \"http://localhost:8080/v1\"}\n"
                         "  work:\n"
                         "    type: azure\n"
                         "    headers: {X-Team: ml}\n"
                         "presets:\n"
                         "  precise: {temperature: 0, maxOutputTokens: 512, stop: \"5\"}\n"
                         "  creative:\n"
                         "    temperature: 0.9\n"
                         "columns:\n"
                         "  - model: openai/gpt-4o-mini\n"
                         "    preset: precise\n"
                         "  - model: local/qwen\n"
                         "budgets:\n"
                         "  monthly_usd: 20.00\n"
                         "  per_run_usd: 0.5\n"
                         "prices:\n"
                         "  local/qwen: {input: 0.2, output: 0.8}\n";

} // namespace

class TstWorkspaceSettings final : public QObject {
    Q_OBJECT

private slots:
    void everySection()
    {
        const auto s = WorkspaceSettings::parse(kFull, QStringLiteral("promptsmith.yaml"));
        QVERIFY2(s.errors().empty(), qPrintable(s.messages().join(QLatin1Char('\n'))));
        QVERIFY(s.warnings().empty());

        QCOMPARE(s.providers().size(), size_t(2));
        QCOMPARE(s.providers()[0].name, QStringLiteral("local"));
        QCOMPARE(s.providers()[0].line, 2);
        QCOMPARE(s.providers()[0].column, 3);
        QCOMPARE(s.providers()[0].fields.size(), size_t(2));
        QCOMPARE(s.providers()[0].fields[1].key, QStringLiteral("base_url"));
        QCOMPARE(s.providers()[0].fields[1].value.get<std::string>(),
            std::string("http://localhost:8080/v1"));
        const auto &work = s.providers()[1];
        QCOMPARE(work.fields[1].key, QStringLiteral("headers"));
        QCOMPARE(work.fields[1].line, 5);
        QCOMPARE(work.fields[1].column, 5);
        QCOMPARE(work.fields[1].value["X-Team"].get<std::string>(), std::string("ml"));

        // Presets are typed as a prompt's config is: plain 0 a number, quoted "5" a string.
        const auto precise = s.preset(QStringLiteral("precise"));
        QVERIFY(precise);
        QVERIFY((*precise)["temperature"].is_number());
        QCOMPARE((*precise)["maxOutputTokens"].get<int>(), 512);
        QVERIFY((*precise)["stop"].is_string());
        QCOMPARE(s.preset(QStringLiteral("creative"))->at("temperature").get<double>(), 0.9);
        QVERIFY(!s.preset(QStringLiteral("none")));

        QCOMPARE(s.columns().size(), size_t(2));
        QCOMPARE(s.columns()[0].model, QStringLiteral("openai/gpt-4o-mini"));
        QCOMPARE(s.columns()[0].preset, QStringLiteral("precise"));
        QCOMPARE(s.columns()[1].model, QStringLiteral("local/qwen"));
        QVERIFY(s.columns()[1].preset.isEmpty());

        QCOMPARE(*s.budgets().monthlyUsd, 20.0);
        QCOMPARE(*s.budgets().perRunUsd, 0.5);

        QVERIFY(s.prices().contains("local/qwen"));
        QCOMPARE(s.prices()["local/qwen"]["output"].get<double>(), 0.8);
    }

    void missingFileIsDefaults()
    {
        QTemporaryDir dir;
        const auto s = WorkspaceSettings::load(dir.path());
        QVERIFY(s.errors().empty());
        QVERIFY(s.providers().empty());
        QVERIFY(s.columns().empty());
        QVERIFY(!s.budgets().monthlyUsd);
        QVERIFY(!s.sectionError(Section::Providers));
    }

    void loadReadsTheWorkspaceFile()
    {
        QTemporaryDir dir;
        QFile file(dir.filePath(QStringLiteral("promptsmith.yaml")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(kFull);
        file.close();
        const auto s = WorkspaceSettings::load(dir.path());
        QVERIFY(s.errors().empty());
        QCOMPARE(s.filePath(), file.fileName());
        QCOMPARE(s.columns().size(), size_t(2));
    }

    void errorsSayWhere_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<int>("section");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("providers list")
            << QByteArray("providers: [a]\n") << int(Section::Providers) << 1 << 12 << "mapping";
        QTest::newRow("provider twice")
            << QByteArray("providers:\n  a: {type: echo}\n  a: {type: echo}\n")
            << int(Section::Providers) << 3 << 3 << "twice";
        QTest::newRow("preset not a map") << QByteArray("presets:\n  fast: openai/x\n")
                                          << int(Section::Presets) << 2 << 9 << "preset 'fast'";
        QTest::newRow("column without model") << QByteArray("columns:\n  - preset: precise\n")
                                              << int(Section::Columns) << 2 << 5 << "model";
        QTest::newRow("column model no slash")
            << QByteArray("columns:\n  - model: gpt-4o\n") << int(Section::Columns) << 2 << 12
            << "provider/model";
        QTest::newRow("budget text") << QByteArray("budgets:\n  monthly_usd: lots\n")
                                     << int(Section::Budgets) << 2 << 16 << "monthly_usd";
        QTest::newRow("budget negative") << QByteArray("budgets:\n  per_run_usd: -1\n")
                                         << int(Section::Budgets) << 2 << 16 << "per_run_usd";
        QTest::newRow("price quoted") << QByteArray("prices:\n  a/b: {input: \"1\", output: 2}\n")
                                      << int(Section::Prices) << 2 << 16 << "must be a number";
        QTest::newRow("price key") << QByteArray("prices:\n  gpt: {input: 1, output: 2}\n")
                                   << int(Section::Prices) << 2 << 3 << "provider/model";
    }
    void errorsSayWhere()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(int, section);
        QFETCH(int, line);
        QFETCH(int, column);
        QFETCH(QString, mentions);
        const auto s = WorkspaceSettings::parse(yaml, QStringLiteral("ws/promptsmith.yaml"));
        QCOMPARE(s.errors().size(), size_t(1));
        const auto error = s.sectionError(Section(section));
        QVERIFY(error);
        QCOMPARE(error->file, QStringLiteral("ws/promptsmith.yaml"));
        QCOMPARE(error->code, core::ErrorCode::InvalidInput);
        QVERIFY2(error->message.contains(mentions), qPrintable(error->toString()));
        QCOMPARE(error->line, line);
        QCOMPARE(error->column, column);
        QVERIFY(s.messages().first().startsWith(
            QStringLiteral("ws/promptsmith.yaml:%1:%2: ").arg(line).arg(column)));
    }

    // What was chosen: a section with an error is dropped whole (half a price list would
    // misprice silently), the other sections still serve; a YAML syntax error drops all.
    void oneBrokenSectionKeepsTheOthers()
    {
        QByteArray yaml = kFull;
        yaml.replace("per_run_usd: 0.5", "per_run_usd: many");
        yaml.replace("{input: 0.2, output: 0.8}", "{input: 0.2, ouput: 0.8}");
        const auto s = WorkspaceSettings::parse(yaml, QStringLiteral("promptsmith.yaml"));
        QCOMPARE(s.errors().size(), size_t(2));
        QVERIFY(s.sectionError(Section::Budgets));
        QVERIFY(s.sectionError(Section::Prices));
        QVERIFY(!s.sectionError(Section::Providers));
        QVERIFY(!s.sectionError(Section::Columns));
        QVERIFY(!s.budgets().monthlyUsd); // the budgets section went as a whole
        QVERIFY(s.prices().empty());
        QCOMPARE(s.providers().size(), size_t(2));
        QCOMPARE(s.columns().size(), size_t(2));
        QVERIFY(s.preset(QStringLiteral("precise")));
    }

    void syntaxErrorDropsEverything()
    {
        const auto s = WorkspaceSettings::parse(
            "columns:\n  - model: a/b\nproviders: {x: [\n", QStringLiteral("promptsmith.yaml"));
        QCOMPARE(s.errors().size(), size_t(1));
        QVERIFY(s.errors().front().message.contains(QLatin1String("not valid YAML")));
        QVERIFY(s.errors().front().line > 0);
        QVERIFY(s.columns().empty());
        for (Section section : { Section::Providers, Section::Presets, Section::Columns,
                 Section::Budgets, Section::Prices })
            QVERIFY(s.sectionError(section));
    }

    void unknownKeysWarn()
    {
        const auto s = WorkspaceSettings::parse(
            "version: 1\ncolumns:\n  - {model: a/b, width: 3}\nbudgets: {weekly_usd: 1}\n",
            QStringLiteral("promptsmith.yaml"));
        QVERIFY(s.errors().empty());
        QCOMPARE(s.warnings().size(), size_t(3));
        QCOMPARE(s.warnings()[0].line, 1);
        QVERIFY(s.warnings()[0].message.contains(QLatin1String("'version'")));
        QVERIFY(s.warnings()[1].message.contains(QLatin1String("'width'")));
        QVERIFY(s.warnings()[2].message.contains(QLatin1String("'weekly_usd'")));
        QCOMPARE(s.columns().size(), size_t(1));
        QVERIFY(s.messages().last().startsWith(QLatin1String("warning: promptsmith.yaml:4:")));
    }

    void notAMapping()
    {
        const auto s = WorkspaceSettings::parse("- a\n- b\n", QStringLiteral("promptsmith.yaml"));
        QCOMPARE(s.errors().size(), size_t(1));
        QVERIFY(s.sectionError(Section::Prices));
    }

    void badUtf8DoesNotThrow()
    {
        const auto s = WorkspaceSettings::parse(
            QByteArray("presets:\n  p: {x: \"\xff\xfe\"}\n"), QStringLiteral("promptsmith.yaml"));
        // Whatever yaml-cpp makes of it, it is a value or an error, never an exception.
        QVERIFY(s.errors().size() <= 1);
    }
};

QTEST_GUILESS_MAIN(TstWorkspaceSettings)
#include "tst_workspacesettings.moc"
