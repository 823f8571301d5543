// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include <QString>

#include <tl/expected.hpp>

namespace psm::core {

// What kind of failure, so callers (and the CLI's exit codes) can react without parsing text.
enum class ErrorCode {
    InvalidInput,  // the user's file, argument or data is wrong: CLI exit 2
    NotFound,      // a file, revision, workspace or record that does not exist: CLI exit 2
    Conflict,      // the operation would lose or overwrite something: CLI exit 3
    Io,            // disk, permissions: CLI exit 3
    Git,           // libgit2 reported a failure: CLI exit 3
    Database,      // SQLite reported a failure, or the ledger file is unusable: CLI exit 3
    Network,       // transport-level failure talking to a provider: CLI exit 3
    Provider,      // the provider answered with an error: CLI exit 3
    Cancelled,     // the user or a timeout stopped it: CLI exit 3
    Internal,      // a bug of ours: CLI exit 3
};

// An error a user can act on: `message` says what went wrong in their terms, `detail` carries
// the library's own text (git_error_last(), sqlite3_errmsg(), curl's buffer, an HTTP body), and
// file/line/column say where, when there is a where. Lines and columns count from 1; 0 = unknown.
struct Error {
    ErrorCode code = ErrorCode::Internal;
    QString message;
    QString detail;
    QString file;
    int line = 0;
    int column = 0;

    // "file:line:col: message" (the parts that are known), then " (detail)" when there is one.
    QString toString() const;
};

template <typename T>
using Result = tl::expected<T, Error>;

// The void case reads better spelled out at call sites: `Status saveFile(...)`.
using Status = tl::expected<void, Error>;

inline tl::unexpected<Error> fail(ErrorCode code, QString message, QString detail = {})
{
    return tl::unexpected<Error>(Error{code, std::move(message), std::move(detail), {}, 0, 0});
}

inline tl::unexpected<Error> failAt(ErrorCode code, QString message, QString file, int line,
                                    int column, QString detail = {})
{
    return tl::unexpected<Error>(
        Error{code, std::move(message), std::move(detail), std::move(file), line, column});
}

} // namespace psm::core
