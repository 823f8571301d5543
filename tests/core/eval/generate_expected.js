// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// Writes data/assertions.expected.json: promptfoo's own verdicts (runAssertions) for every case
// in data/assertions.yaml, so tst_assertions checks our engine against the real thing.
// Run with promptfoo installed somewhere outside the repository:
//   NODE_PATH=/tmp/pf/node_modules node tests/core/eval/generate_expected.js
const fs = require('fs');
const path = require('path');
const yaml = require('js-yaml');
const { assertions } = require('promptfoo');

async function main() {
  const cases = yaml.load(fs.readFileSync(path.join(__dirname, 'data/assertions.yaml'), 'utf8'));
  const expected = {};
  for (const c of cases) {
    const test = { vars: c.vars || {}, assert: c.assert, threshold: c.threshold };
    try {
      const result = await assertions.runAssertions({
        prompt: 'prompt',
        provider: undefined,
        test,
        vars: test.vars,
        latencyMs: c.latencyMs,
        providerResponse: { output: c.output, cost: c.cost },
      });
      expected[c.name] = {
        pass: result.pass,
        score: result.score,
        namedScores: result.namedScores || {},
        assertions: (result.componentResults || []).map((r) => ({ pass: r.pass, score: r.score })),
      };
    } catch (e) {
      expected[c.name] = { error: String(e.message || e) };
    }
  }
  const out = path.join(__dirname, 'data/assertions.expected.json');
  fs.writeFileSync(out, JSON.stringify(expected, null, 2) + '\n');
  console.log(`wrote ${Object.keys(expected).length} cases to ${out}`);
}

main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
