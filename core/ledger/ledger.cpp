// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "core/ledger/ledger.h"

#include "core/ledger/interruptedcalls.h"
#include "core/ledger/ledgerschema.h"
#include "core/ledger/processidentity.h"
#include "core/ledger/secretredactor.h"
#include "core/ledger/sqlitedatabase.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QMutex>
#include <QStandardPaths>
#include <QThread>

#include <algorithm>
#include <map>

namespace psm::core {
namespace {

constexpr int kBusyTimeoutMs = 5000;
constexpr qint64 kOpenRetryWindowMs = 15000;

QString toStored(const QDateTime &when)
{
    return (when.isValid() ? when : QDateTime::currentDateTimeUtc())
        .toUTC()
        .toString(Qt::ISODateWithMs);
}

QDateTime fromStored(const QString &text)
{
    if (text.isNull())
        return {};
    return QDateTime::fromString(text, Qt::ISODateWithMs).toUTC();
}

CallStatus statusFromName(const QString &name)
{
    if (name == QLatin1String("ok"))
        return CallStatus::Ok;
    if (name == QLatin1String("error"))
        return CallStatus::Error;
    if (name == QLatin1String("cancelled"))
        return CallStatus::Cancelled;
    return CallStatus::Running;
}

Error unusableFile(const QString &path, const QString &why, const QString &detail)
{
    return Error { ErrorCode::Database,
        QStringLiteral("The ledger %1 %2. It was left untouched: move it aside (or "
                       "restore a backup) and a new ledger is created on the next run, "
                       "or set PROMPTSMITH_LEDGER to another file.")
            .arg(path, why),
        detail, {}, 0, 0 };
}

// True when the file starts with SQLite's magic header, checked before SQLite sees the file so
// that nothing (not even a journal) is written next to something that is not a database.
bool hasSqliteHeader(const QString &path, QString *detail)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *detail = file.errorString();
        return false;
    }
    const QByteArray head = file.read(16);
    if (head == QByteArray("SQLite format 3", 16))
        return true;
    *detail = QStringLiteral("no SQLite header in the first 16 bytes");
    return false;
}

// "ok", or the first few problems SQLite found, one per line.
Result<QString> quickCheck(SqliteDatabase &db)
{
    auto stmt = db.prepare("PRAGMA quick_check(5)");
    if (!stmt)
        return tl::unexpected(stmt.error());
    QStringList lines;
    for (;;) {
        const Result<bool> row = stmt->step();
        if (!row)
            return tl::unexpected(row.error());
        if (!*row)
            return lines.join(QLatin1Char('\n'));
        lines << stmt->text(0);
    }
}

// Everything that must hold before the ledger writes to a file (trivially true for a new one).
// quick_check reads the whole file, so it runs only when `integrity` asks for it.
Status checkExisting(SqliteDatabase &db, const QString &path, bool integrity)
{
    const Result<qint64> version = db.scalarInt("PRAGMA user_version");
    if (!version && SqliteDatabase::isBusy(version.error()))
        return tl::unexpected(version.error());
    if (!version)
        return tl::unexpected(unusableFile(path,
            QStringLiteral("is not a readable SQLite "
                           "database"),
            version.error().detail));
    if (*version > LedgerSchema::kCurrentVersion) {
        return fail(ErrorCode::Database,
            QStringLiteral("The ledger %1 has schema version %2, newer than this "
                           "Promptsmith understands (%3). It was left untouched: update "
                           "Promptsmith, or set PROMPTSMITH_LEDGER to another file.")
                .arg(path)
                .arg(*version)
                .arg(LedgerSchema::kCurrentVersion));
    }
    if (integrity) {
        const Result<QString> check = quickCheck(db);
        if (!check && SqliteDatabase::isBusy(check.error()))
            return tl::unexpected(check.error());
        if (!check || *check != QLatin1String("ok")) {
            return tl::unexpected(unusableFile(path,
                QStringLiteral("is damaged (quick_check failed)"),
                check ? *check : check.error().detail));
        }
    }
    const Result<qint64> appId = db.scalarInt("PRAGMA application_id");
    const Result<qint64> tables
        = db.scalarInt("SELECT count(*) FROM sqlite_schema WHERE type = 'table'");
    if (!appId || !tables)
        return tl::unexpected(!appId ? appId.error() : tables.error());
    const bool foreign
        = (*appId != 0 && *appId != LedgerSchema::kApplicationId) || (*appId == 0 && *tables > 0);
    if (foreign) {
        return tl::unexpected(
            unusableFile(path, QStringLiteral("is a SQLite database of another program"),
                QStringLiteral("application_id %1, %2 tables").arg(*appId).arg(*tables)));
    }
    return {};
}

