// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "core/ledger/interruptedcalls.h"

#include "core/ledger/processidentity.h"
#include "core/ledger/sqlitedatabase.h"

#include <QList>

namespace psm::core {
namespace {

constexpr qint64 kLegacyRowAgeSecs = 24 * 60 * 60;

struct Interrupted {
    qint64 id = 0;
    QString error;
};

QString stamp(const QDateTime &when)
{
    return when.toUTC().toString(Qt::ISODateWithMs);
}

} // namespace

Result<int> markInterruptedCalls(SqliteDatabase &db, const QDateTime &now)
{
    const QDateTime at = now.isValid() ? now : QDateTime::currentDateTimeUtc();
    // Read first, without a write lock: nearly always there is nothing to mark.
    auto stmt = db.prepare("SELECT id, writer_pid, writer_host, writer_boot, writer_start_ticks, "
                           "started_at FROM calls WHERE status = 'running'");
    if (!stmt)
        return tl::unexpected(stmt.error());
    QList<Interrupted> found;
    const QString legacyBefore = stamp(at.addSecs(-kLegacyRowAgeSecs));
    for (;;) {
        const Result<bool> row = stmt->step();
        if (!row)
            return tl::unexpected(row.error());
        if (!*row)
            break;
        const std::optional<qint64> pid = stmt->optionalInt64(1);
        if (!pid) {
            if (stmt->text(5) < legacyBefore)
                found.append({ stmt->int64(0),
                    QStringLiteral("Interrupted: this call was still running when its "
                                   "Promptsmith stopped; the provider may have billed it, so "
                                   "its cost is unknown") });
            continue;
        }
        ProcessIdentity writer;
        writer.pid = *pid;
        writer.host = stmt->text(2);
        writer.boot = stmt->text(3);
        writer.startTicks = stmt->optionalInt64(4).value_or(0);
        if (writer.liveness() != ProcessIdentity::Liveness::Ended)
            continue;
        found.append({ stmt->int64(0),
            QStringLiteral("Interrupted: Promptsmith (process %1) stopped before this call "
                           "finished; the provider may have billed it, so its cost is unknown")
                .arg(*pid) });
    }
    if (found.isEmpty())
        return 0;

    int marked = 0;
    const Status written = db.transaction([&]() -> Status {
        auto update = db.prepare("UPDATE calls SET status = 'cancelled', finished_at = ?, "
                                 "error = ? WHERE id = ? AND status = 'running'");
        if (!update)
            return tl::unexpected(update.error());
        for (const Interrupted &call : std::as_const(found)) {
            update->reset();
            if (Status s = update->bind(1, stamp(at)); !s)
                return s;
            if (Status s = update->bind(2, call.error); !s)
                return s;
            if (Status s = update->bind(3, call.id); !s)
                return s;
            if (Status s = update->run(); !s)
                return s;
            marked += db.changes();
        }
        return {};
    });
    if (!written)
        return tl::unexpected(written.error());
    return marked;
}

} // namespace psm::core
