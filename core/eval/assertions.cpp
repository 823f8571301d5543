// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "core/eval/assertions.h"

#include "core/eval/jsonextract.h"
#include "core/eval/jsregex.h"
#include "core/eval/schemacheck.h"
#include "core/prompt/jsvalue.h"

#include <QRegularExpression>

#include <algorithm>
#include <vector>

namespace psm::core::eval {

namespace {

AssertionResult verdict(bool pass, const QString &failReason)
{
    return { pass ? AssertionState::Passed : AssertionState::Failed, pass ? 1.0 : 0.0,
        pass ? QStringLiteral("Assertion passed") : failReason };
}

AssertionResult error(const QString &reason)
{
    return { AssertionState::Error, 0.0, reason };
}

QString notWord(bool inverse)
{
    return inverse ? QStringLiteral("not ") : QString();
}

QString jsString(const Json &value)
{
    return QString::fromStdString(js::toString(&value));
}

// promptfoo renders string values (and strings inside a list) with nunjucks against the vars.
Json renderedValue(const Json &value, const Json &vars)
{
    if (value.is_string())
        return renderValue(QString::fromStdString(value.get<std::string>()), vars).toStdString();
    if (value.is_array()) {
        Json out = Json::array();
        for (const Json &item : value)
            out.push_back(item.is_string() ? renderedValue(item, vars) : item);
        return out;
    }
    return value;
}

// The list a contains-any/-all value stands for, or an error text.
std::optional<QStringList> valueList(const Json &value, const QString &type, QString *problem)
{
    // promptfoo: invariant(value) — "", 0, false and a missing value are all refused.
    const bool truthy = js::isTruthy(&value);
    if (!truthy) {
        *problem = QStringLiteral("\"%1\" assertion type must have a value").arg(type);
        return std::nullopt;
    }
    if (value.is_string())
        return parseCommaSeparatedValues(QString::fromStdString(value.get<std::string>()), problem);
    if (!value.is_array()) {
        *problem = QStringLiteral("\"%1\" assertion type must have an array value").arg(type);
        return std::nullopt;
    }
    QStringList items;
    for (const Json &item : value)
        items.append(jsString(item));
    return items;
}

AssertionResult containsAnyOrAll(
    const AssertionSpec &spec, const Json &value, const QString &output, bool all, bool caseless)
{
    QString problem;
    const auto items = valueList(value, spec.type, &problem);
    if (!items)
        return error(problem);
    const QString haystack = caseless ? output.toLower() : output;
    auto found = [&](const QString &item) {
        return haystack.contains(caseless ? item.toLower() : item, Qt::CaseSensitive);
    };
    if (!all) {
        const bool pass = std::any_of(items->begin(), items->end(), found) != spec.inverse;
        return verdict(pass,
            QStringLiteral("Expected output to %1contain one of \"%2\"")
                .arg(notWord(spec.inverse), items->join(u", ")));
    }
    QStringList missing;
    for (const QString &item : *items) {
        if (!found(item))
            missing.append(item);
    }
    const bool pass = missing.isEmpty() != spec.inverse;
    return verdict(pass,
        QStringLiteral("Expected output to %1contain all of [%2]. Missing: [%3]")
            .arg(notWord(spec.inverse), items->join(u", "), missing.join(u", ")));
}

// promptfoo's isContainsValue(): a non-empty string or a number that is not NaN.
bool isContainsValue(const Json &value)
{
    return (value.is_string() && !value.get<std::string>().empty()) || value.is_number();
}

AssertionResult equals(const AssertionSpec &spec, const Json &value, const QString &output)
{
    if (value.is_object() || value.is_array() || value.is_null()) {
        // typeof value === 'object' (null included): deep-equal to the parsed output.
        const auto parsed = parseJson(output);
        // isDeepStrictEqual ignores key order: compare as unordered JSON.
        const bool equal = parsed
            && nlohmann::json::parse(parsed->dump()) == nlohmann::json::parse(value.dump());
        const bool pass = parsed ? equal != spec.inverse : spec.inverse;
        return verdict(pass,
            QStringLiteral("Expected output \"%1\" to %2equal \"%3\"")
                .arg(output, notWord(spec.inverse), QString::fromStdString(js::stringify(&value))));
    }
    const QString expected = jsString(value);
    const bool pass = (expected == output) != spec.inverse;
    return verdict(pass,
        QStringLiteral("Expected output \"%1\" to %2equal \"%3\"")
            .arg(output, notWord(spec.inverse), expected));
}

AssertionResult regex(const AssertionSpec &spec, const Json &value, const QString &output)
{
    if (!value.is_string() || value.get<std::string>().empty())
        return error(QStringLiteral("\"regex\" assertion type must have a string value"));
    const QString pattern = QString::fromStdString(value.get<std::string>());
    QString refusal;
    const auto translated = jsRegexToPcre(pattern, &refusal);
    if (!translated)
        return { AssertionState::Failed, 0.0, QStringLiteral("Invalid regex pattern: ") + refusal };
    const QRegularExpression re(*translated);
    if (!re.isValid()) {
        return { AssertionState::Failed, 0.0,
            QStringLiteral("Invalid regex pattern: ") + re.errorString() };
    }
    const bool pass = re.match(output).hasMatch() != spec.inverse;
    return verdict(pass,
        QStringLiteral("Expected output to %1match regex \"%2\"")
            .arg(notWord(spec.inverse), pattern));
}

AssertionResult isJson(const AssertionSpec &spec, const Json &value, const QString &output)
{
    const auto parsed = parseJson(output);
    bool pass = parsed.has_value() != spec.inverse;
    if (parsed && hasJsonSchema(value)) {
        const auto schema = compileSchema(value, spec.displayType());
        if (!schema)
            return { AssertionState::Failed, 0.0, schema.error() };
        QString errors;
        const bool valid = schema->validate(*parsed, &errors);
        pass = spec.inverse ? !valid : valid;
        if (!pass) {
            return { AssertionState::Failed, 0.0,
                spec.inverse
                    ? QStringLiteral("Output is JSON that conforms to the provided schema")
                    : QStringLiteral("JSON does not conform to the provided schema. Errors: ")
                        + errors };
        }
    }
    return verdict(pass, QStringLiteral("Expected output to be valid JSON"));
}

AssertionResult containsJson(const AssertionSpec &spec, const Json &value, const QString &output)
{
    QString reason = QStringLiteral("Expected output to contain valid JSON");
    const std::vector<Json> objects = extractJsonObjects(output);
    bool pass = spec.inverse ? objects.empty() : !objects.empty();
    if (!objects.empty() && hasJsonSchema(value)) {
        const auto schema = compileSchema(value, spec.displayType());
        if (!schema)
            return { AssertionState::Failed, 0.0, schema.error() };
        for (const Json &object : objects) {
            QString errors;
            const bool valid = schema->validate(object, &errors);
            pass = spec.inverse ? !valid : valid;
            if (valid) {
                if (spec.inverse)
                    reason
                        = QStringLiteral("Output contains JSON conforming to the provided schema");
                break;
            }
            reason
                = QStringLiteral("JSON does not conform to the provided schema. Errors: ") + errors;
        }
    }
    return verdict(pass, reason);
}

// Levenshtein distance over UTF-16 code units, as fastest-levenshtein counts JS strings.
qsizetype levenshteinDistance(const QString &a, const QString &b)
{
    std::vector<qsizetype> row(size_t(b.size()) + 1);
    for (qsizetype j = 0; j <= b.size(); ++j)
        row[size_t(j)] = j;
    for (qsizetype i = 1; i <= a.size(); ++i) {
        qsizetype diagonal = row[0];
        row[0] = i;
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const qsizetype above = row[size_t(j)];
            const qsizetype cost = a.at(i - 1) == b.at(j - 1) ? 0 : 1;
            row[size_t(j)] = std::min({ above + 1, row[size_t(j - 1)] + 1, diagonal + cost });
            diagonal = above;
        }
    }
    return row[size_t(b.size())];
}

// latency and cost share promptfoo 0.121's shape: a threshold is required, then the figure.
AssertionResult budget(const AssertionSpec &spec, std::optional<double> figure,
    const QString &unknownReason, const QString &name, const QString &unit)
{
    if (!spec.threshold) {
        return error(name == u"Latency"
                ? QStringLiteral("Latency assertion must have a threshold in milliseconds")
                : QStringLiteral("Cost assertion must have a threshold"));
    }
    if (!figure)
        return error(unknownReason);
    const double threshold = *spec.threshold;
    const bool pass = (*figure <= threshold) != spec.inverse;
    const QString shown = QString::fromStdString(js::numberToString(*figure)) + unit;
    const QString limit = QString::fromStdString(js::numberToString(threshold)) + unit;
    return verdict(pass,
        QStringLiteral("%1 %2 is %3 threshold %4")
            .arg(name, shown,
                spec.inverse ? QStringLiteral("less than or equal to")
                             : QStringLiteral("greater than"),
                limit));
}

const Json *lookup(const Json &vars, const QString &path)
{
    const Json *node = &vars;
    for (const QString &part : path.split(u'.')) {
        node = js::property(node, part.toStdString());
        if (!node)
            return nullptr;
    }
    return node;
}

} // namespace

