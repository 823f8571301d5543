// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "app/cli/evalreport.h"

#include "app/cli/ledgercli.h"

#include <QHash>
#include <QXmlStreamWriter>

namespace psm::cli {
namespace {

using Json = nlohmann::ordered_json;
using core::eval::Outcome;
using run::EvalCell;
using run::EvalColumn;
using run::EvalSample;
using run::EvalSampleStatus;
using run::EvalSetResult;

QString statusName(EvalSampleStatus status)
{
    switch (status) {
    case EvalSampleStatus::Passed:
        return QStringLiteral("pass");
    case EvalSampleStatus::Failed:
        return QStringLiteral("fail");
    case EvalSampleStatus::Error:
        return QStringLiteral("error");
    case EvalSampleStatus::NotRun:
        break;
    }
    return QStringLiteral("not-run");
}

QString outcomeName(Outcome outcome)
{
    switch (outcome) {
    case Outcome::Pass:
        return QStringLiteral("pass");
    case Outcome::Fail:
        return QStringLiteral("fail");
    case Outcome::Flip:
        return QStringLiteral("flip");
    case Outcome::NoResult:
        break;
    }
    return QStringLiteral("no-result");
}

// The sample that explains a cell that did not pass: its first failing one, else any.
const EvalSample *explainingSample(const EvalCell &cell)
{
    for (const EvalSample &s : cell.samples)
        if (s.status != EvalSampleStatus::Passed)
            return &s;
    return cell.samples.isEmpty() ? nullptr : &cell.samples.first();
}

QString oneLine(QString text, int max = 160)
{
    text = text.simplified();
    return text.size() > max ? text.left(max - 1) + QChar(0x2026) : text;
}

QString percent(double rate)
{
    return QString::number(rate * 100.0, 'f', 0) + QLatin1Char('%');
}

int passedCount(const EvalCell &cell)
{
    int n = 0;
    for (const EvalSample &s : cell.samples)
        n += s.status == EvalSampleStatus::Passed ? 1 : 0;
    return n;
}

int verdictCount(const EvalCell &cell)
{
    int n = 0;
    for (const EvalSample &s : cell.samples)
        n += s.hasVerdict() ? 1 : 0;
    return n;
}

// "FAIL     refund request: icontains: Expected output to contain \"high\"": the verdict,
// the test, and for anything but a pass why.
QString cellLine(const EvalCell &cell, int repeat, const QString &test)
{
    const EvalSample *why = explainingSample(cell);
    const QString reason = why && !why->reason.isEmpty()
        ? (why->failedAssertion.isEmpty() ? QString() : why->failedAssertion + QStringLiteral(": "))
            + oneLine(why->reason)
        : QString();
    const QString detail = reason.isEmpty() ? test : test + QStringLiteral(" — ") + reason;
    switch (cell.outcome) {
    case Outcome::Pass:
        return repeat > 1 ? QStringLiteral("PASS     %1 (%2/%2)").arg(test).arg(passedCount(cell))
                          : QStringLiteral("PASS     ") + test;
    case Outcome::Flip:
        return QStringLiteral("FLIP     %1/%2 repeats passed: %3")
            .arg(passedCount(cell))
            .arg(verdictCount(cell))
            .arg(detail);
    case Outcome::Fail:
        return (why && why->status == EvalSampleStatus::Error ? QStringLiteral("ERROR    ")
                                                              : QStringLiteral("FAIL     "))
            + detail;
    case Outcome::NoResult:
        break;
    }
    return QStringLiteral("NOT RUN  ") + detail;
}

Json tokensJson(const core::TokenUsage &t)
{
    const auto count = [](const std::optional<qint64> &v) { return v ? Json(*v) : Json(nullptr); };
    return Json { { "inputUncached", count(t.inputUncached) }, { "cacheRead", count(t.cacheRead) },
        { "cacheWrite", count(t.cacheWrite) }, { "output", count(t.output) },
        { "reasoning", count(t.reasoning) } };
}

Json sampleJson(const EvalSample &s)
{
    Json j = Json::object();
    j["status"] = statusName(s.status).toStdString();
    j["score"] = s.hasVerdict() ? Json(s.verdict.score) : Json(nullptr);
    j["failedAssertion"]
        = s.failedAssertion.isEmpty() ? Json(nullptr) : Json(s.failedAssertion.toStdString());
    j["reason"] = s.reason.isEmpty() ? Json(nullptr) : Json(s.reason.toStdString());
    j["output"] = s.output.toStdString();
    j["ledgerId"] = s.ledgerId > 0 ? Json(s.ledgerId) : Json(nullptr);
    j["tokens"] = tokensJson(s.tokens);
    j["cost"] = s.costUsd ? Json(*s.costUsd) : Json(nullptr);
    j["latencyMs"] = s.latencyMs ? Json(*s.latencyMs) : Json(nullptr);
    j["cached"] = s.cached;
    Json named = Json::object();
    for (auto it = s.verdict.namedScores.cbegin(); it != s.verdict.namedScores.cend(); ++it)
        named[it.key().toStdString()] = it.value();
    j["namedScores"] = named;
    Json gradings = Json::array();
    for (const run::EvalGrading &g : s.gradings) {
        Json prompt = Json::array();
        for (const auto &m : g.prompt)
            prompt.push_back(
                { { "role", m.role.toStdString() }, { "content", m.content.toStdString() } });
        gradings.push_back({ { "assertion", g.assertionIndex }, { "model", g.model.toStdString() },
            { "prompt", prompt }, { "answer", g.answer.toStdString() },
            { "error", g.error.isEmpty() ? Json(nullptr) : Json(g.error.toStdString()) },
            { "ledgerId", g.ledgerId > 0 ? Json(g.ledgerId) : Json(nullptr) },
            { "tokens", tokensJson(g.tokens) },
            { "cost", g.costUsd ? Json(*g.costUsd) : Json(nullptr) } });
    }
    j["gradings"] = gradings;
    return j;
}

Json passRateJson(const core::eval::PassRate &p)
{
    return Json { { "passed", p.passed }, { "total", p.total }, { "rate", p.rate },
        { "low", p.low }, { "high", p.high } };
}

Json keysJson(const QStringList &keys)
{
    Json a = Json::array();
    for (const QString &k : keys)
        a.push_back(k.toStdString());
    return a;
}

QString testLabel(const EvalSetResult &set, const QString &key)
{
    for (const run::EvalTestInfo &t : set.tests)
        if (t.key == key)
            return QStringLiteral("%1 (%2)").arg(t.description, key);
    return key;
}

} // namespace

void printEvalText(QTextStream &out, const run::EvalRunResult &result, int repeat, bool quiet)
{
    for (const EvalSetResult &set : result.sets) {
        out << "== " << set.file;
        if (!set.description.isEmpty())
            out << " — " << set.description;
        out << '\n';
        for (const EvalColumn &column : set.columns) {
            out << "  " << column.title() << '\n';
            for (int t = 0; t < column.cells.size(); ++t)
                if (!quiet || column.cells[t].outcome != Outcome::Pass)
                    out << "    " << cellLine(column.cells[t], repeat, set.tests[t].description)
                        << '\n';
        }
        out << '\n';
    }

    out << "Summary\n";
    for (const EvalSetResult &set : result.sets) {
        for (const EvalColumn &column : set.columns) {
            const auto &p = column.passRate;
            out << "  " << set.file << "  " << column.title() << ": " << p.passed << '/' << p.total
                << " passed";
            if (p.total > 0) {
                out << " (" << percent(p.rate);
                if (repeat > 1)
                    out << ", 95% CI " << percent(p.low) << "–" << percent(p.high);
                out << ')';
            }
            out << "; tokens in " << column.inputTokens << ", out " << column.outputTokens
                << "; cost " << formatUsd(column.costUsd);
            if (column.unknownCostCalls > 0)
                out << " + " << column.unknownCostCalls << " calls of unknown price";
            if (column.cachedCalls > 0)
                out << "; " << column.cachedCalls << " cached";
            if (column.notRun > 0)
                out << "; " << column.notRun << " not run";
            out << '\n';
        }
    }

    bool anyComparison = false;
    for (const EvalSetResult &set : result.sets) {
        for (const run::EvalComparison &c : set.comparisons) {
            anyComparison = true;
            const EvalColumn &cand = set.columns[c.candidateColumn];
            const EvalColumn &base = set.columns[c.baselineColumn];
            out << "\nAgainst " << base.revisionLabel << ": " << cand.prompt << " · " << cand.model
                << '\n';
            const auto list = [&](const char *name, const QStringList &keys) {
                out << "  " << name << " (" << keys.size() << ")";
                out << (keys.isEmpty() ? "\n" : ":\n");
                for (const QString &key : keys)
                    out << "    " << testLabel(set, key) << '\n';
            };
            list("Regressions", c.comparison.regressions);
            list("Improvements", c.comparison.improvements);
            list("Flips", c.comparison.flips);
            if (!c.comparison.added.isEmpty())
                list("Added", c.comparison.added);
            if (!c.comparison.unrun.isEmpty())
                list("Not run", c.comparison.unrun);
        }
    }
    if (anyComparison)
        out << "\nTotal: " << result.regressionCount() << " regressions, " << result.newFlipCount()
            << " new flips\n";
    if (result.cancelled)
        out << "The run was cancelled; tests not run count as neither passed nor failed.\n";
    out.flush();
}

Json evalJson(const run::EvalRunResult &result)
{
    Json sets = Json::array();
    for (const EvalSetResult &set : result.sets) {
        Json tests = Json::array();
        for (const run::EvalTestInfo &t : set.tests)
            tests.push_back(
                { { "key", t.key.toStdString() }, { "description", t.description.toStdString() },
                    { "file", t.file.toStdString() }, { "line", t.line }, { "column", t.column } });
        Json columns = Json::array();
        for (const EvalColumn &column : set.columns) {
            Json cells = Json::array();
            for (int t = 0; t < column.cells.size(); ++t) {
                Json samples = Json::array();
                for (const EvalSample &s : column.cells[t].samples)
                    samples.push_back(sampleJson(s));
                cells.push_back({ { "test", set.tests[t].key.toStdString() },
                    { "outcome", outcomeName(column.cells[t].outcome).toStdString() },
                    { "samples", samples } });
            }
            columns.push_back({ { "prompt", column.prompt.toStdString() },
                { "model", column.model.toStdString() }, { "baseline", column.baseline },
                { "revision", column.revisionLabel.toStdString() },
                { "revisionId", column.revisionId.toStdString() },
                { "passRate", passRateJson(column.passRate) },
                { "inputTokens", column.inputTokens }, { "outputTokens", column.outputTokens },
                { "cost", column.costUsd }, { "unknownCostCalls", column.unknownCostCalls },
                { "cachedCalls", column.cachedCalls }, { "notRun", column.notRun },
                { "cells", cells } });
        }
        Json comparisons = Json::array();
        for (const run::EvalComparison &c : set.comparisons)
            comparisons.push_back(
                { { "candidateColumn", c.candidateColumn }, { "baselineColumn", c.baselineColumn },
                    { "regressions", keysJson(c.comparison.regressions) },
                    { "improvements", keysJson(c.comparison.improvements) },
                    { "flips", keysJson(c.comparison.flips) }, { "newFlips", keysJson(c.newFlips) },
                    { "unchanged", keysJson(c.comparison.unchanged) },
                    { "added", keysJson(c.comparison.added) },
                    { "removed", keysJson(c.comparison.removed) },
                    { "unrun", keysJson(c.comparison.unrun) } });
        sets.push_back(
            { { "file", set.file.toStdString() }, { "description", set.description.toStdString() },
                { "tests", tests }, { "columns", columns }, { "comparisons", comparisons } });
    }
    Json errors = Json::array();
    for (const core::Error &e : result.errors)
        errors.push_back(e.toString().toStdString());
    return Json { { "runId", result.runId.toStdString() }, { "sets", sets },
        { "summary",
            { { "allPassed", result.allCandidatesPassed() },
                { "regressions", result.regressionCount() }, { "newFlips", result.newFlipCount() },
                { "notRun", result.notRunCount() }, { "cancelled", result.cancelled },
                { "errors", errors } } } };
}

QByteArray evalJunit(const run::EvalRunResult &result)
{
    QByteArray xml;
    QXmlStreamWriter w(&xml);
    w.setAutoFormatting(true);
    w.writeStartDocument();
    w.writeStartElement(QStringLiteral("testsuites"));
    w.writeAttribute(QStringLiteral("name"), QStringLiteral("promptsmith eval"));
    for (const EvalSetResult &set : result.sets) {
        for (const EvalColumn &column : set.columns) {
            int failures = 0;
            int errors = 0;
            int skipped = 0;
            double seconds = 0.0;
            for (const EvalCell &cell : column.cells) {
                const EvalSample *why = explainingSample(cell);
                if (cell.outcome == Outcome::NoResult)
                    ++skipped;
                else if (cell.outcome != Outcome::Pass)
                    ++(why && why->status == EvalSampleStatus::Error ? errors : failures);
                for (const EvalSample &s : cell.samples)
                    seconds += s.latencyMs.value_or(0.0) / 1000.0;
            }
            w.writeStartElement(QStringLiteral("testsuite"));
            w.writeAttribute(QStringLiteral("name"),
                set.file + QStringLiteral(" [") + column.title() + QLatin1Char(']'));
            w.writeAttribute(QStringLiteral("tests"), QString::number(column.cells.size()));
            w.writeAttribute(QStringLiteral("failures"), QString::number(failures));
            w.writeAttribute(QStringLiteral("errors"), QString::number(errors));
            w.writeAttribute(QStringLiteral("skipped"), QString::number(skipped));
            w.writeAttribute(QStringLiteral("time"), QString::number(seconds, 'f', 3));
            for (int t = 0; t < column.cells.size(); ++t) {
                const EvalCell &cell = column.cells[t];
                w.writeStartElement(QStringLiteral("testcase"));
                w.writeAttribute(QStringLiteral("classname"), set.file);
                w.writeAttribute(QStringLiteral("name"), set.tests[t].description);
                w.writeAttribute(QStringLiteral("file"), set.tests[t].file);
                w.writeAttribute(QStringLiteral("line"), QString::number(set.tests[t].line));
                const EvalSample *why = explainingSample(cell);
                const QString message = why
                    ? (why->failedAssertion.isEmpty() ? QString()
                                                      : why->failedAssertion + QStringLiteral(": "))
                        + why->reason
                    : QString();
                if (cell.outcome == Outcome::NoResult) {
                    w.writeStartElement(QStringLiteral("skipped"));
                    w.writeAttribute(QStringLiteral("message"), message);
                    w.writeEndElement();
                } else if (cell.outcome != Outcome::Pass) {
                    const bool error = why && why->status == EvalSampleStatus::Error;
                    w.writeStartElement(
                        error ? QStringLiteral("error") : QStringLiteral("failure"));
                    w.writeAttribute(QStringLiteral("message"),
                        cell.outcome == Outcome::Flip
                            ? QStringLiteral("flip: %1/%2 repeats passed; %3")
                                  .arg(passedCount(cell))
                                  .arg(verdictCount(cell))
                                  .arg(message)
                            : message);
                    w.writeAttribute(QStringLiteral("type"),
                        why && !why->failedAssertion.isEmpty() ? why->failedAssertion
                                                               : outcomeName(cell.outcome));
                    if (why)
                        w.writeCharacters(why->output);
                    w.writeEndElement();
                }
                w.writeEndElement(); // testcase
            }
            w.writeEndElement(); // testsuite
        }
    }
    w.writeEndElement();
    w.writeEndDocument();
    return xml;
}

} // namespace psm::cli
