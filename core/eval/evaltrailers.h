// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "core/workspace/committrailers.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

// The evidence a commit carries of the eval run that gated it, as commit-message trailers:
//
//   Eval-Pass: 11/12                  one per candidate column; "11/12 openai/gpt-4o-mini"
//   Eval-Regressions: 1               when there are several
//   Eval-Improvements: 0
//   Eval-Flips: 0
//   Eval-Baseline: <commit id>        what the candidate was compared against
//   Eval-Set: evals/classify.yaml     one per eval set run
//   Eval-Run: <uuid>                  the ledger run with every test's result
//   Eval-Override: regressions accepted by Jane Doe <jane@example.org>
//
// Trailers rather than a git note under refs/notes: trailers are part of the commit, so they
// travel with it through push, clone, PR review, cherry-pick and rebase with no extra refspecs,
// and plain git reads them (`git log --format='%(trailers)'`, `git interpret-trailers --parse`).
// Notes are not pushed or fetched by default and are lost on rebase unless configured. The
// full per-test result stays in the local ledger, found through Eval-Run.
namespace psm::core::eval {

struct CandidateScore {
    QString label; // the candidate column, e.g. "openai/gpt-4o-mini"; may be empty when alone
    int passed = 0;
    int total = 0;

    bool operator==(const CandidateScore &) const = default;
};

struct EvalEvidence {
    QList<CandidateScore> pass;
    int regressions = 0;
    int improvements = 0;
    int flips = 0;
    QString baseline; // full commit id; empty when there was no baseline (first commit)
    QStringList evalSets; // workspace-relative paths
    QString runId;
    QString overriddenBy; // who accepted the regressions ("Name <email>"); empty: no override

    bool operator==(const EvalEvidence &) const = default;
};

// The trailers, in the order above. Counts are always written (0 is evidence too); baseline,
// run and override only when set.
QList<Trailer> evalTrailers(const EvalEvidence &evidence);

// `message` with the evidence's trailers in its trailer block, replacing any Eval-* trailers
// already there (an amended or re-gated commit carries one evidence, not two).
QString withEvalEvidence(const QString &message, const EvalEvidence &evidence);

// The evidence in a commit message; nullopt when its trailer block has no Eval-* trailer.
// Values that do not parse (a count that is not a number) are skipped: the raw trailers are
// still there for evalTrailersOf().
std::optional<EvalEvidence> evalEvidenceOf(const QString &message);

// The Eval-* trailers of the message as written, for showing in full.
QList<Trailer> evalTrailersOf(const QString &message);

// Every key evalTrailers() writes.
const QStringList &evalTrailerKeys();

} // namespace psm::core::eval
