// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "tests/support/scratchrepo.h"
#include "tests/support/testserver/testserver.h"

#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

namespace psm::demo {

// The demo's prompts, workspace-relative. The reply prompt has two commits (HEAD~1 and HEAD
// differ in the system message); the fields prompt asks for JSON.
inline const QString kReplyPrompt = QStringLiteral("prompts/support_reply.prompt");
inline const QString kFieldsPrompt = QStringLiteral("prompts/refund_fields.prompt");
// Three models of the workspace's `local` provider (Ollama's API, served by the test server).
inline const QStringList kModels = { QStringLiteral("local/llama3.2:3b"),
    QStringLiteral("local/qwen2.5:7b"), QStringLiteral("local/mistral:7b") };

// How fast the server answers: Visible streams word by word at about a person's reading speed
// (screenshots, a look at the live grid); Fast answers at once (tests).
enum class Pace { Visible, Fast };

// Everything a demo scene needs, made fresh in temporary folders: the local test server with
// scripted, model-like answers (demoreplies.h) and a fault on mistral at temperature 0.8, and a
// git workspace whose promptsmith.yaml points `local` at it (with demo prices, so the totals
// show costs). Sets PROMPTSMITH_LEDGER to a ledger file of its own. Call isolateProcess() once
// before making one, and before the QApplication. Owned by main() or a test; GUI thread.
class DemoWorkspace final {
public:
    explicit DemoWorkspace(Pace pace = Pace::Visible);
    ~DemoWorkspace();
    DemoWorkspace(const DemoWorkspace &) = delete;
    DemoWorkspace &operator=(const DemoWorkspace &) = delete;

    bool isValid() const { return m_error.isEmpty(); }
    QString error() const { return m_error; } // what failed, for the launcher's stderr
    QString root() const;
    QString ledgerPath() const;
    testsupport::TestServer &server() { return m_server; }

    // Keeps the demo off the user's machine state: no session bus (so no keychain is asked),
    // an empty home and git config, Qt's test-mode standard paths (settings, recent
    // workspaces). Returns the folder that must outlive the process's D-Bus use.
    static std::unique_ptr<QTemporaryDir> isolateProcess();

private:
    bool writeWorkspace();

    QTemporaryDir m_data; // the ledger
    testsupport::TestServer m_server;
    std::unique_ptr<test::ScratchRepo> m_repo;
    QString m_error;
};

} // namespace psm::demo
