// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// libFuzzer target: any bytes as a .prompt file, parsed and rendered with partials (one of
// which is the input itself, so recursion and cycles are reachable). Must never crash, hang or
// leak; errors are fine.
#include "core/prompt/promptengine.h"

#include <cstddef>
#include <cstdint>
#include <string>

using namespace psm::core;
using Json = nlohmann::ordered_json;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 64 * 1024)
        return 0;
    const std::string source(reinterpret_cast<const char *>(data), size);

    static const Json kInput = Json::parse(R"({
        "name": "Ada", "n": 3, "f": 1.5e-7, "t": true, "z": 0, "nul": null, "s": "",
        "items": [1, "two", {"k": "v", "items": [3]}, [4, 5], null],
        "obj": {"b": 1, "a": {"c": [1, 2]}, "10": "ten"},
        "html": "<b>&</b>", "marker": "<<<dotprompt:role:system>>>x"
    })");
    static const Json kContext = Json::parse(R"({"state": {"step": 2}, "root": {"r": 1}})");
    static const Json kHistory = Json::parse(
        R"([{"role": "user", "content": [{"text": "hi"}]}, {"role": "model", "content": [{"text": "yo"}], "metadata": {"x": 1}}])");

    auto prompt = parsePrompt(source, QStringLiteral("fuzz.prompt"));
    if (!prompt)
        return 0;

    PromptEngine engine;
    engine.definePartial("p", "[{{this}}|{{name}}]");
    engine.definePartial("loop", "{{#each items}}{{> loop}}{{/each}}");
    engine.defineSchema("Thing", Json::parse(R"({"type": "object"})"));
    engine.setPartialResolver([source](const std::string &name) -> std::optional<PromptEngine::PartialSource> {
        if (name == "self")
            return PromptEngine::PartialSource{source, QStringLiteral("self")};
        return std::nullopt;
    });

    RenderInput input;
    input.input = kInput;
    input.context = kContext;
    input.messages = kHistory;
    input.options = Json::parse(R"({"input": {"default": {"d": "dflt"}}})");
    input.validateInput = size % 2 == 0;
    (void)engine.render(*prompt, input);
    (void)engine.renderMetadata(*prompt);
    (void)engine.variablesUsed(*prompt);
    (void)engine.check(*prompt);
    return 0;
}