// The files this process has run quick_check on and still holds open. The check reads the
// whole file, so it runs on a process's first open of a file, not on every open (the run panel
// opens the ledger for each history refresh). Each Ledger holds a token; once every
// connection to a file has closed, the next open checks again, as the file may have been
// replaced or damaged meanwhile.
class IntegrityChecked final {
public:
    static std::shared_ptr<const void> find(const QString &key)
    {
        const QMutexLocker lock(&s_mutex);
        const auto it = s_files.constFind(key);
        return it == s_files.cend() ? nullptr : it->lock();
    }
    static std::shared_ptr<const void> add(const QString &key)
    {
        const QMutexLocker lock(&s_mutex);
        std::shared_ptr<const void> token = s_files.value(key).lock();
        if (!token) {
            token = std::make_shared<int>(0);
            s_files.insert(key, token);
        }
        return token;
    }

private:
    static inline QMutex s_mutex;
    static inline QHash<QString, std::weak_ptr<const void>> s_files;
};

QString checkedFileKey(const QString &path)
{
    const QFileInfo info(path);
    const QString canonical = info.canonicalFilePath();
    return canonical.isEmpty() ? info.absoluteFilePath() : canonical;
}

constexpr const char *kSelectCall = R"sql(
SELECT id, started_at, finished_at, workspace, prompt_path, prompt_revision, provider, model,
       params_json, request_hash, status, error, latency_ms, ttft_ms, input_tokens,
       cache_read_tokens, cache_write_tokens, output_tokens, reasoning_tokens, cost_usd,
       price_version, output_text, finish_reason, cached, cached_from, run_id, cell, purpose
FROM calls )sql";

CallRecord readCall(const SqliteStatement &s)
{
    CallRecord r;
    r.id = s.int64(0);
    r.start.startedAt = fromStored(s.text(1));
    r.outcome.finishedAt = fromStored(s.text(2));
    r.start.workspace = s.text(3);
    r.start.promptPath = s.text(4);
    r.start.promptRevision = s.text(5);
    r.start.provider = s.text(6);
    r.start.model = s.text(7);
    r.start.parametersJson = s.text(8);
    r.start.requestHash = s.text(9);
    r.outcome.status = statusFromName(s.text(10));
    r.outcome.error = s.text(11);
    r.outcome.latencyMs = s.optionalInt64(12);
    r.outcome.timeToFirstTokenMs = s.optionalInt64(13);
    r.outcome.tokens.inputUncached = s.optionalInt64(14);
    r.outcome.tokens.cacheRead = s.optionalInt64(15);
    r.outcome.tokens.cacheWrite = s.optionalInt64(16);
    r.outcome.tokens.output = s.optionalInt64(17);
    r.outcome.tokens.reasoning = s.optionalInt64(18);
    r.outcome.costUsd = s.optionalDouble(19);
    r.outcome.priceVersion = s.text(20);
    r.outcome.outputText = s.text(21);
    r.outcome.finishReason = s.text(22);
    r.outcome.cached = s.int64(23) != 0;
    r.outcome.cachedFromId = s.optionalInt64(24);
    r.start.runId = s.text(25);
    r.start.cellJson = s.text(26);
    r.start.purpose = s.text(27);
    return r;
}

