// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "tests/tools/demoworkspace.h"

#include "tests/support/sessionbusisolation.h"
#include "tests/tools/demoreplies.h"

#include <QFile>
#include <QStandardPaths>

namespace psm::demo {
namespace {

// The customer's ticket both prompts read (an input default, so the preview and the grid need
// no form values).
const QByteArray kTicketDefault
    = "  default:\n"
      "    ticket: >-\n"
      "      Hi, I was charged twice for my March invoice (INV-2291): the second $49.00\n"
      "      charge is still on my card. Can you refund it? Our finance close is on Friday.\n";

const QByteArray kReplyFront = "---\n"
                               "model: local/llama3.2:3b\n"
                               "config:\n"
                               "  temperature: 0.2\n"
                               "  maxOutputTokens: 300\n"
                               "input:\n"
                               "  schema:\n"
                               "    ticket: string, the customer's message\n"
    + kTicketDefault + "promptsmith.tags: [support, demo]\n---\n";

const QByteArray kReplyUser = "\n{{role \"user\"}}\n"
                              "Write a reply to this customer ticket:\n\n"
                              "{{ticket}}\n";

// HEAD~1: the first wording.
const QByteArray kReplyFirst = kReplyFront
    + "{{role \"system\"}}\n"
      "You are a helpful support agent for Acme Cloud Storage.\n"
    + kReplyUser;

// HEAD: shorter answers, the refund policy named, no promised dates. "three sentences" stays
// on one line: the server's reply rules look for it (demoreplies.cpp).
const QByteArray kReplySecond = kReplyFront
    + "{{role \"system\"}}\n"
      "You are a support agent for Acme Cloud Storage. Reply in at most three sentences.\n"
      "Name the refund policy (duplicate charges are refunded within 5 business days)\n"
      "and never promise a date you cannot keep.\n"
    + kReplyUser;

const QByteArray kFields = "---\n"
                           "model: local/llama3.2:3b\n"
                           "config:\n"
                           "  temperature: 0\n"
                           "  maxOutputTokens: 120\n"
                           "input:\n"
                           "  schema:\n"
                           "    ticket: string, the customer's message\n"
    + kTicketDefault
    + "output:\n"
      "  format: json\n"
      "promptsmith.tags: [support, extraction, demo]\n"
      "---\n"
      "{{role \"system\"}}\n"
      "Extract the refund request from the ticket as one JSON object with the keys invoice,\n"
      "amount, currency, reason and deadline (null when the ticket names none).\n"
      "\n{{role \"user\"}}\n"
      "{{ticket}}\n";

} // namespace

std::unique_ptr<QTemporaryDir> DemoWorkspace::isolateProcess()
{
    auto runtime = testsupport::isolateFromSessionBus();
    test::isolateGitConfig();
    QStandardPaths::setTestModeEnabled(true);
    return runtime;
}

DemoWorkspace::DemoWorkspace(Pace pace)
{
    if (!m_data.isValid()) {
        m_error = QStringLiteral("cannot make a temporary folder for the ledger");
        return;
    }
    qputenv("PROMPTSMITH_LEDGER", QFile::encodeName(ledgerPath()));
    if (!m_server.start()) {
        m_error = QStringLiteral("the test server cannot listen on 127.0.0.1");
        return;
    }
    testsupport::ServerOptions options;
    options.latencyMs = pace == Pace::Visible ? 300 : 0;
    options.replyRules = demoReplies();
    // About 25 words a second: streaming is seen, a whole grid still takes a few seconds.
    options.faultRules = demoFaults(pace == Pace::Visible ? 40 : 0);
    options.ollamaModels.clear();
    for (const QString &model : kModels)
        options.ollamaModels.append(model.section(QLatin1Char('/'), 1));
    m_server.setOptions(options);
    writeWorkspace();
}

DemoWorkspace::~DemoWorkspace() = default;

QString DemoWorkspace::root() const
{
    return m_repo ? m_repo->path() : QString();
}

QString DemoWorkspace::ledgerPath() const
{
    return m_data.filePath(QStringLiteral("ledger.sqlite3"));
}

bool DemoWorkspace::writeWorkspace()
{
    m_repo = std::make_unique<test::ScratchRepo>();
    if (!m_repo->isValid()) {
        m_error
            = QStringLiteral("git init failed in a temporary folder: %1").arg(m_repo->lastError());
        return false;
    }
    // Demo prices (USD per million tokens) so the totals row has costs to add up; a real
    // local model would have none, and the grid would say "cost unknown".
    const QByteArray yaml
        = QStringLiteral("# The grid demo's workspace: `local` is the test server on 127.0.0.1.\n"
                         "providers:\n"
                         "  local: {type: ollama, base_url: \"%1\", max_concurrency: 6}\n"
                         "columns:\n"
                         "  - model: local/llama3.2:3b\n"
                         "  - model: local/qwen2.5:7b\n"
                         "  - model: local/mistral:7b\n"
                         "prices:\n"
                         "  \"local/llama3.2:3b\": {input: 0.10, output: 0.40}\n"
                         "  \"local/qwen2.5:7b\": {input: 0.30, output: 1.20}\n"
                         "  \"local/mistral:7b\": {input: 0.25, output: 0.25}\n")
              .arg(m_server.baseUrl())
              .toUtf8();
    const bool written = m_repo->write(QStringLiteral("promptsmith.yaml"), yaml)
        && m_repo->write(kReplyPrompt, kReplyFirst) && m_repo->write(kFieldsPrompt, kFields);
    if (!written || m_repo->commitAll(QStringLiteral("Support reply and refund fields")).isEmpty()
        || !m_repo->write(kReplyPrompt, kReplySecond)
        || m_repo
               ->commitAll(QStringLiteral("Support reply: three sentences, name the refund "
                                          "policy, promise no dates"))
               .isEmpty()) {
        m_error = QStringLiteral("cannot write or commit the demo workspace in %1: %2")
                      .arg(m_repo->path(), m_repo->lastError());
        return false;
    }
    return true;
}

} // namespace psm::demo
