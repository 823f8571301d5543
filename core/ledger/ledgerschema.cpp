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
    // The cost dashboard answers over a million calls in well under 150 ms. Grouped sums no
    // longer read the calls: `cost_hours` holds them per UTC hour and per workspace, model,
    // prompt, revision and run, kept exact by triggers on every insert, update and delete (a
    // call's contribution is subtracted as it was and added as it is, so a call that finishes
    // moves from "unknown cost" to its price). Hours rather than days so that days, weeks and
    // months can be cut in the user's local time. Cache hits cost $0 and keep the cost of the
    // call they were served from beside it. `calls_latency` serves the p95 per model by
    // walking the slowest 5% from the top of the index.
    Migration { 7, R"sql(
CREATE TABLE cost_hours (
    hour                    TEXT NOT NULL,
    workspace               TEXT NOT NULL,
    provider                TEXT NOT NULL,
    model                   TEXT NOT NULL,
    prompt_path             TEXT NOT NULL,
    prompt_revision         TEXT NOT NULL,
    run_id                  TEXT NOT NULL,
    calls                   INTEGER NOT NULL,
    errors                  INTEGER NOT NULL,
    provider_calls          INTEGER NOT NULL,
    priced_calls            INTEGER NOT NULL,
    cost_usd                REAL NOT NULL,
    unknown_calls           INTEGER NOT NULL,
    unknown_input_tokens    INTEGER NOT NULL,
    unknown_output_tokens   INTEGER NOT NULL,
    cached_calls            INTEGER NOT NULL,
    cached_original_usd     REAL NOT NULL,
    cached_original_unknown INTEGER NOT NULL,
    input_tokens            INTEGER NOT NULL,
    output_tokens           INTEGER NOT NULL,
    latency_calls           INTEGER NOT NULL,
    latency_sum_ms          INTEGER NOT NULL,
    PRIMARY KEY (hour, workspace, provider, model, prompt_path, prompt_revision, run_id)
) WITHOUT ROWID;
INSERT INTO cost_hours SELECT
    substr(c.started_at, 1, 13),
    coalesce(c.workspace, ''),
    c.provider,
    c.model,
    coalesce(c.prompt_path, ''),
    coalesce(c.prompt_revision, ''),
    coalesce(c.run_id, ''),
    sum(1),
    sum((c.status = 'error')),
    sum((c.status IN ('ok', 'error') AND c.cached = 0)),
    sum((c.cost_usd IS NOT NULL)),
    sum(coalesce(c.cost_usd, 0)),
    sum((c.cost_usd IS NULL)),
    sum(iif(c.cost_usd IS NULL, (coalesce(c.input_tokens, 0) + coalesce(c.cache_read_tokens, 0) + coalesce(c.cache_write_tokens, 0)), 0)),
    sum(iif(c.cost_usd IS NULL, (coalesce(c.output_tokens, 0) + coalesce(c.reasoning_tokens, 0)), 0)),
    sum(c.cached),
    sum(iif(c.cached, coalesce((SELECT o.cost_usd FROM calls o WHERE o.id = c.cached_from), 0), 0)),
    sum(iif(c.cached AND (SELECT o.cost_usd FROM calls o WHERE o.id = c.cached_from) IS NULL, 1, 0)),
    sum((coalesce(c.input_tokens, 0) + coalesce(c.cache_read_tokens, 0) + coalesce(c.cache_write_tokens, 0))),
    sum((coalesce(c.output_tokens, 0) + coalesce(c.reasoning_tokens, 0))),
    sum((c.status = 'ok' AND c.cached = 0 AND c.latency_ms IS NOT NULL)),
    sum(iif((c.status = 'ok' AND c.cached = 0 AND c.latency_ms IS NOT NULL), c.latency_ms, 0))
FROM calls c GROUP BY 1, 2, 3, 4, 5, 6, 7;
CREATE TRIGGER cost_hours_insert AFTER INSERT ON calls BEGIN
    INSERT INTO cost_hours VALUES (
        substr(NEW.started_at, 1, 13),
        coalesce(NEW.workspace, ''),
        NEW.provider,
        NEW.model,
        coalesce(NEW.prompt_path, ''),
        coalesce(NEW.prompt_revision, ''),
        coalesce(NEW.run_id, ''),
        1,
        (NEW.status = 'error'),
        (NEW.status IN ('ok', 'error') AND NEW.cached = 0),
        (NEW.cost_usd IS NOT NULL),
        coalesce(NEW.cost_usd, 0),
        (NEW.cost_usd IS NULL),
        iif(NEW.cost_usd IS NULL, (coalesce(NEW.input_tokens, 0) + coalesce(NEW.cache_read_tokens, 0) + coalesce(NEW.cache_write_tokens, 0)), 0),
        iif(NEW.cost_usd IS NULL, (coalesce(NEW.output_tokens, 0) + coalesce(NEW.reasoning_tokens, 0)), 0),
        NEW.cached,
        iif(NEW.cached, coalesce((SELECT o.cost_usd FROM calls o WHERE o.id = NEW.cached_from), 0), 0),
        iif(NEW.cached AND (SELECT o.cost_usd FROM calls o WHERE o.id = NEW.cached_from) IS NULL, 1, 0),
        (coalesce(NEW.input_tokens, 0) + coalesce(NEW.cache_read_tokens, 0) + coalesce(NEW.cache_write_tokens, 0)),
        (coalesce(NEW.output_tokens, 0) + coalesce(NEW.reasoning_tokens, 0)),
        (NEW.status = 'ok' AND NEW.cached = 0 AND NEW.latency_ms IS NOT NULL),
        iif((NEW.status = 'ok' AND NEW.cached = 0 AND NEW.latency_ms IS NOT NULL), NEW.latency_ms, 0))
    ON CONFLICT (hour, workspace, provider, model, prompt_path, prompt_revision, run_id) DO UPDATE SET
        calls = calls + excluded.calls,
        errors = errors + excluded.errors,
        provider_calls = provider_calls + excluded.provider_calls,
        priced_calls = priced_calls + excluded.priced_calls,
        cost_usd = cost_usd + excluded.cost_usd,
        unknown_calls = unknown_calls + excluded.unknown_calls,
        unknown_input_tokens = unknown_input_tokens + excluded.unknown_input_tokens,
        unknown_output_tokens = unknown_output_tokens + excluded.unknown_output_tokens,
        cached_calls = cached_calls + excluded.cached_calls,
        cached_original_usd = cached_original_usd + excluded.cached_original_usd,
        cached_original_unknown = cached_original_unknown + excluded.cached_original_unknown,
        input_tokens = input_tokens + excluded.input_tokens,
        output_tokens = output_tokens + excluded.output_tokens,
        latency_calls = latency_calls + excluded.latency_calls,
        latency_sum_ms = latency_sum_ms + excluded.latency_sum_ms;
END;
CREATE TRIGGER cost_hours_update AFTER UPDATE ON calls BEGIN
    INSERT INTO cost_hours VALUES (
        substr(OLD.started_at, 1, 13),
        coalesce(OLD.workspace, ''),
        OLD.provider,
        OLD.model,
        coalesce(OLD.prompt_path, ''),
        coalesce(OLD.prompt_revision, ''),
        coalesce(OLD.run_id, ''),
        -1,
        -(OLD.status = 'error'),
        -(OLD.status IN ('ok', 'error') AND OLD.cached = 0),
        -(OLD.cost_usd IS NOT NULL),
        -coalesce(OLD.cost_usd, 0),
        -(OLD.cost_usd IS NULL),
        -iif(OLD.cost_usd IS NULL, (coalesce(OLD.input_tokens, 0) + coalesce(OLD.cache_read_tokens, 0) + coalesce(OLD.cache_write_tokens, 0)), 0),
        -iif(OLD.cost_usd IS NULL, (coalesce(OLD.output_tokens, 0) + coalesce(OLD.reasoning_tokens, 0)), 0),
        -OLD.cached,
        -iif(OLD.cached, coalesce((SELECT o.cost_usd FROM calls o WHERE o.id = OLD.cached_from), 0), 0),
        -iif(OLD.cached AND (SELECT o.cost_usd FROM calls o WHERE o.id = OLD.cached_from) IS NULL, 1, 0),
        -(coalesce(OLD.input_tokens, 0) + coalesce(OLD.cache_read_tokens, 0) + coalesce(OLD.cache_write_tokens, 0)),
        -(coalesce(OLD.output_tokens, 0) + coalesce(OLD.reasoning_tokens, 0)),
        -(OLD.status = 'ok' AND OLD.cached = 0 AND OLD.latency_ms IS NOT NULL),
        -iif((OLD.status = 'ok' AND OLD.cached = 0 AND OLD.latency_ms IS NOT NULL), OLD.latency_ms, 0))
    ON CONFLICT (hour, workspace, provider, model, prompt_path, prompt_revision, run_id) DO UPDATE SET
        calls = calls + excluded.calls,
        errors = errors + excluded.errors,
        provider_calls = provider_calls + excluded.provider_calls,
        priced_calls = priced_calls + excluded.priced_calls,
        cost_usd = cost_usd + excluded.cost_usd,
        unknown_calls = unknown_calls + excluded.unknown_calls,
        unknown_input_tokens = unknown_input_tokens + excluded.unknown_input_tokens,
        unknown_output_tokens = unknown_output_tokens + excluded.unknown_output_tokens,
        cached_calls = cached_calls + excluded.cached_calls,
        cached_original_usd = cached_original_usd + excluded.cached_original_usd,
        cached_original_unknown = cached_original_unknown + excluded.cached_original_unknown,
        input_tokens = input_tokens + excluded.input_tokens,
        output_tokens = output_tokens + excluded.output_tokens,
        latency_calls = latency_calls + excluded.latency_calls,
        latency_sum_ms = latency_sum_ms + excluded.latency_sum_ms;
    INSERT INTO cost_hours VALUES (
        substr(NEW.started_at, 1, 13),
        coalesce(NEW.workspace, ''),
        NEW.provider,
        NEW.model,
        coalesce(NEW.prompt_path, ''),
        coalesce(NEW.prompt_revision, ''),
        coalesce(NEW.run_id, ''),
        1,
        (NEW.status = 'error'),
        (NEW.status IN ('ok', 'error') AND NEW.cached = 0),
        (NEW.cost_usd IS NOT NULL),
        coalesce(NEW.cost_usd, 0),
        (NEW.cost_usd IS NULL),
        iif(NEW.cost_usd IS NULL, (coalesce(NEW.input_tokens, 0) + coalesce(NEW.cache_read_tokens, 0) + coalesce(NEW.cache_write_tokens, 0)), 0),
        iif(NEW.cost_usd IS NULL, (coalesce(NEW.output_tokens, 0) + coalesce(NEW.reasoning_tokens, 0)), 0),
        NEW.cached,
        iif(NEW.cached, coalesce((SELECT o.cost_usd FROM calls o WHERE o.id = NEW.cached_from), 0), 0),
        iif(NEW.cached AND (SELECT o.cost_usd FROM calls o WHERE o.id = NEW.cached_from) IS NULL, 1, 0),
        (coalesce(NEW.input_tokens, 0) + coalesce(NEW.cache_read_tokens, 0) + coalesce(NEW.cache_write_tokens, 0)),
        (coalesce(NEW.output_tokens, 0) + coalesce(NEW.reasoning_tokens, 0)),
        (NEW.status = 'ok' AND NEW.cached = 0 AND NEW.latency_ms IS NOT NULL),
        iif((NEW.status = 'ok' AND NEW.cached = 0 AND NEW.latency_ms IS NOT NULL), NEW.latency_ms, 0))
    ON CONFLICT (hour, workspace, provider, model, prompt_path, prompt_revision, run_id) DO UPDATE SET
        calls = calls + excluded.calls,
        errors = errors + excluded.errors,
        provider_calls = provider_calls + excluded.provider_calls,
        priced_calls = priced_calls + excluded.priced_calls,
        cost_usd = cost_usd + excluded.cost_usd,
        unknown_calls = unknown_calls + excluded.unknown_calls,
        unknown_input_tokens = unknown_input_tokens + excluded.unknown_input_tokens,
        unknown_output_tokens = unknown_output_tokens + excluded.unknown_output_tokens,
        cached_calls = cached_calls + excluded.cached_calls,
        cached_original_usd = cached_original_usd + excluded.cached_original_usd,
        cached_original_unknown = cached_original_unknown + excluded.cached_original_unknown,
        input_tokens = input_tokens + excluded.input_tokens,
        output_tokens = output_tokens + excluded.output_tokens,
        latency_calls = latency_calls + excluded.latency_calls,
        latency_sum_ms = latency_sum_ms + excluded.latency_sum_ms;
    DELETE FROM cost_hours WHERE calls = 0;
END;
CREATE TRIGGER cost_hours_delete AFTER DELETE ON calls BEGIN
    INSERT INTO cost_hours VALUES (
        substr(OLD.started_at, 1, 13),
        coalesce(OLD.workspace, ''),
        OLD.provider,
        OLD.model,
        coalesce(OLD.prompt_path, ''),
        coalesce(OLD.prompt_revision, ''),
        coalesce(OLD.run_id, ''),
        -1,
        -(OLD.status = 'error'),
        -(OLD.status IN ('ok', 'error') AND OLD.cached = 0),
        -(OLD.cost_usd IS NOT NULL),
        -coalesce(OLD.cost_usd, 0),
        -(OLD.cost_usd IS NULL),
        -iif(OLD.cost_usd IS NULL, (coalesce(OLD.input_tokens, 0) + coalesce(OLD.cache_read_tokens, 0) + coalesce(OLD.cache_write_tokens, 0)), 0),
        -iif(OLD.cost_usd IS NULL, (coalesce(OLD.output_tokens, 0) + coalesce(OLD.reasoning_tokens, 0)), 0),
        -OLD.cached,
        -iif(OLD.cached, coalesce((SELECT o.cost_usd FROM calls o WHERE o.id = OLD.cached_from), 0), 0),
        -iif(OLD.cached AND (SELECT o.cost_usd FROM calls o WHERE o.id = OLD.cached_from) IS NULL, 1, 0),
        -(coalesce(OLD.input_tokens, 0) + coalesce(OLD.cache_read_tokens, 0) + coalesce(OLD.cache_write_tokens, 0)),
        -(coalesce(OLD.output_tokens, 0) + coalesce(OLD.reasoning_tokens, 0)),
        -(OLD.status = 'ok' AND OLD.cached = 0 AND OLD.latency_ms IS NOT NULL),
        -iif((OLD.status = 'ok' AND OLD.cached = 0 AND OLD.latency_ms IS NOT NULL), OLD.latency_ms, 0))
    ON CONFLICT (hour, workspace, provider, model, prompt_path, prompt_revision, run_id) DO UPDATE SET
        calls = calls + excluded.calls,
        errors = errors + excluded.errors,
        provider_calls = provider_calls + excluded.provider_calls,
        priced_calls = priced_calls + excluded.priced_calls,
        cost_usd = cost_usd + excluded.cost_usd,
        unknown_calls = unknown_calls + excluded.unknown_calls,
        unknown_input_tokens = unknown_input_tokens + excluded.unknown_input_tokens,
        unknown_output_tokens = unknown_output_tokens + excluded.unknown_output_tokens,
        cached_calls = cached_calls + excluded.cached_calls,
        cached_original_usd = cached_original_usd + excluded.cached_original_usd,
        cached_original_unknown = cached_original_unknown + excluded.cached_original_unknown,
        input_tokens = input_tokens + excluded.input_tokens,
        output_tokens = output_tokens + excluded.output_tokens,
        latency_calls = latency_calls + excluded.latency_calls,
        latency_sum_ms = latency_sum_ms + excluded.latency_sum_ms;
    DELETE FROM cost_hours WHERE calls = 0;
END;
CREATE INDEX calls_latency ON calls(provider, model, latency_ms, started_at, workspace,
    prompt_path, prompt_revision, run_id) WHERE status = 'ok' AND cached = 0 AND latency_ms IS NOT NULL;
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
