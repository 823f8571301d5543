// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "core/ledger/callrecord.h"
#include "core/ledger/grades.h"

#include <QHash>

#include <QList>
#include <QString>
#include <QTextStream>

namespace psm::cli {

enum class ExportFormat { Csv, Json };

// `promptsmith ledger export`: the calls for expense reports and spreadsheets. Every text that
// could carry a key (parameters, errors, and the output when included) passes SecretRedactor:
// an export leaves the ledger's protection behind, so unlike the ledger itself it redacts the
// model's output too. The output is left out unless `withText`: an expense report needs what
// was spent, not what was said, and outputs are the bulk of the file and the likeliest place
// for private data.
struct ExportOptions {
    ExportFormat format = ExportFormat::Csv;
    bool withText = false;
};

// Calls in the order given. CSV follows RFC 4180 (CRLF, fields quoted when they hold a comma,
// quote, CR or LF, quotes doubled), one header line; an unknown cost is an empty cell with
// cost_known "no", never 0. Each call carries its human grade from `grades` (by call id):
// thumb, score and note (redacted), empty / null when it has none.
void writeExport(QTextStream &out, const QList<core::CallRecord> &calls,
    const ExportOptions &options, const QHash<qint64, core::CallGrade> &grades = {});

// One RFC 4180 field.
QString csvField(const QString &text);

} // namespace psm::cli
