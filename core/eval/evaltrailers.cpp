// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "core/eval/evaltrailers.h"

#include <QRegularExpression>

namespace psm::core::eval {
namespace {

const QString kPass = QStringLiteral("Eval-Pass");
const QString kRegressions = QStringLiteral("Eval-Regressions");
const QString kImprovements = QStringLiteral("Eval-Improvements");
const QString kFlips = QStringLiteral("Eval-Flips");
const QString kBaseline = QStringLiteral("Eval-Baseline");
const QString kSet = QStringLiteral("Eval-Set");
const QString kRun = QStringLiteral("Eval-Run");
const QString kOverride = QStringLiteral("Eval-Override");
const QString kOverridePrefix = QStringLiteral("regressions accepted by ");

bool sameKey(const QString &a, const QString &b)
{
    return a.compare(b, Qt::CaseInsensitive) == 0; // git compares trailer keys so
}

std::optional<int> countOf(const QString &value)
{
    bool ok = false;
    const int n = value.toInt(&ok);
    if (!ok || n < 0)
        return std::nullopt;
    return n;
}

std::optional<CandidateScore> scoreOf(const QString &value)
{
    static const QRegularExpression kScore(QStringLiteral("^(\\d+)/(\\d+)(?:\\s+(.*))?$"));
    const auto match = kScore.match(value);
    if (!match.hasMatch())
        return std::nullopt;
    CandidateScore score;
    bool passedOk = false;
    bool totalOk = false;
    score.passed = match.captured(1).toInt(&passedOk);
    score.total = match.captured(2).toInt(&totalOk);
    score.label = match.captured(3).trimmed();
    if (!passedOk || !totalOk || score.passed > score.total)
        return std::nullopt;
    return score;
}

} // namespace

const QStringList &evalTrailerKeys()
{
    static const QStringList keys { kPass, kRegressions, kImprovements, kFlips, kBaseline, kSet,
        kRun, kOverride };
    return keys;
}

QList<Trailer> evalTrailers(const EvalEvidence &evidence)
{
    QList<Trailer> trailers;
    for (const CandidateScore &score : evidence.pass) {
        QString value = QStringLiteral("%1/%2").arg(score.passed).arg(score.total);
        if (!score.label.isEmpty())
            value += u' ' + score.label;
        trailers.append({ kPass, value });
    }
    trailers.append({ kRegressions, QString::number(evidence.regressions) });
    trailers.append({ kImprovements, QString::number(evidence.improvements) });
    trailers.append({ kFlips, QString::number(evidence.flips) });
    if (!evidence.baseline.isEmpty())
        trailers.append({ kBaseline, evidence.baseline });
    for (const QString &set : evidence.evalSets)
        trailers.append({ kSet, set });
    if (!evidence.runId.isEmpty())
        trailers.append({ kRun, evidence.runId });
    if (!evidence.overriddenBy.isEmpty())
        trailers.append({ kOverride, kOverridePrefix + evidence.overriddenBy });
    return trailers;
}

QString withEvalEvidence(const QString &message, const EvalEvidence &evidence)
{
    return withTrailers(message, evalTrailers(evidence), evalTrailerKeys());
}

QList<Trailer> evalTrailersOf(const QString &message)
{
    QList<Trailer> ours;
    for (const Trailer &t : parseTrailers(message))
        if (evalTrailerKeys().contains(t.key, Qt::CaseInsensitive))
            ours.append(t);
    return ours;
}

std::optional<EvalEvidence> evalEvidenceOf(const QString &message)
{
    const QList<Trailer> trailers = evalTrailersOf(message);
    if (trailers.isEmpty())
        return std::nullopt;
    EvalEvidence evidence;
    for (const Trailer &t : trailers) {
        if (sameKey(t.key, kPass)) {
            if (auto score = scoreOf(t.value))
                evidence.pass.append(*score);
        } else if (sameKey(t.key, kRegressions)) {
            evidence.regressions = countOf(t.value).value_or(evidence.regressions);
        } else if (sameKey(t.key, kImprovements)) {
            evidence.improvements = countOf(t.value).value_or(evidence.improvements);
        } else if (sameKey(t.key, kFlips)) {
            evidence.flips = countOf(t.value).value_or(evidence.flips);
        } else if (sameKey(t.key, kBaseline)) {
            evidence.baseline = t.value;
        } else if (sameKey(t.key, kSet)) {
            evidence.evalSets.append(t.value);
        } else if (sameKey(t.key, kRun)) {
            evidence.runId = t.value;
        } else if (sameKey(t.key, kOverride)) {
            evidence.overriddenBy = t.value.startsWith(kOverridePrefix, Qt::CaseInsensitive)
                ? t.value.mid(kOverridePrefix.size()).trimmed()
                : t.value;
        }
    }
    return evidence;
}

} // namespace psm::core::eval
