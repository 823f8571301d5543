// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// Which eval sets cover a prompt: named in `prompts` (plain, file://, from the root or from the
// set's folder as promptfoo reads it, globs) or beside it by name; and, on the real sample
// workspace, the sets the gate would pick for each sample prompt.
#include "core/eval/evalcoverage.h"

#include <QDir>
#include <QTest>

using namespace psm::core::eval;

Q_DECLARE_METATYPE(psm::core::eval::EvalSet)

namespace {

const QString kRoot = QStringLiteral("/w");

QString s(const char *text)
{
    return QString::fromUtf8(text);
}

EvalSet set(const char *file, QStringList prompts = {})
{
    EvalSet e;
    e.file = kRoot + u'/' + s(file);
    e.prompts = std::move(prompts);
    return e;
}

// "evals/a.yaml=named" per covering set, in order.
QStringList describe(const QList<EvalSet> &sets, const QList<Coverage> &coverage)
{
    QStringList out;
    for (const Coverage &c : coverage)
        out << sets[c.set].file.mid(kRoot.size() + 1)
                + (c.reason == Coverage::Reason::Named ? s("=named") : s("=beside"));
    return out;
}

} // namespace

class TestEvalCoverage final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void coverage_data()
    {
        QTest::addColumn<QList<EvalSet>>("sets");
        QTest::addColumn<QString>("prompt");
        QTest::addColumn<QStringList>("expected");

        QTest::newRow("named from the root")
            << QList<EvalSet> { set("evals/other.yaml", { s("prompts/triage.prompt") }) }
            << s("prompts/triage.prompt") << QStringList { s("evals/other.yaml=named") };
        QTest::newRow("file:// from the root")
            << QList<EvalSet> { set("evals/other.yaml", { s("file://prompts/triage.prompt") }) }
            << s("prompts/triage.prompt") << QStringList { s("evals/other.yaml=named") };
        QTest::newRow("file:// from the set's folder, as promptfoo resolves it")
            << QList<EvalSet> { set("evals/other.yaml", { s("file://../prompts/triage.prompt") }) }
            << s("prompts/triage.prompt") << QStringList { s("evals/other.yaml=named") };
        QTest::newRow("./ and a folder above") << QList<EvalSet> {
            set("evals/deep/o.yaml", { s("./../../prompts/x/../triage.prompt") })
        } << s("prompts/triage.prompt") << QStringList { s("evals/deep/o.yaml=named") };
        QTest::newRow("absolute file:// inside the workspace")
            << QList<EvalSet> { set("evals/o.yaml", { s("file:///w/prompts/triage.prompt") }) }
            << s("prompts/triage.prompt") << QStringList { s("evals/o.yaml=named") };
        QTest::newRow("absolute outside the workspace") << QList<EvalSet> {
            set("evals/o.yaml", { s("file:///elsewhere/prompts/triage.prompt") })
        } << s("prompts/triage.prompt") << QStringList {};
        QTest::newRow("glob in one folder")
            << QList<EvalSet> { set("evals/o.yaml", { s("file://prompts/*.prompt") }) }
            << s("prompts/triage.prompt") << QStringList { s("evals/o.yaml=named") };
        QTest::newRow("* does not cross folders")
            << QList<EvalSet> { set("evals/o.yaml", { s("prompts/*.prompt") }) }
            << s("prompts/sub/triage.prompt") << QStringList {};
        QTest::newRow("** does") << QList<EvalSet> { set(
            "evals/o.yaml", { s("prompts/**/*.prompt") }) }
                                 << s("prompts/sub/triage.prompt")
                                 << QStringList { s("evals/o.yaml=named") };
        QTest::newRow("** matches no folder too")
            << QList<EvalSet> { set("evals/o.yaml", { s("prompts/**/triage.prompt") }) }
            << s("prompts/triage.prompt") << QStringList { s("evals/o.yaml=named") };
        QTest::newRow("character class")
            << QList<EvalSet> { set("evals/o.yaml", { s("prompts/tri[a-z]ge.prompt") }) }
            << s("prompts/triage.prompt") << QStringList { s("evals/o.yaml=named") };
        QTest::newRow("inline prompt text names nothing")
            << QList<EvalSet> { set("evals/o.yaml", { s("Classify: {{ticket}}") }) }
            << s("prompts/triage.prompt") << QStringList {};
        QTest::newRow("another prompt is not named")
            << QList<EvalSet> { set("evals/o.yaml", { s("prompts/triage.strict.prompt") }) }
            << s("prompts/triage.prompt") << QStringList {};
        QTest::newRow("beside: the namesake")
            << QList<EvalSet> { set("evals/triage.yaml") } << s("prompts/triage.prompt")
            << QStringList { s("evals/triage.yaml=beside") };
        QTest::newRow("beside: .yml")
            << QList<EvalSet> { set("evals/triage.yml") } << s("prompts/triage.prompt")
            << QStringList { s("evals/triage.yml=beside") };
        QTest::newRow("beside: a variant counts as its prompt")
            << QList<EvalSet> { set("evals/triage.yaml", { s("prompts/triage.prompt") }) }
            << s("prompts/triage.strict.prompt") << QStringList { s("evals/triage.yaml=beside") };
        QTest::newRow("beside: mirrored folders")
            << QList<EvalSet> { set("evals/support/triage.yaml") }
            << s("prompts/support/triage.prompt")
            << QStringList { s("evals/support/triage.yaml=beside") };
        QTest::newRow("beside: another folder is not beside")
            << QList<EvalSet> { set("evals/triage.yaml"), set("evals/sales/triage.yaml") }
            << s("prompts/support/triage.prompt") << QStringList {};
        QTest::newRow("beside: in the prompt's own folder")
            << QList<EvalSet> { set("prompts/triage.yaml") } << s("prompts/triage.prompt")
            << QStringList { s("prompts/triage.yaml=beside") };
        QTest::newRow("beside: outside the trees, from the root")
            << QList<EvalSet> { set("checks/triage.yaml") } << s("checks/triage.prompt")
            << QStringList { s("checks/triage.yaml=beside") };
        QTest::newRow("beside: a longer name is another name")
            << QList<EvalSet> { set("evals/triage_v2.yaml") } << s("prompts/triage.prompt")
            << QStringList {};
        QTest::newRow("named wins, each set once, order kept")
            << QList<EvalSet> { set("evals/z.yaml", { s("prompts/triage.prompt") }),
                   set("evals/triage.yaml", { s("prompts/triage.prompt") }),
                   set("evals/triage.yml") }
            << s("prompts/triage.prompt")
            << QStringList { s("evals/z.yaml=named"), s("evals/triage.yaml=named"),
                   s("evals/triage.yml=beside") };
        QTest::newRow("a partial is covered by nothing")
            << QList<EvalSet> { set("evals/_header.yaml", { s("prompts/_header.prompt") }) }
            << s("prompts/_header.prompt") << QStringList {};
        QTest::newRow("not a prompt")
            << QList<EvalSet> { set("evals/notes.yaml", { s("prompts/notes.txt") }) }
            << s("prompts/notes.txt") << QStringList {};
    }

    void coverage()
    {
        QFETCH(QList<EvalSet>, sets);
        QFETCH(QString, prompt);
        QFETCH(QStringList, expected);
        QCOMPARE(describe(sets, coveringEvalSets(sets, prompt, kRoot)), expected);
    }

    // The sample workspace as shipped: every prompt is covered by the set it is tested with.
    void samples_data()
    {
        QTest::addColumn<QString>("prompt");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("classify_ticket") << s("prompts/classify_ticket.prompt")
                                         << QStringList { s("evals/classify_ticket.yaml=named") };
        QTest::newRow("classify_ticket.strict")
            << s("prompts/classify_ticket.strict.prompt")
            << QStringList { s("evals/classify_ticket.yaml=named") };
        QTest::newRow("summarize")
            << s("prompts/summarize.prompt") << QStringList { s("evals/summarize.yaml=named") };
        QTest::newRow("the partial") << s("prompts/_house_style.prompt") << QStringList {};
    }

    void samples()
    {
        QFETCH(QString, prompt);
        QFETCH(QStringList, expected);
        const QString root = QStringLiteral(PSM_SOURCE_DIR "/samples");
        QList<EvalSet> sets;
        const QStringList files
            = QDir(root + s("/evals")).entryList({ s("*.yaml") }, QDir::Files, QDir::Name);
        QVERIFY(!files.isEmpty());
        for (const QString &name : files) {
            auto loaded = loadEvalSet(root + s("/evals/") + name, root);
            QVERIFY2(loaded, qPrintable(loaded ? QString() : loaded.error().toString()));
            sets.append(*loaded);
        }
        QStringList got;
        for (const Coverage &c : coveringEvalSets(sets, prompt, root))
            got << QDir(root).relativeFilePath(sets[c.set].file)
                    + (c.reason == Coverage::Reason::Named ? s("=named") : s("=beside"));
        QCOMPARE(got, expected);
    }
};

QTEST_GUILESS_MAIN(TestEvalCoverage)
#include "tst_evalcoverage.moc"
