// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "core/eval/evalcsv.h"

#include "core/eval/jsonextract.h"

#include <QRegularExpression>

#include <cmath>

namespace psm::core::eval {

namespace {

struct Cell {
    QString text;
    int line = 0;
    int column = 0;
};

// RFC 4180 rows: quoted fields may hold commas, doubled quotes and line breaks.
QList<QList<Cell>> parseCsv(const QString &text)
{
    QList<QList<Cell>> rows;
    QList<Cell> row;
    Cell cell;
    int line = 1;
    int column = 1;
    bool quoted = false;
    bool cellStarted = false;
    auto startCell = [&] {
        if (!cellStarted) {
            cell = { QString(), line, column };
            cellStarted = true;
        }
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        startCell();
        if (quoted) {
            if (c == u'"' && i + 1 < text.size() && text.at(i + 1) == u'"') {
                cell.text += u'"';
                ++i;
                column += 2;
                continue;
            }
            if (c == u'"') {
                quoted = false;
            } else {
                cell.text += c;
            }
        } else if (c == u'"' && cell.text.isEmpty()) {
            quoted = true;
        } else if (c == u',') {
            row.append(cell);
            cellStarted = false;
        } else if (c == u'\n' || c == u'\r') {
            if (c == u'\r' && i + 1 < text.size() && text.at(i + 1) == u'\n')
                ++i;
            row.append(cell);
            cellStarted = false;
            if (!(row.size() == 1 && row.first().text.isEmpty()))
                rows.append(row);
            row.clear();
            ++line;
            column = 1;
            continue;
        } else {
            cell.text += c;
        }
        if (c == u'\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    if (cellStarted) {
        row.append(cell);
        if (!(row.size() == 1 && row.first().text.isEmpty()))
            rows.append(row);
    }
    return rows;
}

// promptfoo 0.121's BaseAssertionTypesSchema, for recognising "type: value" cells.
QString assertionTypesPattern()
{
    return QStringLiteral(
        "agent-rubric|answer-relevance|bleu|classifier|contains|contains-all|contains-any|"
        "contains-html|contains-json|contains-sql|contains-xml|context-faithfulness|"
        "context-recall|context-relevance|conversation-relevance|cost|equals|factuality|"
        "finish-reason|g-eval|gleu|guardrails|icontains|icontains-all|icontains-any|is-html|"
        "is-json|is-refusal|is-sql|is-valid-function-call|is-valid-openai-function-call|"
        "is-valid-openai-tools-call|is-xml|javascript|latency|levenshtein|llm-rubric|pi|meteor|"
        "model-graded-closedqa|model-graded-factuality|moderation|perplexity|perplexity-score|"
        "python|regex|rouge-n|ruby|similar|similar:cosine|similar:dot|similar:euclidean|"
        "starts-with|tool-call-f1|skill-used|trajectory:goal-success|trajectory:tool-args-match|"
        "trajectory:step-count|trajectory:tool-sequence|trajectory:tool-used|trace-error-spans|"
        "trace-span-count|trace-span-duration|search-rubric|webhook|word-count");
}

std::optional<double> finiteNumber(const QString &text)
{
    bool ok = false;
    const double value = text.trimmed().toDouble(&ok);
    if (!ok || !std::isfinite(value))
        return std::nullopt;
    return value;
}

} // namespace

AssertionSpec assertionFromString(const QString &expected)
{
    AssertionSpec spec;
    auto typed = [&](const QString &type, const QString &value) {
        spec.type = type;
        spec.value = value.toStdString();
        return spec;
    };
    if (expected.startsWith(u"javascript:") || expected.startsWith(u"fn:")
        || expected.startsWith(u"eval:"))
        return typed(QStringLiteral("javascript"), expected);
    if (expected.startsWith(u"grade:"))
        return typed(QStringLiteral("llm-rubric"), expected.mid(6));
    if (expected.startsWith(u"llm-rubric:"))
        return typed(QStringLiteral("llm-rubric"), expected.mid(11));
    if (expected.startsWith(u"python:")
        || (expected.startsWith(u"file://")
            && (expected.endsWith(u".py") || expected.contains(u".py:"))))
        return typed(QStringLiteral("python"), expected);
    if (expected.startsWith(u"file://")
        && QRegularExpression(QStringLiteral(R"(\.(c|m)?(j|t)s$)")).match(expected).hasMatch())
        return typed(QStringLiteral("javascript"), expected);

    static const QRegularExpression kAssertion(
        QStringLiteral(R"(^(not-)?(%1)(?:\((\d+(?:\.\d+)?)\))?(?::([\s\S]*))?$)")
            .arg(assertionTypesPattern()));
    const QRegularExpressionMatch match = kAssertion.match(expected);
    if (!match.hasMatch())
        return typed(QStringLiteral("equals"), expected);
    spec.inverse = !match.captured(1).isEmpty();
    spec.type = match.captured(2);
    const bool hasValue = match.capturedStart(4) >= 0;
    const QString value = match.captured(4);
    const auto threshold = finiteNumber(match.captured(3));
    if (spec.type.endsWith(u"-any") || spec.type.endsWith(u"-all")) {
        QString problem;
        const auto items = hasValue ? parseCommaSeparatedValues(value, &problem) : std::nullopt;
        if (items) {
            spec.value = Json::array();
            for (const QString &item : *items)
                spec.value.push_back(item.toStdString());
        } else if (hasValue) {
            spec.value = value.toStdString();
        }
    } else if (spec.type == u"contains-json" || spec.type == u"is-json") {
        if (hasValue)
            spec.value = value.toStdString();
    } else {
        if (hasValue)
            spec.value = value.trimmed().toStdString();
        static const QStringList kThresholded = { QStringLiteral("answer-relevance"),
            QStringLiteral("classifier"), QStringLiteral("context-faithfulness"),
            QStringLiteral("context-recall"), QStringLiteral("context-relevance"),
            QStringLiteral("cost"), QStringLiteral("latency"), QStringLiteral("levenshtein"),
            QStringLiteral("perplexity-score"), QStringLiteral("perplexity"),
            QStringLiteral("rouge-n"), QStringLiteral("similar"), QStringLiteral("starts-with") };
        // promptfoo's default CSV threshold is 0.75 for these, surprising as it is for
        // levenshtein (distance 0) and latency (under a millisecond): matched.
        if (kThresholded.contains(spec.type))
            spec.threshold = threshold.value_or(spec.type == u"similar" ? 0.8 : 0.75);
        else if (threshold)
            spec.threshold = threshold;
    }
    return spec;
}

Result<QList<EvalTest>> testsFromCsv(const QString &text, const QString &file)
{
    const QList<QList<Cell>> rows = parseCsv(text);
    QList<EvalTest> tests;
    if (rows.isEmpty())
        return tests;
    QStringList header;
    for (const Cell &cell : rows.first())
        header.append(cell.text.trimmed());
    static const QRegularExpression kExpectedIndex(QStringLiteral("^__expected(\\d+)$"));
    for (qsizetype r = 1; r < rows.size(); ++r) {
        const QList<Cell> &row = rows.at(r);
        EvalTest test;
        test.file = file;
        test.line = row.first().line;
        test.column = 1;
        QString metric;
        QMap<qsizetype, double> thresholds;
        for (qsizetype c = 0; c < row.size() && c < header.size(); ++c) {
            const QString &key = header.at(c);
            const Cell &cell = row.at(c);
            if (key.startsWith(u"__expected")) {
                if (cell.text.trimmed().isEmpty())
                    continue;
                AssertionSpec spec = assertionFromString(cell.text.trimmed());
                spec.file = file;
                spec.line = cell.line;
                spec.column = cell.column;
                test.asserts.append(std::move(spec));
            } else if (key == u"__description") {
                test.description = cell.text;
            } else if (key == u"__metric") {
                metric = cell.text;
            } else if (key == u"__threshold") {
                if (const auto value = finiteNumber(cell.text))
                    test.threshold = value;
            } else if (key.startsWith(u"__config:")) {
                const QStringList parts = key.mid(9).split(u':');
                const auto value = finiteNumber(cell.text);
                qsizetype index = -1;
                if (parts.size() == 2 && parts.first() == u"__expected")
                    index = 0;
                else if (parts.size() == 2) {
                    const auto m = kExpectedIndex.match(parts.first());
                    if (m.hasMatch() && m.captured(1).toInt() >= 1)
                        index = m.captured(1).toInt() - 1;
                }
                if (index < 0 || parts.value(1) != u"threshold" || !value) {
                    return failAt(ErrorCode::InvalidInput,
                        QStringLiteral("column \"%1\": expected __config:__expected[N]:"
                                       "threshold with a number")
                            .arg(key),
                        file, cell.line, cell.column);
                }
                thresholds.insert(index, *value);
            } else if (key.startsWith(u"__")) {
                continue; // __prefix, __suffix, __metadata:*, __providerOutput: not ours to use
            } else {
                test.vars[key.toStdString()] = cell.text.toStdString();
            }
        }
        for (qsizetype i = 0; i < test.asserts.size(); ++i) {
            test.asserts[i].metric = metric;
            if (thresholds.contains(i))
                test.asserts[i].threshold = thresholds.value(i);
        }
        tests.append(std::move(test));
    }
    return tests;
}

} // namespace psm::core::eval
