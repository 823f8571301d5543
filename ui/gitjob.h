// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "core/common/result.h"
#include "core/workspace/workspace.h"

#include <QFutureWatcher>
#include <QObject>
#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

#include <exception>
#include <optional>
#include <type_traits>
#include <utility>

namespace psm::ui {

namespace detail {
template <typename R> struct IsResult : std::false_type {
};
template <typename T> struct IsResult<tl::expected<T, core::Error>> : std::true_type {
};
} // namespace detail

// Runs git work off the GUI thread. Each task opens its own Workspace from the root path on the
// pool thread (libgit2 handles never cross threads) and returns plain values; `done` runs on
// `context`'s thread and is dropped when `context` is destroyed first. Used by every view that
// asks git something, and by the run panel's ledger history read. An exception must not cross
// threads (Qt would rethrow it on the GUI thread as QUnhandledException and end the app): a
// task returning a Result gets it as an error; for other result types `done` is skipped and
// the failure is logged with qCritical.
class GitJob final {
public:
    // `task` is `R()` and runs on the pool; `done` is `void(R)` on the context's thread.
    template <typename Task, typename Done> static void run(QObject *context, Task task, Done done)
    {
        using R = std::invoke_result_t<Task>;
        auto *watcher = new QFutureWatcher<R>(context);
        QObject::connect(watcher, &QFutureWatcher<R>::finished, context,
            [watcher, done = std::move(done)]() mutable {
                watcher->deleteLater();
                std::optional<R> result;
                try {
                    result.emplace(watcher->result());
                } catch (const std::exception &e) {
                    qCritical("a background git task failed: %s", e.what());
                    return;
                }
                done(std::move(*result));
            });
        watcher->setFuture(QtConcurrent::run([task = std::move(task)]() mutable -> R {
            if constexpr (detail::IsResult<R>::value) {
                try {
                    return task();
                } catch (const std::exception &e) {
                    return core::fail(core::ErrorCode::Internal,
                        QStringLiteral("A background git task failed (a bug in Promptsmith)"),
                        QString::fromUtf8(e.what()));
                }
            } else {
                return task();
            }
        }));
    }

    // `task` is `Result<T>(core::Workspace &)`, run against a Workspace opened at `root`.
    template <typename Task, typename Done>
    static void onWorkspace(QObject *context, const QString &root, Task task, Done done)
    {
        using R = std::invoke_result_t<Task, core::Workspace &>;
        run(
            context,
            [root, task = std::move(task)]() -> R {
                auto workspace = core::Workspace::open(root);
                if (!workspace)
                    return tl::unexpected<core::Error>(workspace.error());
                return task(*workspace);
            },
            std::move(done));
    }
};

} // namespace psm::ui
