// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "core/ledger/sqlitestatement.h"

#include <sqlite3.h>

namespace psm::core {
namespace {

Error statementError(sqlite3 *db, const QString &what)
{
    const char *file = sqlite3_db_filename(db, "main");
    return Error { ErrorCode::Database,
        QStringLiteral("%1 (%2)").arg(what, QString::fromUtf8(file ? file : "")),
        QString::fromUtf8(sqlite3_errmsg(db)), {}, 0, 0 };
}

} // namespace

void SqliteStatement::Finalizer::operator()(sqlite3_stmt *stmt) const
{
    sqlite3_finalize(stmt);
}

SqliteStatement::SqliteStatement(sqlite3 *db, sqlite3_stmt *stmt)
    : m_db(db)
    , m_stmt(stmt)
{
}

SqliteStatement::~SqliteStatement() = default;

Status SqliteStatement::checkBind(int rc, int index)
{
    if (rc == SQLITE_OK)
        return {};
    return tl::unexpected(
        statementError(m_db, QStringLiteral("Cannot bind parameter %1").arg(index)));
}

Status SqliteStatement::bind(int index, const QString &value)
{
    if (value.isNull())
        return bindNull(index);
    const QByteArray utf8 = value.toUtf8();
    return checkBind(sqlite3_bind_text(
                         m_stmt.get(), index, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT),
        index);
}

Status SqliteStatement::bind(int index, qint64 value)
{
    return checkBind(sqlite3_bind_int64(m_stmt.get(), index, value), index);
}

Status SqliteStatement::bind(int index, double value)
{
    return checkBind(sqlite3_bind_double(m_stmt.get(), index, value), index);
}

Status SqliteStatement::bind(int index, std::optional<qint64> value)
{
    return value ? bind(index, *value) : bindNull(index);
}

Status SqliteStatement::bind(int index, std::optional<double> value)
{
    return value ? bind(index, *value) : bindNull(index);
}

Status SqliteStatement::bindNull(int index)
{
    return checkBind(sqlite3_bind_null(m_stmt.get(), index), index);
}

Result<bool> SqliteStatement::step()
{
    const int rc = sqlite3_step(m_stmt.get());
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    return tl::unexpected(statementError(m_db, QStringLiteral("Database query failed")));
}

Status SqliteStatement::run()
{
    for (;;) {
        const Result<bool> row = step();
        if (!row)
            return tl::unexpected(row.error());
        if (!*row)
            return {};
    }
}

void SqliteStatement::reset()
{
    sqlite3_reset(m_stmt.get());
    sqlite3_clear_bindings(m_stmt.get());
}

bool SqliteStatement::isNull(int column) const
{
    return sqlite3_column_type(m_stmt.get(), column) == SQLITE_NULL;
}

QString SqliteStatement::text(int column) const
{
    if (isNull(column))
        return {};
    const auto *data = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt.get(), column));
    const int size = sqlite3_column_bytes(m_stmt.get(), column);
    return QString::fromUtf8(data ? data : "", size);
}

qint64 SqliteStatement::int64(int column) const
{
    return sqlite3_column_int64(m_stmt.get(), column);
}

std::optional<qint64> SqliteStatement::optionalInt64(int column) const
{
    if (isNull(column))
        return std::nullopt;
    return sqlite3_column_int64(m_stmt.get(), column);
}

std::optional<double> SqliteStatement::optionalDouble(int column) const
{
    if (isNull(column))
        return std::nullopt;
    return sqlite3_column_double(m_stmt.get(), column);
}

} // namespace psm::core
