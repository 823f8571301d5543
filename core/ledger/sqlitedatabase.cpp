// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "core/ledger/sqlitedatabase.h"

#include <QThread>

#include <sqlite3.h>

#include <atomic>

namespace psm::core {
namespace {

std::atomic<SqliteDatabase::StatementObserver> s_observer { nullptr };

int traceStatement(unsigned, void *, void *, void *sql)
{
    if (const SqliteDatabase::StatementObserver observer = s_observer.load())
        observer(static_cast<const char *>(sql));
    return 0;
}

} // namespace

void SqliteDatabase::Closer::operator()(sqlite3 *db) const
{
    // _v2 defers the close until outstanding statements are finalized instead of failing.
    sqlite3_close_v2(db);
}

SqliteDatabase::SqliteDatabase(std::unique_ptr<sqlite3, Closer> db, QString path)
    : m_db(std::move(db))
    , m_path(std::move(path))
    , m_ownerThread(QThread::currentThreadId())
{
}

void SqliteDatabase::assertOwnerThread() const
{
    Q_ASSERT_X(QThread::currentThreadId() == m_ownerThread, "SqliteDatabase",
        "a connection is used only on the thread that opened it");
}

SqliteDatabase::~SqliteDatabase() = default;

Result<SqliteDatabase> SqliteDatabase::open(const QString &path, Mode mode)
{
    int flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
    switch (mode) {
    case Mode::ReadOnly:
        flags |= SQLITE_OPEN_READONLY;
        break;
    case Mode::ReadWrite:
        flags |= SQLITE_OPEN_READWRITE;
        break;
    case Mode::ReadWriteCreate:
        flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
        break;
    }
    sqlite3 *raw = nullptr;
    const int rc = sqlite3_open_v2(path.toUtf8().constData(), &raw, flags, nullptr);
    std::unique_ptr<sqlite3, Closer> db(raw);
    if (rc != SQLITE_OK) {
        const QString detail
            = raw ? QString::fromUtf8(sqlite3_errmsg(raw)) : QString::fromUtf8(sqlite3_errstr(rc));
        return fail(
            ErrorCode::Database, QStringLiteral("Cannot open the database %1").arg(path), detail);
    }
    sqlite3_extended_result_codes(raw, 1);
    if (s_observer.load())
        sqlite3_trace_v2(raw, SQLITE_TRACE_STMT, traceStatement, nullptr);
    return SqliteDatabase(std::move(db), path);
}

Status SqliteDatabase::exec(const char *sql)
{
    assertOwnerThread();
    char *message = nullptr;
    const int rc = sqlite3_exec(m_db.get(), sql, nullptr, nullptr, &message);
    if (rc == SQLITE_OK)
        return {};
    const QString detail = QString::fromUtf8(message ? message : sqlite3_errstr(rc));
    sqlite3_free(message);
    return fail(
        ErrorCode::Database, QStringLiteral("Database statement failed on %1").arg(m_path), detail);
}

Result<SqliteStatement> SqliteDatabase::prepare(const char *sql)
{
    assertOwnerThread();
    sqlite3_stmt *stmt = nullptr;
    const int rc = sqlite3_prepare_v3(m_db.get(), sql, -1, 0, &stmt, nullptr);
    if (rc != SQLITE_OK) {
        sqlite3_finalize(stmt);
        return tl::unexpected(error(QStringLiteral("Cannot prepare a statement")));
    }
    return SqliteStatement(m_db.get(), stmt);
}

Result<SqliteDatabase::Reused> SqliteDatabase::reuse(const char *sql)
{
    assertOwnerThread();
    std::unique_ptr<SqliteStatement> &slot = m_reused[sql];
    if (!slot) {
        sqlite3_stmt *stmt = nullptr;
        const int rc
            = sqlite3_prepare_v3(m_db.get(), sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
        if (rc != SQLITE_OK) {
            sqlite3_finalize(stmt);
            m_reused.erase(sql);
            return tl::unexpected(error(QStringLiteral("Cannot prepare a statement")));
        }
        slot.reset(new SqliteStatement(m_db.get(), stmt));
    }
    return Reused(slot.get());
}

Result<qint64> SqliteDatabase::scalarInt(const char *sql)
{
    auto stmt = prepare(sql);
    if (!stmt)
        return tl::unexpected(stmt.error());
    const Result<bool> row = stmt->step();
    if (!row)
        return tl::unexpected(row.error());
    return *row ? stmt->int64(0) : 0;
}

Result<QString> SqliteDatabase::scalarText(const char *sql)
{
    auto stmt = prepare(sql);
    if (!stmt)
        return tl::unexpected(stmt.error());
    const Result<bool> row = stmt->step();
    if (!row)
        return tl::unexpected(row.error());
    return *row ? stmt->text(0) : QString();
}

Status SqliteDatabase::transaction(const std::function<Status()> &body)
{
    // Inside a caller's transaction (Ledger::batch) the body is a savepoint: it still stands
    // or falls as a whole, and commits with the caller's transaction.
    if (sqlite3_get_autocommit(m_db.get()) == 0) {
        if (Status begun = exec("SAVEPOINT psm_nested"); !begun)
            return begun;
        Status result = body();
        if (result)
            result = exec("RELEASE psm_nested");
        if (!result) {
            exec("ROLLBACK TO psm_nested");
            exec("RELEASE psm_nested");
        }
        return result;
    }
    if (Status begun = exec("BEGIN IMMEDIATE"); !begun)
        return begun;
    Status result = body();
    if (result)
        result = exec("COMMIT");
    if (!result)
        exec("ROLLBACK"); // the first error is the one worth reporting
    return result;
}

qint64 SqliteDatabase::lastInsertRowId() const
{
    return sqlite3_last_insert_rowid(m_db.get());
}

int SqliteDatabase::changes() const
{
    return sqlite3_changes(m_db.get());
}

Error SqliteDatabase::error(const QString &what) const
{
    return Error { ErrorCode::Database, QStringLiteral("%1 (%2)").arg(what, m_path),
        QString::fromUtf8(sqlite3_errmsg(m_db.get())), {}, 0, 0 };
}

bool SqliteDatabase::isBusy(const Error &error)
{
    // The detail is sqlite3_errmsg(), which for these codes is SQLite's fixed text for them.
    return error.code == ErrorCode::Database
        && (error.detail == QString::fromUtf8(sqlite3_errstr(SQLITE_BUSY))
            || error.detail == QString::fromUtf8(sqlite3_errstr(SQLITE_LOCKED)));
}

void SqliteDatabase::setStatementObserver(StatementObserver observer)
{
    s_observer.store(observer);
}

} // namespace psm::core
