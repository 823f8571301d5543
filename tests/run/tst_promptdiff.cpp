// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "run/promptdiff.h"
#include "tests/support/scratchrepo.h"

#include <QTest>

using namespace psm;

// Prompt diffs between two revisions of a prompt in a real git repository: two commits that
// add a variable, change the temperature and reword the message give exactly those differences
// and a larger input token estimate; the working copy compares against HEAD without a checkout.
class TstPromptDiff final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void twoCommitsGiveExactlyTheirDifferences();
    void workingCopyAgainstHeadTouchesNoFile();
    void schemaChangesByPath();
    void unreadableRevisionIsAnError();

private:
    run::RunSpec spec() const;

    std::unique_ptr<test::ScratchRepo> m_repo;
    QString m_first;
    QString m_second;
};

const QString kPrompt = QStringLiteral("prompts/greet.prompt");

const QByteArray kFirst
    = "---\nmodel: local/a\nconfig:\n  temperature: 0.2\n  maxOutputTokens: 100\n"
      "---\n{{role \"system\"}}\nYou are kind.\n{{role \"user\"}}\n"
      "Say hi to {{name}}.\n";
const QByteArray kSecond
    = "---\nmodel: local/a\nconfig:\n  temperature: 0.7\n  maxOutputTokens: 100\n"
      "---\n{{role \"system\"}}\nYou are kind.\n{{role \"user\"}}\n"
      "Say hello to {{name}} from {{place}}, warmly.\n";

void TstPromptDiff::initTestCase()
{
    test::isolateGitConfig();
    m_repo = std::make_unique<test::ScratchRepo>();
    QVERIFY(m_repo->isValid());
    QVERIFY(m_repo->write(kPrompt, kFirst));
    m_first = m_repo->commitAll(QStringLiteral("first"));
    QVERIFY(m_repo->write(kPrompt, kSecond));
    m_second = m_repo->commitAll(QStringLiteral("second"));
    QVERIFY(!m_first.isEmpty() && !m_second.isEmpty());
}

run::RunSpec TstPromptDiff::spec() const
{
    run::RunSpec spec;
    spec.workspaceRoot = m_repo->path();
    spec.promptPath = kPrompt;
    return spec;
}

void TstPromptDiff::twoCommitsGiveExactlyTheirDifferences()
{
    const nlohmann::ordered_json variables { { "name", "Ada" }, { "place", "Paris" } };
    auto diff = run::diffPromptRevisions(spec(), run::PromptRevision::atGit(m_first),
        run::PromptRevision::atGit(m_second), variables);
    QVERIFY2(diff, qPrintable(diff ? QString() : diff.error().toString()));
    QCOMPARE(diff->oldRevisionId, m_first);
    QCOMPARE(diff->newRevisionId, m_second);

    QCOMPARE(diff->variablesAdded, QStringList { QStringLiteral("place") });
    QVERIFY(diff->variablesRemoved.isEmpty());

    QCOMPARE(diff->settings.size(), 1); // the model and maxOutputTokens did not change
    QCOMPARE(diff->settings[0].key, QStringLiteral("temperature"));
    QCOMPARE(diff->settings[0].oldValue, std::optional(QStringLiteral("0.2")));
    QCOMPARE(diff->settings[0].newValue, std::optional(QStringLiteral("0.7")));

    QCOMPARE(diff->messages.size(), 2);
    const run::MessageChange &system = diff->messages[0];
    QCOMPARE(system.oldRole, QStringLiteral("system"));
    QCOMPARE(system.oldText, system.newText);
    const run::MessageChange &user = diff->messages[1];
    QCOMPARE(user.oldRole, QStringLiteral("user"));
    QCOMPARE(user.newRole, QStringLiteral("user"));
    QCOMPARE(user.oldText.trimmed(), QStringLiteral("Say hi to Ada."));
    QCOMPARE(user.newText.trimmed(), QStringLiteral("Say hello to Ada from Paris, warmly."));
    QCOMPARE(core::oldTextOf(user.diff.ops), user.oldText);
    QCOMPARE(core::newTextOf(user.diff.ops), user.newText);
    // "hi" -> "hello" is the changed word; "from Paris warmly" are the added ones.
    QCOMPARE(user.diff.summary.wordsChanged, 1);
    QCOMPARE(user.diff.summary.wordsAdded, 3);
    QCOMPARE(user.diff.summary.wordsRemoved, 0);

    QVERIFY(diff->inputSchemaChanges.isEmpty());
    QVERIFY(diff->outputSchemaChanges.isEmpty());
    QVERIFY2(diff->inputTokenDelta() > 0,
        qPrintable(QStringLiteral("%1 -> %2").arg(diff->oldInputTokens).arg(diff->newInputTokens)));

    // Reversed, every difference turns around.
    auto back = run::diffPromptRevisions(spec(), run::PromptRevision::atGit(m_second),
        run::PromptRevision::atGit(m_first), variables);
    QVERIFY(back);
    QCOMPARE(back->variablesRemoved, QStringList { QStringLiteral("place") });
    QCOMPARE(back->inputTokenDelta(), -diff->inputTokenDelta());

    const QString text = run::describePromptDiff(*diff);
    QVERIFY2(text.contains(QStringLiteral("Variables added: place")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("  temperature: 0.2 -> 0.7")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("Messages: 1 of 2 changed")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("(estimate)")), qPrintable(text));
}

