// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// Times PromptEngine::render (parse + render + message assembly) of a ~10 KB template whose
// #each runs over 1,000 items. Target: under 5 ms. Run on purpose; not a CTest test.
#include "core/prompt/promptengine.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

#include <time.h>

using namespace psm::core;
using Json = nlohmann::ordered_json;

int main()
{
    std::string source = "---\nmodel: openai/gpt-4o-mini\nconfig:\n  temperature: 0.2\n"
                         "input:\n  schema:\n    title: string\n    items(array):\n"
                         "      name: string\n      score: number\n      tags(array): string\n"
                         "---\n{{role \"system\"}}\nYou are a careful reviewer.\n";
    // Fixed prose around the loop so that the template itself is about 10 KB.
    const std::string paragraph =
        "Read every entry below and judge it on accuracy, clarity and tone. Quote the part you "
        "judge, say why, and keep each remark short. Do not invent facts that are not given.\n";
    while (source.size() < 10000)
        source += paragraph;
    source += "{{role \"user\"}}\n# {{title}}\n"
              "{{#each items}}\n"
              "{{@index}}. {{name}} (score {{score}}){{#if @first}} [first]{{/if}}\n"
              "  {{#each tags as |tag|}}{{tag}}{{#unless @last}}, {{/unless}}{{/each}}\n"
              "  {{#if (lookup ../flags name)}}flagged{{else}}ok{{/if}} / {{json meta}}\n"
              "{{/each}}\n"
              "{{> footer}}\n";

    Json input = Json::object();
    input["title"] = "Weekly review";
    input["items"] = Json::array();
    input["flags"] = Json::object();
    for (int i = 0; i < 1000; ++i) {
        Json item = Json::object();
        item["name"] = "item-" + std::to_string(i);
        item["score"] = i * 0.25;
        item["tags"] = Json::array({"alpha", "beta", "gamma"});
        item["meta"] = Json::object({{"id", i}, {"ok", i % 3 == 0}});
        input["items"].push_back(std::move(item));
        if (i % 10 == 0)
            input["flags"]["item-" + std::to_string(i)] = true;
    }

    auto prompt = parsePrompt(source, QStringLiteral("bench.prompt"));
    if (!prompt) {
        std::fprintf(stderr, "%s\n", qPrintable(prompt.error().toString()));
        return 1;
    }
    PromptEngine engine;
    engine.definePartial("footer", "Answer in JSON.\n");
    RenderInput renderInput;
    renderInput.input = input;

    // Wall time and this thread's CPU time: on a loaded machine the wall figure includes time
    // spent waiting for a core, the CPU figure does not.
    auto cpuMs = [] {
        timespec ts{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
        return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
    };
    size_t outputBytes = 0;
    std::vector<double> times;
    std::vector<double> cpuTimes;
    for (int run = 0; run < 110; ++run) {
        const double cpuStart = cpuMs();
        const auto start = std::chrono::steady_clock::now();
        auto rendered = engine.render(*prompt, renderInput);
        const auto end = std::chrono::steady_clock::now();
        const double cpu = cpuMs() - cpuStart;
        if (!rendered) {
            std::fprintf(stderr, "%s\n", qPrintable(rendered.error().toString()));
            return 1;
        }
        outputBytes = rendered->json.dump().size();
        if (run >= 10) { // warm-up runs are not counted
            times.push_back(std::chrono::duration<double, std::milli>(end - start).count());
            cpuTimes.push_back(cpu);
        }
    }
    std::sort(times.begin(), times.end());
    std::sort(cpuTimes.begin(), cpuTimes.end());
    std::printf("bench_render: template %zu bytes, 1000-item #each, output %zu bytes\n",
                prompt->templateText.size(), outputBytes);
    std::printf("bench_render: wall median %.3f ms, min %.3f ms, max %.3f ms over %zu runs\n",
                times[times.size() / 2], times.front(), times.back(), times.size());
    std::printf("bench_render: cpu  median %.3f ms, min %.3f ms (target < 5 ms)\n",
                cpuTimes[cpuTimes.size() / 2], cpuTimes.front());
    return cpuTimes[cpuTimes.size() / 2] < 5.0 ? 0 : 1;
}
