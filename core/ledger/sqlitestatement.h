// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "core/common/result.h"

#include <QString>

#include <memory>
#include <optional>

struct sqlite3;
struct sqlite3_stmt;

namespace psm::core {

// One prepared statement, finalized on destruction. Created by SqliteDatabase::prepare and
// bound to that connection's thread. Parameter and column indexes follow SQLite: binds count
// from 1, columns from 0.
class SqliteStatement final {
public:
    SqliteStatement(SqliteStatement &&) noexcept = default;
    SqliteStatement &operator=(SqliteStatement &&) noexcept = default;
    ~SqliteStatement();

    // A null QString binds NULL, so "not known" stays distinguishable from "empty".
    Status bind(int index, const QString &value);
    Status bind(int index, qint64 value);
    Status bind(int index, double value);
    Status bind(int index, std::optional<qint64> value);
    Status bind(int index, std::optional<double> value);
    Status bindNull(int index);

    // true: a row is ready to read; false: the statement is done.
    Result<bool> step();
    // Steps to completion, for statements that return no rows.
    Status run();
    void reset();

    bool isNull(int column) const;
    QString text(int column) const; // null QString for NULL
    qint64 int64(int column) const;
    std::optional<qint64> optionalInt64(int column) const;
    std::optional<double> optionalDouble(int column) const;

private:
    friend class SqliteDatabase;
    struct Finalizer {
        void operator()(sqlite3_stmt *stmt) const;
    };
    SqliteStatement(sqlite3 *db, sqlite3_stmt *stmt);
    Status checkBind(int rc, int index);

    sqlite3 *m_db = nullptr; // not owned: for error text only
    std::unique_ptr<sqlite3_stmt, Finalizer> m_stmt;
};

} // namespace psm::core
