// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include <QObject>

class QSocketNotifier;

namespace psm::cli {

// SIGINT and SIGTERM as a Qt signal on the CLI's thread: the handler only write()s the signal
// number to a socket pair (async-signal-safe); a QSocketNotifier reads it in the event loop,
// where cancelling and recording are safe. The previous handlers come back on destruction.
// One at a time per process.
class TerminationSignals final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TerminationSignals)

public:
    explicit TerminationSignals(QObject *parent = nullptr);
    ~TerminationSignals() override;

    bool isActive() const { return m_notifier != nullptr; }
    // 128 + the signal: the exit code a shell expects (130 for SIGINT, 143 for SIGTERM).
    static int exitCodeFor(int signalNumber) { return 128 + signalNumber; }

signals:
    void received(int signalNumber);

private:
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace psm::cli
