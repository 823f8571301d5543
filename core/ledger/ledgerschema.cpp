// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "core/ledger/ledgerschema.h"

#include "core/ledger/sqlitedatabase.h"

#include <array>

namespace psm::core {
namespace {

struct Migration {
    int version;
    const char *sql;
};

// Never edit a step once released: add a new one. Times are UTC ISO 8601 with milliseconds
// ("2026-01-31T09:15:02.123Z") so text order is time order. Token and cost columns are NULL
// when not known; cost is never 0 for "unknown".
constexpr std::array kMigrations {
    Migration { 1, R"sql(
CREATE TABLE calls (
    id                  INTEGER PRIMARY KEY,
    started_at          TEXT NOT NULL,
    finished_at         TEXT,
    workspace           TEXT,
    prompt_path         TEXT,
    prompt_revision     TEXT,
    provider            TEXT NOT NULL,
    model               TEXT NOT NULL,
    params_json         TEXT,
    request_hash        TEXT,
    status              TEXT NOT NULL DEFAULT 'running'
                        CHECK (status IN ('running', 'ok', 'error', 'cancelled')),
    error               TEXT,
    latency_ms          INTEGER,
    ttft_ms             INTEGER,
    input_tokens        INTEGER,
    cache_read_tokens   INTEGER,
    cache_write_tokens  INTEGER,
    output_tokens       INTEGER,
    reasoning_tokens    INTEGER,
    cost_usd            REAL,
    price_version       TEXT,
    output_text         TEXT,
    finish_reason       TEXT,
    cached              INTEGER NOT NULL DEFAULT 0 CHECK (cached IN (0, 1)),
    cached_from         INTEGER REFERENCES calls(id) ON DELETE SET NULL
);
CREATE INDEX calls_by_start ON calls(started_at);
CREATE TABLE attempts (
    call_id      INTEGER NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
    attempt      INTEGER NOT NULL CHECK (attempt >= 1),
    started_at   TEXT NOT NULL,
    http_status  INTEGER,
    error        TEXT,
    latency_ms   INTEGER,
    PRIMARY KEY (call_id, attempt)
) WITHOUT ROWID;
PRAGMA application_id = 1347636556;
)sql" },
    // The response cache and the per-prompt history became hot paths once the run engine
    // consulted the ledger before every call; v1 scanned the whole table for both.
    Migration { 2, R"sql(
CREATE INDEX calls_cache_lookup ON calls(request_hash, started_at)
    WHERE status = 'ok' AND cached = 0;
CREATE INDEX calls_by_prompt ON calls(prompt_path, started_at);
)sql" },
    // Calls made by one comparison or eval run are grouped, so a run's matrix can be read back
    // and compared against a baseline run.
    Migration { 3, R"sql(
ALTER TABLE calls ADD COLUMN run_id TEXT;
CREATE INDEX calls_by_run ON calls(run_id) WHERE run_id IS NOT NULL;
)sql" },
    // Cost totals scanned every row including its output text (most of the file): 100-150 ms
    // at 20k calls. A covering index holds just what they read, ordered by time so --since is
    // a range scan; it also orders the history, which makes calls_by_start redundant.
    Migration { 4, R"sql(
CREATE INDEX calls_costs ON calls(started_at, provider, model, workspace, prompt_path, run_id,
    cost_usd, input_tokens, cache_read_tokens, cache_write_tokens, output_tokens,
    reasoning_tokens);
DROP INDEX calls_by_start;
)sql" },
    // A process that quit or crashed mid-call left its rows `running` forever. Each row now
    // names its writer, so the next open can tell a dead writer's rows from a live one's
    // (see interruptedcalls.h); the partial index keeps that look-up off the full table.
    Migration { 5, R"sql(
ALTER TABLE calls ADD COLUMN writer_pid INTEGER;
ALTER TABLE calls ADD COLUMN writer_host TEXT;
ALTER TABLE calls ADD COLUMN writer_boot TEXT;
ALTER TABLE calls ADD COLUMN writer_start_ticks INTEGER;
CREATE INDEX calls_running ON calls(id) WHERE status = 'running';
)sql" },
    // Grids and eval runs are reopened from the ledger without calling any model, so each row
    // says where it sat in its run (`cell`: revision, model, parameter set, input and repeat
    // indices as JSON) and why it was made (`purpose`: NULL for an ordinary call, 'grading' for
    // a model-graded assertion's grader call), so grading spend can be told from the runs'.
    Migration { 6, R"sql(
ALTER TABLE calls ADD COLUMN purpose TEXT;
ALTER TABLE calls ADD COLUMN cell TEXT;
)sql" },
};

static_assert(kMigrations.back().version == LedgerSchema::kCurrentVersion);
static_assert(LedgerSchema::kApplicationId == 1347636556);

} // namespace

Status LedgerSchema::migrate(SqliteDatabase &db, int targetVersion)
{
    return db.transaction([&]() -> Status {
        // Read inside the write transaction: another process may have migrated meanwhile.
        const Result<qint64> version = db.scalarInt("PRAGMA user_version");
        if (!version)
            return tl::unexpected(version.error());
        if (*version > kCurrentVersion) {
            return fail(ErrorCode::Database,
                QStringLiteral("The ledger %1 was upgraded to schema version %2 by a "
                               "newer Promptsmith; this one understands %3. Update "
                               "Promptsmith, or set PROMPTSMITH_LEDGER to another file.")
                    .arg(db.path())
                    .arg(*version)
                    .arg(kCurrentVersion));
        }
        for (const Migration &step : kMigrations) {
            if (step.version <= *version || step.version > targetVersion)
                continue;
            if (Status applied = db.exec(step.sql); !applied) {
                Error e = applied.error();
                e.message = QStringLiteral("Cannot upgrade the ledger %1 to schema version %2")
                                .arg(db.path())
                                .arg(step.version);
                return tl::unexpected(e);
            }
            const QByteArray setVersion
                = "PRAGMA user_version = " + QByteArray::number(step.version);
            if (Status set = db.exec(setVersion.constData()); !set)
                return set;
        }
        return {};
    });
}

} // namespace psm::core
