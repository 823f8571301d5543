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
    // Every Dotprompt shares handlebars' global instance: drop partials earlier cases left.
    for (const name of Object.keys(dp.handlebars.partials)) {
      if (!(c.partials && name in c.partials)) delete dp.handlebars.partials[name];
    }
    const data = c.data || {};
    try {
      const result = await dp.render(c.template, data, c.options || {});
      out.cases[c.name] = { json: JSON.stringify(result) };
    } catch (e) {
      out.cases[c.name] = { error: String(e && e.message ? e.message : e) };
    }
  }
  fs.writeFileSync(path.join(dataDir, 'cases.expected.json'), JSON.stringify(out, null, 1) + '\n');

  // `promptsmith render --json` on the CLI fixtures: partials from the prompt's folder, then the
  // workspace's prompts/ folder; the front matter's input.default passed as render options.
  const cliDir = path.join(dataDir, 'cli');
  const fixtures = [
    { prompt: 'greet', history: 'history.json' },
    { prompt: 'layout' },
  ];
  for (const fixture of fixtures) {
    const promptPath = path.join(cliDir, 'prompts', 'team', `${fixture.prompt}.prompt`);
    const resolver = async (name) => {
      for (const dir of [path.dirname(promptPath), path.join(cliDir, 'prompts')]) {
        const file = path.join(dir, `_${name}.prompt`);
        if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8');
      }
      return null;
    };
    const dp = new Dotprompt({ partialResolver: resolver });
    for (const name of Object.keys(dp.handlebars.partials)) delete dp.handlebars.partials[name];
    const source = fs.readFileSync(promptPath, 'utf8');
    const defaults = (dp.parse(source).input || {}).default;
    const data = { input: JSON.parse(fs.readFileSync(path.join(cliDir, 'input.json'), 'utf8')) };
    if (fixture.history)
      data.messages = JSON.parse(fs.readFileSync(path.join(cliDir, fixture.history), 'utf8'));
    const rendered = await dp.render(source, data, { input: { default: defaults } });
    fs.writeFileSync(path.join(cliDir, `${fixture.prompt}.expected.json`),
                     JSON.stringify(rendered, null, 2) + '\n');
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
