// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// Times the Workspace operations the GUI runs on every refresh or click, on a workspace of
// 1,000 prompt files and a few hundred commits. Usage: bench_workspace [FILES] [COMMITS]
#include "core/workspace/workspace.h"
#include "tests/support/scratchrepo.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTextStream>

#include <functional>

using namespace psm::core;

namespace {

QTextStream out(stdout);

double timeIt(const QString &what, int repeats, const std::function<bool()> &body)
{
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < repeats; ++i) {
        if (!body()) {
            out << what << ": FAILED\n";
            return -1;
        }
    }
    const double ms = double(timer.nsecsElapsed()) / 1e6 / repeats;
    out << QStringLiteral("%1 %2 ms").arg(what.leftJustified(52)).arg(ms, 9, 'f', 2) << '\n';
    out.flush();
    return ms;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int files = argc > 1 ? QByteArray(argv[1]).toInt() : 1000;
    const int commits = argc > 2 ? QByteArray(argv[2]).toInt() : 300;

    psm::test::ScratchRepo repo;
    for (int i = 0; i < files; ++i)
        repo.write(QStringLiteral("prompts/d%1/p%2.prompt").arg(i % 20).arg(i),
            "---\nmodel: echo/x\n---\nPrompt " + QByteArray::number(i) + "\n{{input}}\n");
    repo.commitAll(QStringLiteral("seed"));
    auto ws = Workspace::open(repo.path());
    if (!ws) {
        out << ws.error().toString() << '\n';
        return 1;
    }
    out << "workspace: " << files << " prompt files\n";

    const QString hot = QStringLiteral("prompts/d0/p0.prompt");
    int n = 0;
    timeIt(
        QStringLiteral("commit 1 file (Workspace::commit), avg of %1").arg(commits), commits, [&] {
            ++n;
            if (n == commits / 2) { // rename once, so history has a rename to follow
                repo.git({ QStringLiteral("mv"), hot, QStringLiteral("prompts/hot.prompt") });
                return bool(ws->commit(
                    { hot, QStringLiteral("prompts/hot.prompt") }, QStringLiteral("rename")));
            }
            const QString path = n < commits / 2 ? hot : QStringLiteral("prompts/hot.prompt");
            repo.write(path, "edit " + QByteArray::number(n) + "\n");
            return bool(ws->commit({ path }, QStringLiteral("edit %1").arg(n)));
        });
    timeIt(QStringLiteral("open"), 50, [&] { return bool(Workspace::open(repo.path())); });
    timeIt(QStringLiteral("listFiles"), 20, [&] { return bool(ws->listFiles()); });
    timeIt(QStringLiteral("status (clean)"), 20, [&] { return bool(ws->status()); });
    for (int i = 0; i < 50; ++i)
        repo.write(QStringLiteral("prompts/d1/p%1.prompt").arg(i * 20 + 1), "changed\n");
    timeIt(QStringLiteral("status (50 modified)"), 20, [&] {
        const auto status = ws->status();
        return status && status->size() == 50;
    });
    timeIt(QStringLiteral("history of 1 file over %1 commits (1 rename)").arg(commits + 1), 5, [&] {
        const auto h = ws->history(QStringLiteral("prompts/hot.prompt"));
        return h && h->size() == commits + 1;
    });
    timeIt(QStringLiteral("history, first 20 only"), 20,
        [&] { return bool(ws->history(QStringLiteral("prompts/hot.prompt"), 20)); });
    timeIt(QStringLiteral("diff HEAD~50..HEAD"), 20,
        [&] { return bool(ws->diff(QStringLiteral("HEAD~50"), QStringLiteral("HEAD"))); });
    timeIt(QStringLiteral("diff HEAD vs working copy (50 files)"), 20, [&] {
        const auto diff = ws->diff({}, {});
        return diff && diff->size() == 50;
    });
    timeIt(QStringLiteral("readFile at HEAD~100"), 200, [&] {
        return bool(
            ws->readFile(QStringLiteral("HEAD~100"), QStringLiteral("prompts/d3/p3.prompt")));
    });
    return 0;
}