void TstPromptDiff::workingCopyAgainstHeadTouchesNoFile()
{
    const QByteArray edited = QByteArray(kSecond).replace("0.7", "1.0");
    QVERIFY(m_repo->write(kPrompt, edited));
    auto diff = run::diffPromptRevisions(spec(), run::PromptRevision::atGit(QStringLiteral("HEAD")),
        run::PromptRevision::workingCopy(), { { "name", "Ada" }, { "place", "Rome" } });
    QVERIFY2(diff, qPrintable(diff ? QString() : diff.error().toString()));
    QCOMPARE(diff->settings.size(), 1);
    QCOMPARE(diff->settings[0].newValue, std::optional(QStringLiteral("1.0")));
    QVERIFY(!diff->messagesDiffer());
    QCOMPARE(diff->inputTokenDelta(), 0);
    QVERIFY(diff->newRevisionId.startsWith(QStringLiteral("sha256:")));
    QCOMPARE(m_repo->read(kPrompt), edited); // read, never checked out
    QCOMPARE(m_repo->git({ QStringLiteral("rev-parse"), QStringLiteral("HEAD") }), m_second);
    QVERIFY(m_repo->write(kPrompt, kSecond));
}

void TstPromptDiff::schemaChangesByPath()
{
    const QString path = QStringLiteral("prompts/schema.prompt");
    QVERIFY(m_repo->write(path, "---\ninput:\n  schema:\n    name: string\n---\nHi {{name}}.\n"));
    const QString before = m_repo->commitAll(QStringLiteral("schema 1"));
    QVERIFY(m_repo->write(path,
        "---\ninput:\n  schema:\n    name: string\n    age?: integer\noutput:\n  format: json\n"
        "  schema:\n    greeting: string\n---\nHi {{name}}.\n"));
    const QString after = m_repo->commitAll(QStringLiteral("schema 2"));
    run::RunSpec s = spec();
    s.promptPath = path;
    auto diff = run::diffPromptRevisions(s, run::PromptRevision::atGit(before),
        run::PromptRevision::atGit(after), { { "name", "Ada" } });
    QVERIFY2(diff, qPrintable(diff ? QString() : diff.error().toString()));
    QStringList inputPaths;
    for (const core::JsonChange &c : diff->inputSchemaChanges)
        inputPaths << c.path;
    QVERIFY2(
        inputPaths.contains(QStringLiteral("/properties/age")), qPrintable(inputPaths.join(u' ')));
    QVERIFY(!diff->outputSchemaChanges.isEmpty());
    QVERIFY(!diff->messagesDiffer());
    QVERIFY(diff->variablesAdded.isEmpty());
}

void TstPromptDiff::unreadableRevisionIsAnError()
{
    auto diff = run::diffPromptRevisions(spec(),
        run::PromptRevision::atGit(QStringLiteral("no-such-tag")),
        run::PromptRevision::atGit(m_second), {});
    QVERIFY(!diff);
    QVERIFY(!diff.error().toString().isEmpty());
}

QTEST_MAIN(TstPromptDiff)
#include "tst_promptdiff.moc"