AssertionSupport assertionSupport(const QString &type)
{
    static const QStringList kDeterministic = {
        QStringLiteral("equals"),
        QStringLiteral("contains"),
        QStringLiteral("icontains"),
        QStringLiteral("contains-any"),
        QStringLiteral("contains-all"),
        QStringLiteral("icontains-any"),
        QStringLiteral("icontains-all"),
        QStringLiteral("starts-with"),
        QStringLiteral("regex"),
        QStringLiteral("is-json"),
        QStringLiteral("contains-json"),
        QStringLiteral("levenshtein"),
        QStringLiteral("latency"),
        QStringLiteral("cost"),
    };
    static const QStringList kModelGraded
        = { QStringLiteral("llm-rubric"), QStringLiteral("factuality") };
    // promptfoo types we know and refuse: code execution, other model-graded families, and
    // checks we have not implemented. Refusing beats a silent pass.
    static const QStringList kUnsupported = [] {
        // promptfoo 0.121's BaseAssertionTypesSchema and special types, minus the ones above.
        QStringList all = QStringLiteral(
            "agent-rubric answer-relevance bleu classifier contains-html contains-sql contains-xml "
            "context-faithfulness context-recall context-relevance conversation-relevance "
            "finish-reason g-eval gleu guardrails is-html is-refusal is-sql "
            "is-valid-function-call is-valid-openai-function-call is-valid-openai-tools-call "
            "is-xml javascript pi meteor model-graded-closedqa model-graded-factuality "
            "moderation perplexity perplexity-score python rouge-n ruby similar similar:cosine "
            "similar:dot similar:euclidean tool-call-f1 skill-used trajectory:goal-success "
            "trajectory:tool-args-match trajectory:step-count trajectory:tool-sequence "
            "trajectory:tool-used trace-error-spans trace-span-count trace-span-duration "
            "search-rubric webhook word-count assert-set select-best max-score human")
                              .split(u' ');
        return all;
    }();
    if (kDeterministic.contains(type))
        return AssertionSupport::Deterministic;
    if (kModelGraded.contains(type))
        return AssertionSupport::ModelGraded;
    if (kUnsupported.contains(type))
        return AssertionSupport::Unsupported;
    return AssertionSupport::Unknown;
}