template <typename... Values> Status bindAll(SqliteStatement &stmt, const Values &...values)
{
    int index = 0;
    Status status;
    ((status = status ? stmt.bind(++index, values) : status), ...);
    return status;
}

} // namespace

QString callStatusName(CallStatus status)
{
    switch (status) {
    case CallStatus::Running:
        return QStringLiteral("running");
    case CallStatus::Ok:
        return QStringLiteral("ok");
    case CallStatus::Error:
        return QStringLiteral("error");
    case CallStatus::Cancelled:
        return QStringLiteral("cancelled");
    }
    return QStringLiteral("running");
}

QString Ledger::defaultPath()
{
    const QString fromEnv = qEnvironmentVariable("PROMPTSMITH_LEDGER");
    if (!fromEnv.isEmpty())
        return fromEnv;
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
        + QStringLiteral("/ledger.sqlite3");
}

Ledger::Ledger(std::unique_ptr<SqliteDatabase> db, std::shared_ptr<const void> integrityChecked)
    : m_db(std::move(db))
    , m_integrityChecked(std::move(integrityChecked))
{
}
Ledger::Ledger(Ledger &&) noexcept = default;
Ledger &Ledger::operator=(Ledger &&) noexcept = default;
Ledger::~Ledger() = default;

QString Ledger::path() const
{
    return m_db->path();
}

Result<Ledger> Ledger::open(const QString &path)
{
    if (path.isEmpty())
        return fail(ErrorCode::InvalidInput, QStringLiteral("No ledger path given"));
    const QFileInfo info(path);
    const bool existing = info.exists() && info.size() > 0;
    if (info.exists() && !info.isFile())
        return fail(ErrorCode::Database,
            QStringLiteral("The ledger path %1 is not a regular file").arg(path));
    if (existing) {
        QString detail;
        if (!hasSqliteHeader(path, &detail))
            return tl::unexpected(
                unusableFile(path, QStringLiteral("is not a SQLite database"), detail));
    } else if (!QDir().mkpath(info.absolutePath())) {
        return fail(ErrorCode::Io,
            QStringLiteral("Cannot create the folder %1 for the ledger").arg(info.absolutePath()));
    }

    const auto attempt = [&path]() -> Result<Ledger> {
        auto db = SqliteDatabase::open(path, SqliteDatabase::Mode::ReadWriteCreate);
        if (!db)
            return tl::unexpected(db.error());
        if (Status s = db->exec("PRAGMA busy_timeout = 5000"); !s)
            return tl::unexpected(s.error());
        static_assert(kBusyTimeoutMs == 5000);
        const QString key = checkedFileKey(path);
        std::shared_ptr<const void> checked = IntegrityChecked::find(key);
        // Checked even for an empty main file: in WAL mode another process's schema may so far
        // live only in the -wal file.
        if (Status s = checkExisting(*db, path, !checked); !s)
            return tl::unexpected(s.error());
        // Only now may the file change: WAL lets the GUI's background readers and a CLI run
        // share the file with one writer at a time.
        const Result<QString> journal = db->scalarText("PRAGMA journal_mode = WAL");
        if (!journal)
            return tl::unexpected(journal.error());
        if (journal->compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0)
            return fail(ErrorCode::Database,
                QStringLiteral("The ledger %1 cannot use write-ahead logging (journal mode "
                               "is %2); is it on a network file system?")
                    .arg(path, *journal));
        if (Status s = db->exec("PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL"); !s)
            return tl::unexpected(s.error());
        if (Status s = LedgerSchema::migrate(*db); !s)
            return tl::unexpected(s.error());
        // Housekeeping: on any other failure the rows stay `running` until the next open.
        if (Result<int> marked = markInterruptedCalls(*db);
            !marked && SqliteDatabase::isBusy(marked.error()))
            return tl::unexpected(marked.error());
        if (!checked)
            checked = IntegrityChecked::add(key);
        return Ledger(std::make_unique<SqliteDatabase>(std::move(*db)), std::move(checked));
    };

    // busy_timeout covers most waits, but SQLite answers SQLITE_BUSY at once where waiting
    // could deadlock: two processes creating the same new ledger, one holding a read lock and
    // the other the write lock of the switch to WAL. Such a failure is transient: the whole
    // open is tried again (a fresh connection) until kOpenRetryWindowMs has passed.
    QElapsedTimer clock;
    clock.start();
    int pauseMs = 10;
    for (;;) {
        Result<Ledger> opened = attempt();
        if (opened || !SqliteDatabase::isBusy(opened.error())
            || clock.elapsed() + pauseMs > kOpenRetryWindowMs)
            return opened;
        QThread::msleep(pauseMs);
        pauseMs = std::min(pauseMs * 2, 250);
    }
}

