// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "core/common/result.h"
#include "core/eval/assertion.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

// An eval set file in promptfoo's test-file shape (DESIGN §6), loaded into plain values: every
// test fully resolved (defaultTest merged, file:// read, list vars expanded), so the runner only
// pairs tests with prompts and models.
namespace psm::core::eval {

struct EvalTest {
    QString description;
    Json vars = Json::object(); // defaultTest.vars overlaid by the test's own
    QList<AssertionSpec> asserts; // defaultTest.assert first, then the test's
    std::optional<double> threshold; // the test's, else defaultTest's
    Json options = Json::object(); // defaultTest.options overlaid by the test's
    // Where the test is defined (a YAML entry or a CSV row).
    QString file;
    int line = 0;
    int column = 0;
};

struct EvalSet {
    QString file;
    QString description;
    QStringList prompts; // as written (workspace-relative prompt paths)
    QStringList providers; // normalised to provider/model
    QString graderProvider; // defaultTest.options.provider as provider/model; empty = default
    QList<EvalTest> tests;
};

// Loads `path` (YAML or JSON). file:// references (tests files, var values, assertion values)
// resolve relative to the file that names them and must stay inside `workspaceRoot` after
// symlinks are resolved. Every problem is an InvalidInput/NotFound error with file:line:col:
// unknown keys of an assertion's `type`, unsupported types (javascript, python, ...),
// `transform`, a bad provider id, a missing file.
Result<EvalSet> loadEvalSet(const QString &path, const QString &workspaceRoot);

} // namespace psm::core::eval