QString renderValue(const QString &value, const Json &vars)
{
    static const QRegularExpression kVariable(
        QStringLiteral(R"(\{\{\s*([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)\s*\}\})"));
    if (!value.contains(u"{{"))
        return value;
    QString out;
    qsizetype last = 0;
    auto it = kVariable.globalMatch(value);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        out += value.mid(last, match.capturedStart() - last);
        if (const Json *found = lookup(vars, match.captured(1)))
            out += QString::fromStdString(js::toDisplay(found));
        last = match.capturedEnd();
    }
    out += value.mid(last);
    return out;
}

AssertionResult evaluateAssertion(const AssertionSpec &spec, const Observation &observation)
{
    const Json value = renderedValue(spec.value, observation.vars);
    const QString &output = observation.output;
    const QString &type = spec.type;
    const QString no = notWord(spec.inverse);

    if (type == u"equals")
        return equals(spec, value, output);
    if (type == u"contains" || type == u"icontains") {
        if (!isContainsValue(value))
            return error(QStringLiteral("\"%1\" assertion type must have a string or number value")
                             .arg(type));
        const QString needle = jsString(value);
        const bool found = type == u"contains" ? output.contains(needle)
                                               : output.toLower().contains(needle.toLower());
        return verdict(found != spec.inverse,
            QStringLiteral("Expected output to %1contain \"%2\"").arg(no, needle));
    }
    if (type == u"contains-any" || type == u"icontains-any")
        return containsAnyOrAll(spec, value, output, false, type.startsWith(u'i'));
    if (type == u"contains-all" || type == u"icontains-all")
        return containsAnyOrAll(spec, value, output, true, type.startsWith(u'i'));
    if (type == u"starts-with") {
        if (!value.is_string() || value.get<std::string>().empty())
            return error(QStringLiteral("\"starts-with\" assertion type must have a string value"));
        const QString prefix = jsString(value);
        return verdict(output.startsWith(prefix) != spec.inverse,
            QStringLiteral("Expected output to %1start with \"%2\"").arg(no, prefix));
    }
    if (type == u"regex")
        return regex(spec, value, output);
    if (type == u"is-json")
        return isJson(spec, value, output);
    if (type == u"contains-json")
        return containsJson(spec, value, output);
    if (type == u"levenshtein") {
        if (!value.is_string())
            return error(QStringLiteral("\"levenshtein\" assertion type must have a string value"));
        const qsizetype distance = levenshteinDistance(output, jsString(value));
        const double threshold = spec.threshold.value_or(5);
        return verdict((double(distance) <= threshold) != spec.inverse,
            QStringLiteral("Levenshtein distance %1 is %2 threshold %3")
                .arg(distance)
                .arg(spec.inverse ? QStringLiteral("less than or equal to")
                                  : QStringLiteral("greater than"))
                .arg(QString::fromStdString(js::numberToString(threshold))));
    }
    if (type == u"latency") {
        return budget(spec, observation.latencyMs,
            QStringLiteral("Latency assertion does not support cached results. Rerun "
                           "the eval with --no-cache"),
            QStringLiteral("Latency"), QStringLiteral("ms"));
    }
    if (type == u"cost") {
        return budget(spec, observation.costUsd,
            QStringLiteral("Cost assertion does not support providers that do not "
                           "return cost"),
            QStringLiteral("Cost"), QString());
    }
    if (assertionSupport(type) == AssertionSupport::ModelGraded) {
        return { AssertionState::NeedsGrader, 0.0,
            QStringLiteral("%1 needs a grader model call").arg(spec.displayType()) };
    }
    return error(QStringLiteral("Unsupported assertion type \"%1\"").arg(spec.displayType()));
}