Result<Ledger> Ledger::openReadOnly(const QString &path, int minimumVersion)
{
    if (path.isEmpty())
        return fail(ErrorCode::InvalidInput, QStringLiteral("No ledger path given"));
    const QFileInfo info(path);
    if (!info.exists() || info.size() == 0)
        return fail(ErrorCode::NotFound, QStringLiteral("No ledger at %1 yet").arg(path));
    if (!info.isFile())
        return fail(ErrorCode::Database,
            QStringLiteral("The ledger path %1 is not a regular file").arg(path));
    QString detail;
    if (!hasSqliteHeader(path, &detail))
        return tl::unexpected(
            unusableFile(path, QStringLiteral("is not a SQLite database"), detail));
    auto db = SqliteDatabase::open(path, SqliteDatabase::Mode::ReadOnly);
    if (!db)
        return tl::unexpected(db.error());
    if (Status s = db->exec("PRAGMA busy_timeout = 5000"); !s)
        return tl::unexpected(s.error());
    // No quick_check: it guards writes, and on a large ledger it reads the whole file (over a
    // minute at a million calls) before the first figure. A reader meeting damage gets SQLite's
    // own error from its query instead.
    if (Status s = checkExisting(*db, path, false); !s)
        return tl::unexpected(s.error());
    const Result<qint64> version = db->scalarInt("PRAGMA user_version");
    if (!version)
        return tl::unexpected(version.error());
    if (*version < minimumVersion) {
        return fail(ErrorCode::Conflict,
            QStringLiteral("The ledger %1 has schema version %2; reading it needs version %3")
                .arg(path)
                .arg(*version)
                .arg(minimumVersion));
    }
    return Ledger(std::make_unique<SqliteDatabase>(std::move(*db)), nullptr);
}

Result<Ledger *> Ledger::forThisThread(const QString &path)
{
    // Destroyed when the thread ends, on that thread, so each connection closes where it was
    // opened. Failures are not kept: the next call tries again.
    thread_local std::map<QString, std::unique_ptr<Ledger>> connections;
    const auto found = connections.find(path);
    if (found != connections.end())
        return found->second.get();
    Result<Ledger> opened = open(path);
    if (!opened)
        return tl::unexpected(opened.error());
    auto owned = std::make_unique<Ledger>(std::move(*opened));
    Ledger *ledger = owned.get();
    connections.emplace(path, std::move(owned));
    return ledger;
}

