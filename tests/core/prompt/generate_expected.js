#!/usr/bin/env node
// SPDX-License-Identifier: GPL-3.0-or-later
// Regenerates data/cases.expected.json from the reference Dotprompt implementation, so the
// expected outputs of tst_reference come from the reference and not from us. Needs node and
// the npm `dotprompt` package (it brings `yaml`), installed outside the repository:
//   mkdir -p /tmp/dp && cd /tmp/dp && npm install dotprompt@1.1.2
//   NODE_PATH=/tmp/dp/node_modules node tests/core/prompt/generate_expected.js
const fs = require('fs');
const path = require('path');
const YAML = require('yaml');
const { Dotprompt } = require('dotprompt');

const dataDir = path.join(__dirname, 'data');
const cases = YAML.parse(fs.readFileSync(path.join(dataDir, 'cases.yaml'), 'utf8'));

async function main() {
  const out = {
    generator: 'tests/core/prompt/generate_expected.js',
    reference: `dotprompt ${require('dotprompt/package.json').version}`,
    cases: {},
  };
  for (const c of cases) {
    const dp = new Dotprompt({ partials: c.partials || {}, schemas: c.schemas || {} });
    const data = c.data || {};
    try {
      const result = await dp.render(c.template, data, c.options || {});
      out.cases[c.name] = { json: JSON.stringify(result) };
    } catch (e) {
      out.cases[c.name] = { error: String(e && e.message ? e.message : e) };
    }
  }
  fs.writeFileSync(path.join(dataDir, 'cases.expected.json'), JSON.stringify(out, null, 1) + '\n');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