TestVerdict scoreTest(const QList<AssertionSpec> &specs, const QList<AssertionResult> &results,
    std::optional<double> testThreshold)
{
    TestVerdict verdict;
    verdict.assertions = results;
    if (results.isEmpty()) {
        verdict.pass = true;
        verdict.score = 1.0;
        verdict.reason = QStringLiteral("No assertions");
        return verdict;
    }
    double totalScore = 0;
    double totalWeight = 0;
    QMap<QString, double> metricScore;
    QMap<QString, double> metricWeight;
    QString failedReason;
    QString errorReason;
    for (qsizetype i = 0; i < results.size(); ++i) {
        const AssertionResult &result = results.at(i);
        const AssertionSpec spec = i < specs.size() ? specs.at(i) : AssertionSpec {};
        totalScore += result.score * spec.weight;
        totalWeight += spec.weight;
        if (!spec.metric.isEmpty()) {
            metricScore[spec.metric] += result.score * spec.weight;
            metricWeight[spec.metric] += spec.weight;
        }
        // promptfoo's runAssertion(): an assertion of weight 0 is reported as passed.
        if (spec.weight == 0 && result.state == AssertionState::Failed)
            verdict.assertions[i].state = AssertionState::Passed;
        switch (verdict.assertions.at(i).state) {
        case AssertionState::Passed:
            break;
        case AssertionState::Failed:
            failedReason = result.reason; // promptfoo reports the last failure
            break;
        case AssertionState::Error:
            verdict.error = true;
            if (errorReason.isEmpty())
                errorReason = result.reason;
            break;
        case AssertionState::NeedsGrader:
            verdict.pendingGrader = true;
            break;
        }
    }
    verdict.score = totalWeight > 0 ? totalScore / totalWeight : 0.0;
    for (auto it = metricScore.cbegin(); it != metricScore.cend(); ++it) {
        const double weight = metricWeight.value(it.key());
        verdict.namedScores.insert(it.key(), weight > 0 ? it.value() / weight : 0.0);
    }
    verdict.pass = failedReason.isEmpty();
    verdict.reason = verdict.pass ? QStringLiteral("All assertions passed") : failedReason;
    if (testThreshold) {
        verdict.pass = verdict.score >= *testThreshold;
        verdict.reason = QStringLiteral("Aggregate score %1 %2 %3 threshold")
                             .arg(verdict.score, 0, 'f', 2)
                             .arg(verdict.pass ? QStringLiteral("≥") : QStringLiteral("<"))
                             .arg(QString::fromStdString(js::numberToString(*testThreshold)));
    }
    if (verdict.error) {
        verdict.pass = false;
        verdict.reason = QStringLiteral("Error: ") + errorReason;
    } else if (verdict.pendingGrader) {
        verdict.pass = false;
        verdict.reason = QStringLiteral("Waiting for a grader model call");
    }
    return verdict;
}

TestVerdict evaluateTest(const QList<AssertionSpec> &specs, const Observation &observation,
    std::optional<double> testThreshold)
{
    QList<AssertionResult> results;
    results.reserve(specs.size());
    for (const AssertionSpec &spec : specs)
        results.append(evaluateAssertion(spec, observation));
    return scoreTest(specs, results, testThreshold);
}

} // namespace psm::core::eval
