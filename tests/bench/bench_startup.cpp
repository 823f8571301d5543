// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// Start-up of the real `promptsmith` window, offscreen, on a fresh copy of the sample workspace
// with its own HOME and XDG folders: exec -> first paint, and the resident memory once it has
// settled; also exec -> the opened workspace painted. The app reports its marks
// (PSM_REPORT_FIRST_PAINT=1, see ui/application.h) on CLOCK_MONOTONIC, which this process shares.
// Goal: first paint <= 300 ms, idle RSS <= 120 MB. Usage: bench_startup [LAUNCHES=10]
// [SETTLE_MS=2000]
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QMap>
#include <QProcess>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>

#include <algorithm>
#include <ctime>

namespace {

QTextStream out(stdout);

qint64 monotonicNs()
{
    timespec now {};
    clock_gettime(CLOCK_MONOTONIC, &now);
    return qint64(now.tv_sec) * 1000000000LL + now.tv_nsec;
}

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    const qsizetype n = values.size();
    return n == 0 ? 0 : (n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2);
}

double minimum(const QList<double> &values)
{
    return values.isEmpty() ? 0 : *std::min_element(values.begin(), values.end());
}

// VmRSS of a running process, in MB; -1 when unreadable.
double residentMb(qint64 pid)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0;
    }
    return -1;
}

struct Launch {
    QMap<QString, double> marksMs; // mark -> ms since exec
    double rssMb = -1;
};

std::optional<Launch> launch(const QString &workspace, const QProcessEnvironment &env, int settleMs)
{
    QProcess process;
    process.setProcessEnvironment(env);
    process.setProcessChannelMode(QProcess::SeparateChannels);
    process.setReadChannel(QProcess::StandardError); // the marks; waitForReadyRead watches it
    const qint64 exec = monotonicNs();
    process.start(QStringLiteral(PSM_PROMPTSMITH), { QStringLiteral("--workspace"), workspace });
    Launch result;
    QByteArray pending;
    while (!result.marksMs.contains(QStringLiteral("workspace-painted"))) {
        if (!process.waitForReadyRead(10000)) {
            out << "no painted workspace within 10 s; stderr: " << pending << '\n';
            process.kill();
            process.waitForFinished();
            return std::nullopt;
        }
        pending += process.readAllStandardError();
        qsizetype newline;
        while ((newline = pending.indexOf('\n')) >= 0) {
            const QList<QByteArray> parts = pending.left(newline).split(' ');
            pending.remove(0, newline + 1);
            if (parts.size() == 3 && parts[0] == "psm-startup")
                result.marksMs.insert(
                    QString::fromLatin1(parts[1]), double(parts[2].toLongLong() - exec) / 1e6);
        }
    }
    QThread::msleep(settleMs);
    QCoreApplication::processEvents();
    result.rssMb = residentMb(process.processId());
    process.kill();
    process.waitForFinished();
    return result;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int launches = argc > 1 ? QByteArray(argv[1]).toInt() : 10;
    const int settleMs = argc > 2 ? QByteArray(argv[2]).toInt() : 2000;

    QTemporaryDir home;
    const QString workspace = home.filePath(QStringLiteral("Samples"));
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), home.path());
    for (const char *name :
        { "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME" })
        env.insert(QString::fromLatin1(name), home.filePath(QString::fromLatin1(name).toLower()));
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));

    QProcess init;
    init.setProcessEnvironment(env);
    init.start(QStringLiteral(PSM_PROMPTSMITH),
        { QStringLiteral("init"), workspace, QStringLiteral("--samples-from"),
            QStringLiteral(PSM_SOURCE_DIR "/samples"), QStringLiteral("--name"),
            QStringLiteral("Bench"), QStringLiteral("--email"),
            QStringLiteral("bench@example.com") });
    if (!init.waitForFinished(30000) || init.exitCode() != 0) {
        out << "promptsmith init failed: " << init.readAllStandardError() << '\n';
        return 1;
    }
    env.insert(QStringLiteral("PSM_REPORT_FIRST_PAINT"), QStringLiteral("1"));

    // One launch first, not counted: it warms the page cache as a second start would find it.
    if (!launch(workspace, env, 0))
        return 1;
    QMap<QString, QList<double>> marks;
    QList<double> rss;
    for (int i = 0; i < launches; ++i) {
        const auto result = launch(workspace, env, settleMs);
        if (!result)
            return 1;
        for (auto it = result->marksMs.cbegin(); it != result->marksMs.cend(); ++it)
            marks[it.key()] << it.value();
        rss << result->rssMb;
        out << QStringLiteral("launch %1: first paint %2 ms, workspace painted %3 ms, idle RSS "
                              "%4 MB\n")
                   .arg(i + 1, 2)
                   .arg(result->marksMs.value(QStringLiteral("first-paint")), 0, 'f', 1)
                   .arg(result->marksMs.value(QStringLiteral("workspace-painted")), 0, 'f', 1)
                   .arg(result->rssMb, 0, 'f', 1);
        out.flush();
    }
    out << "\nms after exec (median / min over " << launches << " launches):\n";
    for (const char *mark : { "main", "qapplication", "transport-started", "window-constructed",
             "window-shown", "started", "first-paint", "workspace-opened", "workspace-painted" }) {
        const QList<double> values = marks.value(QString::fromLatin1(mark));
        out << QStringLiteral("  %1 %2 / %3\n")
                   .arg(QString::fromLatin1(mark).leftJustified(20))
                   .arg(median(values), 7, 'f', 1)
                   .arg(minimum(values), 7, 'f', 1);
    }
    out << QStringLiteral("exec -> first paint: median %1 ms, min %2 ms (goal <= 300)\n")
               .arg(median(marks.value(QStringLiteral("first-paint"))), 0, 'f', 1)
               .arg(minimum(marks.value(QStringLiteral("first-paint"))), 0, 'f', 1);
    out << QStringLiteral("exec -> workspace painted: median %1 ms, min %2 ms\n")
               .arg(median(marks.value(QStringLiteral("workspace-painted"))), 0, 'f', 1)
               .arg(minimum(marks.value(QStringLiteral("workspace-painted"))), 0, 'f', 1);
    out << QStringLiteral("idle RSS after %1 ms: median %2 MB, min %3 MB (goal <= 120)\n")
               .arg(settleMs)
               .arg(median(rss), 0, 'f', 1)
               .arg(minimum(rss), 0, 'f', 1);
    return 0;
}
