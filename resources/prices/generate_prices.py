#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Promptsmith contributors
"""Regenerates prices.json from a LiteLLM model_prices_and_context_window.json.

Only the models listed below are taken; their dated snapshots become aliases when LiteLLM prices
them identically to the base model (and their own entries when not, e.g. gpt-4o-2024-05-13).
Deliberate departures from LiteLLM are listed in CORRECTIONS with the reason, and written into
the file's metadata. Usage: generate_prices.py LITELLM_JSON VERSION CHECKED_DATE > prices.json
"""
import json
import re
import sys

# our provider/model -> LiteLLM key. Aliases are found automatically (dated snapshots) or listed.
MODELS = {
    "openai": ["gpt-4o", "gpt-4o-2024-05-13", "gpt-4o-mini", "gpt-4.1", "gpt-4.1-mini",
               "gpt-4.1-nano", "o1", "o3", "o3-mini", "o3-pro", "o4-mini", "gpt-5", "gpt-5-mini",
               "gpt-5-nano", "gpt-5-pro", "gpt-5-chat-latest", "gpt-5.1", "gpt-5.1-chat-latest"],
    "anthropic": ["claude-sonnet-4-5", "claude-sonnet-4-20250514", "claude-opus-4-1",
                  "claude-opus-4-20250514", "claude-haiku-4-5", "claude-3-7-sonnet-20250219",
                  "claude-3-5-haiku-20241022", "claude-3-haiku-20240307"],
    "gemini": ["gemini/gemini-3-pro-preview", "gemini/gemini-2.5-pro", "gemini/gemini-2.5-flash",
               "gemini/gemini-2.5-flash-lite", "gemini/gemini-2.0-flash",
               "gemini/gemini-2.0-flash-lite"],
}
# Canonical names where the LiteLLM key is a snapshot, and Anthropic's documented aliases.
RENAME = {
    "claude-sonnet-4-20250514": "claude-sonnet-4",
    "claude-opus-4-20250514": "claude-opus-4",
    "claude-3-7-sonnet-20250219": "claude-3-7-sonnet",
    "claude-3-5-haiku-20241022": "claude-3-5-haiku",
    "claude-3-haiku-20240307": "claude-3-haiku",
}
EXTRA_ALIASES = {
    "anthropic/claude-sonnet-4": ["claude-sonnet-4-0", "claude-sonnet-4-20250514",
                                  "claude-4-sonnet-20250514"],
    "anthropic/claude-opus-4": ["claude-opus-4-0", "claude-opus-4-20250514",
                                "claude-4-opus-20250514"],
    "anthropic/claude-3-7-sonnet": ["claude-3-7-sonnet-20250219", "claude-3-7-sonnet-latest"],
    # LiteLLM prices claude-3-5-haiku-latest at 1/5, but Anthropic's alias points at the
    # 20241022 snapshot, which is 0.80/4.
    "anthropic/claude-3-5-haiku": ["claude-3-5-haiku-20241022", "claude-3-5-haiku-latest"],
    "anthropic/claude-3-haiku": ["claude-3-haiku-20240307"],
}
CORRECTIONS = {
    # LiteLLM's gemini/ entry still has the earlier 25% caching rate (0.3125); its own Vertex
    # entry for the same model and Google's price list give 0.125 (<=200k) and 0.25 (>200k).
    "gemini/gemini-2.5-pro": {"cache_read": 0.125, "tiers": {200000: {"cache_read": 0.25}}},
}
FIELDS = {"input": "input_cost_per_token", "output": "output_cost_per_token",
          "cache_read": "cache_read_input_token_cost",
          "cache_write": "cache_creation_input_token_cost",
          "reasoning": "output_cost_per_reasoning_token"}
TIER_FIELDS = {"input": "input_cost_per_token_above_200k_tokens",
               "output": "output_cost_per_token_above_200k_tokens",
               "cache_read": "cache_read_input_token_cost_above_200k_tokens",
               "cache_write": "cache_creation_input_token_cost_above_200k_tokens"}
DATED = re.compile(r"^(?P<base>.+?)(-\d{4}-\d{2}-\d{2}|-\d{8}|-\d{3,4})$")


def per_million(value):
    return round(value * 1e6, 6)


def price_of(entry):
    out = {k: per_million(entry[src]) for k, src in FIELDS.items() if src in entry}
    if "reasoning" in out and out["reasoning"] == out.get("output"):
        del out["reasoning"]  # same as output: the default
    tier = {k: per_million(entry[src]) for k, src in TIER_FIELDS.items() if src in entry}
    if tier:
        out["tiers"] = [dict(above_prompt_tokens=200000, **tier)]
    return out


def main():
    src, version, checked = sys.argv[1:4]
    data = json.load(open(src))
    models = {}
    for provider, keys in MODELS.items():
        for key in keys:
            name = key.split("/", 1)[1] if key.startswith(provider + "/") else key
            name = RENAME.get(name, name)
            ours = f"{provider}/{name}"
            price = price_of(data[key])
            fix = CORRECTIONS.get(key, {})
            for field, value in fix.items():
                if field == "tiers":
                    for tier in price["tiers"]:
                        tier.update(value.get(tier["above_prompt_tokens"], {}))
                else:
                    price[field] = value
            aliases = set(EXTRA_ALIASES.get(ours, []))
            prefix = key.rsplit("/", 1)[0] + "/" if "/" in key else ""
            for other, entry in data.items():
                if not other.startswith(prefix) or other == key:
                    continue
                m = DATED.match(other[len(prefix):])
                if m and m.group("base") == name and price_of(entry) == price_of(data[key]):
                    aliases.add(other[len(prefix):])
            if aliases:
                price["aliases"] = sorted(aliases)
            models[ours] = price
    for local in ("ollama", "echo", "local"):
        models[f"{local}/*"] = {"input": 0, "output": 0, "cache_read": 0, "cache_write": 0}
    doc = {
        "format": "promptsmith-prices/1",
        "version": version,
        "checked": checked,
        "currency": "USD",
        "unit": "per 1,000,000 tokens",
        "source": "LiteLLM model_prices_and_context_window.json (MIT, Copyright (c) 2023 Berri "
                  "AI), upstream commit caddc6dd0fc26931b3fcc4e91e81a3d90080f3ef of 2025-11-21, "
                  "converted with resources/prices/generate_prices.py",
        "cross_checked": "against the providers' published price lists (OpenAI, Anthropic, "
                         "Google AI Studio) as of late 2025 and LiteLLM's own duplicate "
                         "entries; differences are listed in corrections",
        "corrections": [
            "gemini/gemini-2.5-pro cache_read 0.125 (<=200k) and 0.25 (>200k): LiteLLM's gemini/ "
            "entry has the older 0.3125, its vertex_ai entry and Google's list have 0.125",
            "anthropic/claude-3-5-haiku-latest priced as claude-3-5-haiku-20241022 (0.80/4): "
            "LiteLLM has 1/5 for the -latest alias",
        ],
        "notes": "Buckets are disjoint: input = uncached prompt tokens; reasoning defaults to "
                 "output, cache_read and cache_write to input when absent. A tier applies to the "
                 "whole call when its prompt tokens (uncached + cache read + cache write) exceed "
                 "above_prompt_tokens. Anthropic cache_write is the 5-minute rate. Models not "
                 "listed have an unknown cost, never zero.",
        "models": models,
    }
    json.dump(doc, sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