Status Ledger::batch(const std::function<void()> &body)
{
    // IMMEDIATE takes the write lock now (waiting as any statement would), so no write inside
    // meets another connection's lock half-way. Already in a transaction (a batch inside a
    // batch), BEGIN fails and the writes simply join the outer one.
    if (Status begun = m_db->exec("BEGIN IMMEDIATE"); !begun) {
        body();
        return {};
    }
    body();
    // A COMMIT with no transaction open means an error (disk full, I/O) rolled it back: what
    // body wrote before that error is gone, and the caller must hear so.
    if (Status committed = m_db->exec("COMMIT"); !committed) {
        m_db->exec("ROLLBACK");
        Error e = committed.error();
        e.message = QStringLiteral("The ledger %1 could not commit a batch of writes; those "
                                   "calls' rows are missing or incomplete")
                        .arg(path());
        return tl::unexpected(e);
    }
    return {};
}

Result<qint64> Ledger::beginCall(const CallStart &start)
{
    if (start.provider.isEmpty() || start.model.isEmpty())
        return fail(
            ErrorCode::InvalidInput, QStringLiteral("A ledger call needs a provider and a model"));
    auto reused = m_db->reuse(R"sql(
INSERT INTO calls (started_at, workspace, prompt_path, prompt_revision, provider, model,
                   params_json, request_hash, run_id, cell, purpose, status,
                   writer_pid, writer_host, writer_boot, writer_start_ticks)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'running', ?, ?, ?, ?))sql");
    if (!reused)
        return tl::unexpected(reused.error());
    SqliteStatement *stmt = &reused->statement();
    // So that a later open can tell whether this process is still there to finish the call.
    const ProcessIdentity &writer = ProcessIdentity::current();
    Status bound = bindAll(*stmt, toStored(start.startedAt), start.workspace, start.promptPath,
        start.promptRevision, start.provider, start.model,
        SecretRedactor::redactJson(start.parametersJson), start.requestHash,
        start.runId.isEmpty() ? QString() : start.runId,
        start.cellJson.isEmpty() ? QString() : start.cellJson,
        start.purpose.isEmpty() ? QString() : start.purpose, writer.pid, writer.host, writer.boot,
        writer.startTicks ? std::optional<qint64>(writer.startTicks) : std::nullopt);
    if (!bound)
        return tl::unexpected(bound.error());
    if (Status s = stmt->run(); !s)
        return tl::unexpected(s.error());
    return m_db->lastInsertRowId();
}

Status Ledger::recordAttempt(qint64 callId, const CallAttempt &attempt)
{
    if (attempt.attempt < 1)
        return fail(ErrorCode::InvalidInput, QStringLiteral("Attempt numbers start at 1"));
    auto reused = m_db->reuse(R"sql(
INSERT OR REPLACE INTO attempts (call_id, attempt, started_at, http_status, error, latency_ms)
VALUES (?, ?, ?, ?, ?, ?))sql");
    if (!reused)
        return tl::unexpected(reused.error());
    SqliteStatement *stmt = &reused->statement();
    const std::optional<qint64> http
        = attempt.httpStatus ? std::optional<qint64>(*attempt.httpStatus) : std::nullopt;
    Status bound = bindAll(*stmt, callId, qint64(attempt.attempt), toStored(attempt.startedAt),
        http, SecretRedactor::redact(attempt.error), attempt.latencyMs);
    if (!bound)
        return bound;
    if (Status s = stmt->run(); !s) {
        Error e = s.error();
        if (e.detail.contains(QLatin1String("FOREIGN KEY"))) {
            e.code = ErrorCode::NotFound;
            e.message = QStringLiteral("No ledger call %1 to record an attempt for").arg(callId);
        }
        return tl::unexpected(e);
    }
    return {};
}

