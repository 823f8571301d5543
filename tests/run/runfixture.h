// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "tests/support/scratchrepo.h"
#include "tests/support/testserver/testserver.h"

#include <QString>

namespace psm::tests {

// promptsmith.yaml pointing every provider type at the local server, with test-sized timeouts
// and retries; `slow` has a one-second first-byte timeout and no retries, for stalls.
inline QByteArray localProvidersYaml(const testsupport::TestServer &server)
{
    const QByteArray base = server.baseUrl().toUtf8();
    const QByteArray common = ", max_retries: 2, connect_timeout_s: 2, first_byte_timeout_s: 5, "
                              "idle_timeout_s: 5, timeout_s: 20}\n";
    return "providers:\n"
           "  openai: {type: openai, base_url: \""
        + base + "/v1\"" + common + "  anthropic: {type: anthropic, base_url: \"" + base + "\""
        + common + "  gemini: {type: gemini, base_url: \"" + base + "\"" + common
        + "  ollama: {type: ollama, base_url: \"" + base + "\"" + common
        + "  slow: {type: openai, base_url: \"" + base
        + "/v1\", api_key_env: OPENAI_API_KEY, max_retries: 0, first_byte_timeout_s: 1, "
          "idle_timeout_s: 1}\n"
          "prices:\n"
          "  openai/priced-model: {input: 1.0, output: 2.0, cache_read: 0.5, reasoning: 4.0}\n"
          "  anthropic/priced-model: {input: 3.0, output: 15.0, cache_read: 0.3, "
          "cache_write: 3.75}\n";
}

// A prompt whose only message is the user's text, so the server's word counts are known.
inline QByteArray userPrompt()
{
    return "---\ninput:\n  schema:\n    text: string\n---\n{{text}}\n";
}

} // namespace psm::tests
