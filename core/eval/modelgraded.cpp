// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "core/eval/modelgraded.h"

#include "core/eval/jsonextract.h"
#include "core/prompt/jsvalue.h"

#include <QRegularExpression>

#include <algorithm>
#include <cmath>

namespace psm::core::eval {

namespace {

// promptfoo's DEFAULT_GRADING_PROMPT system message, verbatim.
const char *const kRubricSystem
    = "You are grading output according to a user-specified rubric. If the statement in the "
      "rubric is true, then the output passes the test. You respond with a JSON object with this "
      "structure: {reason: string, pass: boolean, score: number}\n"
      "\n"
      "Examples:\n"
      "\n"
      "<Output>Hello world</Output>\n"
      "<Rubric>Content contains a greeting</Rubric>\n"
      "{\"reason\": \"the content contains the word 'Hello'\", \"pass\": true, \"score\": 1.0}\n"
      "\n"
      "<Output>Avast ye swabs, repel the invaders!</Output>\n"
      "<Rubric>Does not speak like a pirate</Rubric>\n"
      "{\"reason\": \"'avast ye' is a common pirate term\", \"pass\": false, \"score\": 0.0}";

// promptfoo's PROMPTFOO_FACTUALITY_PROMPT system message, verbatim after dedent.
const char *const kFactualitySystem
    = "You are a precise factuality evaluator that compares a submitted answer to an expert "
      "answer. \n"
      "\n"
      "Your task is to analyze the factual content while ignoring differences in style, grammar, "
      "or punctuation.\n"
      "You must categorize the submission into one of these options:\n"
      "\n"
      "(A) The submitted answer is a subset of the expert answer and is fully consistent with "
      "it.\n"
      "(B) The submitted answer is a superset of the expert answer and is fully consistent with "
      "it.\n"
      "(C) The submitted answer contains all the same details as the expert answer.\n"
      "(D) There is a disagreement between the submitted answer and the expert answer.\n"
      "(E) The answers differ, but these differences don't matter from the perspective of "
      "factuality.\n"
      "\n"
      "Respond ONLY with a JSON object in this format:\n"
      "{\n"
      "  \"category\": \"[LETTER]\",\n"
      "  \"reason\": \"[DETAILED EXPLANATION]\"\n"
      "}\n"
      "\n"
      "- The \"category\" must be a single letter A, B, C, D, or E.\n"
      "- Provide a clear, detailed explanation in the \"reason\" field.\n"
      "- Your response must be valid JSON with no additional text.";

AssertionResult failed(const QString &reason)
{
    return { AssertionState::Failed, 0.0, reason };
}

} // namespace

QList<GraderMessage> rubricPrompt(const QString &rubric, const QString &output)
{
    return {
        { QStringLiteral("system"), QString::fromUtf8(kRubricSystem) },
        { QStringLiteral("user"),
            QStringLiteral("<Output>\n%1\n</Output>\n<Rubric>\n%2\n</Rubric>").arg(output, rubric) }
    };
}

QList<GraderMessage> factualityPrompt(
    const QString &question, const QString &expected, const QString &output)
{
    const QString user
        = QStringLiteral("I need you to compare these answers:\n\n<question>\n%1\n</question>"
                         "\n\n<expert_answer>\n%2\n</expert_answer>\n\n<submitted_answer>\n%3"
                         "\n</submitted_answer>\n\nPlease analyze the factual relationship "
                         "between these answers according to the categories you've been "
                         "given.")
              .arg(question, expected, output);
    return { { QStringLiteral("system"), QString::fromUtf8(kFactualitySystem) },
        { QStringLiteral("user"), user } };
}

AssertionResult parseRubricAnswer(const AssertionSpec &spec, const QString &answer)
{
    const auto objects = extractJsonObjects(answer);
    if (objects.empty())
        return failed(QStringLiteral("Could not extract JSON from llm-rubric response"));
    const Json &parsed = objects.front();
    if (!parsed.is_object())
        return failed(QStringLiteral("llm-rubric produced malformed response"));
    bool pass = true;
    if (parsed.contains("pass") && !parsed["pass"].is_null()) {
        const Json &value = parsed["pass"];
        static const QRegularExpression kYes(
            QStringLiteral("^(true|yes|pass|y)$"), QRegularExpression::CaseInsensitiveOption);
        pass = value.is_boolean()
            ? value.get<bool>()
            : kYes.match(QString::fromStdString(js::toString(&value))).hasMatch();
    }
    double score = pass ? 1.0 : 0.0;
    if (parsed.contains("score")) {
        const Json &value = parsed["score"];
        const double number = value.is_number() ? value.get<double>()
            : value.is_string()                 ? js::stringToNumber(value.get<std::string>())
                                                : std::nan("");
        if (std::isfinite(number))
            score = number;
    }
    if (spec.threshold)
        pass = pass && score >= *spec.threshold;
    QString reason = parsed.contains("reason") && parsed["reason"].is_string()
        ? QString::fromStdString(parsed["reason"].get<std::string>())
        : QString();
    if (reason.isEmpty()) {
        reason = pass ? QStringLiteral("Grading passed")
                      : QStringLiteral("Score %1 below threshold").arg(score);
    }
    if (spec.inverse) {
        pass = !pass;
        score = std::clamp(1.0 - score, 0.0, 1.0);
    }
    return { pass ? AssertionState::Passed : AssertionState::Failed, score, reason };
}

AssertionResult parseFactualityAnswer(const AssertionSpec &spec, const QString &answer)
{
    const auto objects = extractJsonObjects(answer);
    if (objects.empty() || !objects.front().is_object() || !objects.front().contains("category")
        || !objects.front()["category"].is_string()) {
        return failed(
            QStringLiteral("Factuality checker output did not match expected format: ") + answer);
    }
    const Json &parsed = objects.front();
    const QString option
        = QString::fromStdString(parsed["category"].get<std::string>()).trimmed().toUpper();
    static const QRegularExpression kOption(QStringLiteral("^[A-E]$"));
    if (!kOption.match(option).hasMatch())
        return failed(QStringLiteral("Invalid category value: ") + option);
    bool pass = option != u"D";
    const QString reason = parsed.contains("reason") && parsed["reason"].is_string()
        ? QString::fromStdString(parsed["reason"].get<std::string>()).trimmed()
        : QStringLiteral("Category ") + option;
    if (spec.inverse)
        pass = !pass;
    return { pass ? AssertionState::Passed : AssertionState::Failed, pass ? 1.0 : 0.0, reason };
}

} // namespace psm::core::eval