Status Ledger::finishCall(qint64 callId, const CallOutcome &outcome)
{
    if (outcome.status == CallStatus::Running)
        return fail(ErrorCode::InvalidInput, QStringLiteral("A call cannot finish as running"));
    if (outcome.costUsd && *outcome.costUsd < 0)
        return fail(ErrorCode::InvalidInput, QStringLiteral("A call cost cannot be negative"));
    auto reused = m_db->reuse(R"sql(
UPDATE calls SET finished_at = ?, status = ?, error = ?, latency_ms = ?, ttft_ms = ?,
    input_tokens = ?, cache_read_tokens = ?, cache_write_tokens = ?, output_tokens = ?,
    reasoning_tokens = ?, cost_usd = ?, price_version = ?, output_text = ?, finish_reason = ?,
    cached = ?, cached_from = ?
WHERE id = ? AND status = 'running')sql");
    if (!reused)
        return tl::unexpected(reused.error());
    SqliteStatement *stmt = &reused->statement();
    const TokenUsage &t = outcome.tokens;
    Status bound = bindAll(*stmt, toStored(outcome.finishedAt), callStatusName(outcome.status),
        SecretRedactor::redact(outcome.error), outcome.latencyMs, outcome.timeToFirstTokenMs,
        t.inputUncached, t.cacheRead, t.cacheWrite, t.output, t.reasoning, outcome.costUsd,
        outcome.priceVersion, outcome.outputText, outcome.finishReason,
        qint64(outcome.cached ? 1 : 0), outcome.cachedFromId, callId);
    if (!bound)
        return bound;
    if (Status s = stmt->run(); !s)
        return s;
    if (m_db->changes() == 1)
        return {};
    const Result<std::optional<CallRecord>> existing = call(callId);
    if (existing && !*existing)
        return fail(ErrorCode::NotFound, QStringLiteral("No ledger call %1 to finish").arg(callId));
    return fail(ErrorCode::Conflict,
        QStringLiteral("Ledger call %1 is already finished; it is recorded once").arg(callId));
}

Status Ledger::attachAttempts(CallRecord &record) const
{
    auto stmt = m_db->prepare("SELECT attempt, started_at, http_status, error, latency_ms "
                              "FROM attempts WHERE call_id = ? ORDER BY attempt");
    if (!stmt)
        return tl::unexpected(stmt.error());
    if (Status s = stmt->bind(1, record.id); !s)
        return s;
    for (;;) {
        const Result<bool> row = stmt->step();
        if (!row)
            return tl::unexpected(row.error());
        if (!*row)
            return {};
        CallAttempt a;
        a.attempt = int(stmt->int64(0));
        a.startedAt = fromStored(stmt->text(1));
        if (const auto http = stmt->optionalInt64(2))
            a.httpStatus = int(*http);
        a.error = stmt->text(3);
        a.latencyMs = stmt->optionalInt64(4);
        record.attempts.append(a);
    }
}

Result<std::optional<CallRecord>> Ledger::call(qint64 callId) const
{
    const QByteArray sql = QByteArray(kSelectCall) + "WHERE id = ?";
    auto stmt = m_db->prepare(sql.constData());
    if (!stmt)
        return tl::unexpected(stmt.error());
    if (Status s = stmt->bind(1, callId); !s)
        return tl::unexpected(s.error());
    const Result<bool> row = stmt->step();
    if (!row)
        return tl::unexpected(row.error());
    if (!*row)
        return std::optional<CallRecord>();
    CallRecord record = readCall(*stmt);
    if (Status s = attachAttempts(record); !s)
        return tl::unexpected(s.error());
    return std::optional<CallRecord>(std::move(record));
}

Result<QList<CallRecord>> Ledger::calls(const CallQuery &query) const
{
    const QByteArray sql = QByteArray(kSelectCall) + R"sql(
WHERE (?1 IS NULL OR started_at >= ?1)
  AND (?2 IS NULL OR prompt_path = ?2)
  AND (?3 IS NULL OR run_id = ?3)
  AND (?5 IS NULL OR workspace = ?5)
ORDER BY started_at DESC, id DESC
LIMIT ?4)sql";
    auto stmt = m_db->prepare(sql.constData());
    if (!stmt)
        return tl::unexpected(stmt.error());
    Status bound = bindAll(*stmt, query.since.isValid() ? toStored(query.since) : QString(),
        query.promptPath.isEmpty() ? QString() : query.promptPath,
        query.runId.isEmpty() ? QString() : query.runId, qint64(query.limit > 0 ? query.limit : -1),
        query.workspace.isEmpty() ? QString() : query.workspace);
    if (!bound)
        return tl::unexpected(bound.error());
    QList<CallRecord> out;
    for (;;) {
        const Result<bool> row = stmt->step();
        if (!row)
            return tl::unexpected(row.error());
        if (!*row)
            break;
        out.append(readCall(*stmt));
    }
    for (CallRecord &record : out) {
        if (Status s = attachAttempts(record); !s)
            return tl::unexpected(s.error());
    }
    return out;
}

