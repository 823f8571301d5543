// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// core::renderPrompt, the one render path of the CLI, the preview and runs: partials from the
// workspace, the file's defaults, input validation modes, history, config overrides, what an
// editor needs besides the messages, values from a user's file that must not throw, and the
// bound on render work (limit and cancel).
#include "core/prompt/inputfields.h"
#include "core/prompt/promptrender.h"
#include "core/prompt/tokenestimate.h"
#include "core/workspace/atomicwrite.h"
#include "tests/support/frontmattervalues.h"

#include <QDir>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

using namespace psm::core;
using Json = nlohmann::ordered_json;

namespace {

QString allText(const RenderedPrompt &rendered)
{
    QString out;
    for (const Json &message : rendered.messages()) {
        for (const Json &part : message["content"]) {
            if (part.contains("text"))
                out += QString::fromStdString(part["text"].get<std::string>());
        }
    }
    return out;
}

// For failure messages: QVERIFY2 evaluates its message even when the check passes.
QString errorText(const PromptRender &result)
{
    return result.ok() ? QStringLiteral("(rendered)") : result.rendered.error().toString();
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    return writeFileAtomically(path, bytes).has_value(); // makes the folders too
}

const QString kGreet = QStringLiteral("---\n"
                                      "model: echo/test\n"
                                      "config:\n"
                                      "  temperature: 0.2\n"
                                      "input:\n"
                                      "  schema:\n"
                                      "    name: string\n"
                                      "    count?: integer\n"
                                      "  default:\n"
                                      "    name: World\n"
                                      "---\n"
                                      "{{role \"system\"}}\n"
                                      "{{> header}}\n"
                                      "{{role \"user\"}}\n"
                                      "Say hello to {{name}}.\n");

// Partials that each include the next one twice: 2^40 statements, all within the depth limits
// (a partial including itself is caught as a cycle at once; a chain of distinct ones is not).
constexpr int kChain = 40;

} // namespace