Result<QList<CostRow>> Ledger::costBy(CostGrouping grouping, const CallQuery &filter) const
{
    const char *key = "provider || '/' || model, NULL";
    if (grouping == CostGrouping::Prompt)
        key = "coalesce(prompt_path, ''), coalesce(workspace, '')";
    else if (grouping == CostGrouping::Day)
        key = "substr(started_at, 1, 10), NULL";
    const QByteArray sql = QByteArray("SELECT ") + key + R"sql(, count(*),
       total(cost_usd), count(*) - count(cost_usd),
       total(coalesce(input_tokens, 0) + coalesce(cache_read_tokens, 0)
             + coalesce(cache_write_tokens, 0)),
       total(coalesce(output_tokens, 0) + coalesce(reasoning_tokens, 0))
FROM calls
WHERE (?1 IS NULL OR started_at >= ?1)
  AND (?2 IS NULL OR workspace = ?2)
  AND (?3 IS NULL OR prompt_path = ?3)
  AND (?4 IS NULL OR run_id = ?4)
GROUP BY 2, 1 ORDER BY 2, 1)sql";
    auto stmt = m_db->prepare(sql.constData());
    if (!stmt)
        return tl::unexpected(stmt.error());
    const auto orNull = [](const QString &s) { return s.isEmpty() ? QString() : s; };
    Status bound = bindAll(*stmt, filter.since.isValid() ? toStored(filter.since) : QString(),
        orNull(filter.workspace), orNull(filter.promptPath), orNull(filter.runId));
    if (!bound)
        return tl::unexpected(bound.error());
    QList<CostRow> rows;
    for (;;) {
        const Result<bool> row = stmt->step();
        if (!row)
            return tl::unexpected(row.error());
        if (!*row)
            return rows;
        CostRow r;
        r.key = stmt->text(0);
        r.workspace = stmt->text(1);
        r.calls = stmt->int64(2);
        r.knownUsd = stmt->optionalDouble(3).value_or(0);
        r.unknownCostCalls = stmt->int64(4);
        r.inputTokens = qint64(stmt->optionalDouble(5).value_or(0));
        r.outputTokens = qint64(stmt->optionalDouble(6).value_or(0));
        rows.append(r);
    }
}

Result<std::optional<CallRecord>> Ledger::cachedResponse(const QString &requestHash) const
{
    if (requestHash.isEmpty())
        return std::optional<CallRecord>();
    const QByteArray sql = QByteArray(kSelectCall) + R"sql(
WHERE request_hash = ? AND status = 'ok' AND cached = 0
ORDER BY started_at DESC, id DESC LIMIT 1)sql";
    auto stmt = m_db->prepare(sql.constData());
    if (!stmt)
        return tl::unexpected(stmt.error());
    if (Status s = stmt->bind(1, requestHash); !s)
        return tl::unexpected(s.error());
    const Result<bool> row = stmt->step();
    if (!row)
        return tl::unexpected(row.error());
    if (!*row)
        return std::optional<CallRecord>();
    CallRecord record = readCall(*stmt);
    if (Status s = attachAttempts(record); !s)
        return tl::unexpected(s.error());
    return std::optional<CallRecord>(std::move(record));
}

} // namespace psm::core