class TestPromptRender : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_root;

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_root = m_dir.path();
        QVERIFY(QDir(m_root).mkpath(QStringLiteral(".git")));
        QVERIFY(writeFile(m_root + QStringLiteral("/prompts/_header.prompt"), "You are terse."));
        for (int i = 0; i < kChain; ++i) {
            const QByteArray next = QByteArray::number(i + 1);
            QVERIFY(writeFile(m_root + QStringLiteral("/prompts/_d%1.prompt").arg(i),
                "x{{> d" + next + "}}{{> d" + next + "}}"));
        }
        QVERIFY(writeFile(m_root + QStringLiteral("/prompts/_d%1.prompt").arg(kChain), "x"));
        QVERIFY(writeFile(m_root + QStringLiteral("/prompts/greet.prompt"), kGreet.toUtf8()));
    }

    // Partials come from the workspace, defaults from the file; the editor's extras are filled.
    void rendersWithWorkspacePartialsAndDefaults()
    {
        PromptRenderRequest request;
        request.text = kGreet;
        request.fileName = QStringLiteral("prompts/greet.prompt");
        request.workspaceRoot = m_root;
        const PromptRender result = renderPrompt(request);
        QVERIFY2(result.ok(), qPrintable(errorText(result)));
        QCOMPARE(
            allText(*result.rendered), QStringLiteral("\nYou are terse.\nSay hello to World."));
        QCOMPARE(result.model, QStringLiteral("echo/test"));
        QCOMPARE(result.variablesUsed, QStringList { QStringLiteral("name") });
        QVERIFY(result.inputDefaults == Json({ { "name", "World" } }));
        // Picoschema's optional field: its type admits null.
        QVERIFY(result.inputSchema["properties"]["count"]["type"]
                == Json::array({"integer", "null"}));
        QVERIFY(result.diagnostics.isEmpty());
        QVERIFY(result.warnings.isEmpty());
        // Two messages of 4 framing tokens each, plus the words and the full stops.
        QCOMPARE(result.tokenEstimate,
            8 + estimateTokens(QStringLiteral("You are terse.\n"))
                + estimateTokens(QStringLiteral("Say hello to World.\n")));
    }

    // The same file found by its path (as the CLI does) renders the same.
    void promptPathFindsPartialsWithoutRoot()
    {
        PromptRenderRequest request;
        request.text = kGreet;
        request.fileName = QStringLiteral("greet.prompt");
        request.promptPath = m_root + QStringLiteral("/prompts/greet.prompt");
        const PromptRender result = renderPrompt(request);
        QVERIFY2(result.ok(), qPrintable(errorText(result)));
        QVERIFY(allText(*result.rendered).contains(QStringLiteral("You are terse.")));
    }

    // Input that breaks the schema: Off says nothing, Warn renders and warns with the file's
    // position, Strict fails with that error.
    void validationModes()
    {
        PromptRenderRequest request;
        request.text = kGreet;
        request.fileName = QStringLiteral("prompts/greet.prompt");
        request.workspaceRoot = m_root;
        request.input = Json({ { "count", "three" } });

        request.validation = InputValidation::Off;
        PromptRender off = renderPrompt(request);
        QVERIFY(off.ok());
        QVERIFY(off.warnings.isEmpty());

        request.validation = InputValidation::Warn;
        PromptRender warn = renderPrompt(request);
        QVERIFY(warn.ok());
        QCOMPARE(warn.warnings.size(), 1);
        QVERIFY2(warn.warnings.first().message.contains(QStringLiteral("count")),
            qPrintable(warn.warnings.first().toString()));
        QCOMPARE(warn.warnings.first().file, QStringLiteral("prompts/greet.prompt"));
        QVERIFY(warn.warnings.first().line > 1);
        QVERIFY(warn.diagnostics.isEmpty()); // the fault is in the values, not the file

        request.validation = InputValidation::Strict;
        PromptRender strict = renderPrompt(request);
        QVERIFY(!strict.ok());
        QCOMPARE(strict.rendered.error().message, warn.warnings.first().message);
        QCOMPARE(strict.rendered.error().code, ErrorCode::InvalidInput);
    }

    // A run's history goes into the messages; --set style overrides go over the config.
    void historyAndConfigOverrides()
    {
        PromptRenderRequest request;
        request.text = QStringLiteral("---\nconfig:\n  temperature: 0.2\n  topK: 3\n---\n"
                                      "{{history}}{{role \"user\"}}Next.");
        request.fileName = QStringLiteral("h.prompt");
        request.history = Json::parse(R"([{"role": "user", "content": [{"text": "Earlier."}]},
                                          {"role": "model", "content": [{"text": "Yes."}]}])");
        request.configOverrides = Json({ { "temperature", 0.9 } });
        const PromptRender result = renderPrompt(request);
        QVERIFY2(result.ok(), qPrintable(errorText(result)));
        QVERIFY2(result.rendered->json["config"] == Json({ { "temperature", 0.9 }, { "topK", 3 } }),
            result.rendered->json["config"].dump().c_str());
        QCOMPARE(allText(*result.rendered), QStringLiteral("Earlier.Yes.Next."));

        request.configOverrides = Json::array({ 1 });
        QVERIFY(!renderPrompt(request).ok());
    }

    // Errors carry file:line:col and become a diagnostic at that place.
    void errorsBecomeDiagnostics()
    {
        PromptRenderRequest request;
        request.text = QStringLiteral("---\nmodel: m\n---\nHi {{#if x}}\n");
        request.fileName = QStringLiteral("bad.prompt");
        const PromptRender result = renderPrompt(request);
        QVERIFY(!result.ok());
        QCOMPARE(result.rendered.error().file, QStringLiteral("bad.prompt"));
        QCOMPARE(result.diagnostics.size(), 1);
        QCOMPARE(result.diagnostics.first().line, 4);
        QCOMPARE(result.model, QStringLiteral("m")); // the file's facts even when it fails
    }

    // Whatever a user writes into the front matter is read without throwing: each of these
    // either renders or fails with an error about the file, never the catch-all of a bug.
    void userValuesNeverThrow_data()
    {
        QTest::addColumn<QString>("frontMatter");
        for (const QString &value : psm::test::hostileFrontMatter())
            QTest::newRow(qPrintable(value)) << value;
        // Block style over several lines, which the GUI test does not type.
        QTest::newRow("complex key") << QStringLiteral("? [a]\n: b");
        QTest::newRow("block schema") << QStringLiteral("input:\n  schema:\n    x(enum): 5");
    }
    void userValuesNeverThrow()
    {
        QFETCH(QString, frontMatter);
        PromptRenderRequest request;
        request.text = QStringLiteral("---\n") + frontMatter
            + QStringLiteral("\n---\n{{role \"user\"}}Hello {{name}}.");
        request.fileName = QStringLiteral("user.prompt");
        request.input = Json({ { "name", "Ada" } });
        const PromptRender result = renderPrompt(request);
        if (!result.ok()) {
            QVERIFY2(
                result.rendered.error().code != ErrorCode::Internal, qPrintable(errorText(result)));
            QVERIFY(!result.diagnostics.isEmpty());
        }
        // The editor's form is derived from whatever the schema turned out to be.
        inputFields(result.inputSchema, result.variablesUsed);
    }

    // Partials that double the work at each level end with the limit error, quickly.
    void doublingPartialHitsTheWorkLimit()
    {
        PromptRenderRequest request;
        request.text = QStringLiteral("{{> d0}}");
        request.fileName = QStringLiteral("prompts/bomb.prompt");
        request.workspaceRoot = m_root;
        QElapsedTimer timer;
        timer.start();
        const PromptRender result = renderPrompt(request);
        const qint64 elapsed = timer.elapsed();
        QVERIFY(!result.ok());
        QVERIFY2(
            result.rendered.error().message.contains(QStringLiteral("limit on one render's work")),
            qPrintable(errorText(result)));
        QVERIFY2(elapsed < 10000, qPrintable(QString::number(elapsed)));
        qInfo("doubling partial stopped after %lld ms", elapsed);
    }

    // Output is bounded too: few statements can still produce a lot of text.
    void outputSizeLimit()
    {
        PromptRenderRequest request;
        request.text = QStringLiteral("{{#each rows}}{{../big}}{{/each}}");
        request.fileName = QStringLiteral("big.prompt");
        request.input = Json({ { "big", std::string(1 << 20, 'a') }, { "rows", Json::array() } });
        for (int i = 0; i < 100; ++i)
            request.input["rows"].push_back(i);
        request.limits.maxOutputBytes = 8 << 20;
        const PromptRender result = renderPrompt(request);
        QVERIFY(!result.ok());
        QVERIFY2(result.rendered.error().message.contains(QStringLiteral("8 MiB")),
            qPrintable(errorText(result)));
    }

    // A set cancel flag stops the render with a Cancelled error and no diagnostic.
    void cancelFlagStopsTheRender()
    {
        std::atomic<bool> cancel { false };
        PromptRenderRequest request;
        request.text = QStringLiteral("{{> d0}}");
        request.fileName = QStringLiteral("prompts/bomb.prompt");
        request.workspaceRoot = m_root;
        request.limits.cancel = &cancel;
        cancel = true;
        QElapsedTimer timer;
        timer.start();
        const PromptRender result = renderPrompt(request);
        QVERIFY(!result.ok());
        QCOMPARE(result.rendered.error().code, ErrorCode::Cancelled);
        QVERIFY(result.diagnostics.isEmpty());
        QVERIFY(timer.elapsed() < 2000);
    }

    // input.schema into form fields: kinds, required, descriptions, enums, extra variables.
    void inputFieldsFromSchema()
    {
        const Json schema = Json::parse(R"({"type": "object",
            "properties": {"name": {"type": "string", "description": "who"},
                           "n": {"type": ["integer", "null"]}, "x": {"type": "number"},
                           "ok": {"type": "boolean"}, "tags": {"type": "array"},
                           "mood": {"enum": ["calm", 3, null]}, "any": {}},
            "required": ["name", 5]})");
        const QList<InputField> fields
            = inputFields(schema, { QStringLiteral("name"), QStringLiteral("extra") });
        QCOMPARE(fields.size(), 8);
        using Kind = InputField::Kind;
        const QList<Kind> kinds { Kind::Text, Kind::Integer, Kind::Number, Kind::Boolean,
            Kind::Json, Kind::Enum, Kind::Text, Kind::Text };
        for (int i = 0; i < fields.size(); ++i)
            QCOMPARE(fields[i].kind, kinds[i]);
        QCOMPARE(fields[0].description, QStringLiteral("who"));
        QVERIFY(fields[0].required);
        QVERIFY(!fields[1].required);
        QCOMPARE(fields[5].choices, (QStringList { QStringLiteral("calm"), QStringLiteral("3") }));
        QCOMPARE(fields[7].name, QStringLiteral("extra"));
        QVERIFY(fields[7].description.contains(QStringLiteral("not in input.schema")));
        QVERIFY(inputFields(Json(7), {}).isEmpty());
        QVERIFY(inputFields(Json::parse(R"({"properties": [1]})"), {}).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestPromptRender)
#include "tst_promptrender.moc"
