// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// Runs the Dotprompt conformance suite's cases through the CLI path: each template becomes a
// prompt file, its partials become `_NAME.prompt` files, data.input the --input-file and
// data.messages the --history file, and the reference renders the same folder. Cases that need
// what the CLI cannot pass (render options, context, docs, registered schemas) are skipped.
//   node spec.mjs [--spec DIR] [--bin PATH] [--out DIR]
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { compareCase, saveResult, snapshotBinary, DEFAULT_BIN } from './compare.mjs';

const require = createRequire(import.meta.url);
const argv = process.argv.slice(2);
const opt = { spec: process.env.PSM_SHARED_DIR ? path.join(process.env.PSM_SHARED_DIR, 'conformance/dotprompt-spec')
    : '/work/shared/conformance/dotprompt-spec', bin: DEFAULT_BIN, out: '/tmp/psm-difftest-spec' };
for (let i = 0; i < argv.length; i += 2) opt[argv[i].replace(/^--/, '')] = argv[i + 1];

let YAML;
for (const root of [process.env.DOTPROMPT_REF, ...(process.env.NODE_PATH || '').split(':'), '/tmp/dpref/node_modules'].filter(Boolean)) {
    try { YAML = require(path.join(root, 'yaml')); break; } catch { /* next */ }
}
if (!YAML) { console.error('cannot find the npm package yaml (installed with dotprompt)'); process.exit(66); }

const bin = snapshotBinary(opt.bin);
fs.rmSync(opt.out, { recursive: true, force: true });
const files = [];
(function walk(dir) {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        if (e.isDirectory()) walk(path.join(dir, e.name));
        else if (e.name.endsWith('.yaml')) files.push(path.join(dir, e.name));
    }
})(opt.spec);

const counts = {};
const lines = [];
for (const file of files.sort()) {
    const suites = YAML.parse(fs.readFileSync(file, 'utf8')) || [];
    for (const suite of suites) {
        for (const [i, test] of (suite.tests || []).entries()) {
            const data = { ...(suite.data || {}), ...(test.data || {}) };
            const name = `${path.relative(opt.spec, file).replace(/\.yaml$/, '')}/${suite.name}/${i}`;
            if (test.options || data.context || data.docs || suite.schemas) {
                counts.skipped = (counts.skipped || 0) + 1;
                continue;
            }
            const dir = path.join(opt.out, 'cases', name.replace(/\//g, '__'));
            fs.mkdirSync(path.join(dir, '.git'), { recursive: true });
            fs.mkdirSync(path.join(dir, 'prompts'), { recursive: true });
            fs.writeFileSync(path.join(dir, 'prompts', 'x.prompt'), suite.template);
            for (const [n, text] of Object.entries({ ...(suite.partials || {}), ...(suite.resolverPartials || {}) })) {
                fs.writeFileSync(path.join(dir, 'prompts', `_${n}.prompt`), text);
            }
            const meta = { prompt: 'prompts/x.prompt', history: !!data.messages, noInput: data.input === undefined };
            if (!meta.noInput) fs.writeFileSync(path.join(dir, 'input.json'), JSON.stringify(data.input, null, 2) + '\n');
            if (meta.history) fs.writeFileSync(path.join(dir, 'history.json'), JSON.stringify(data.messages, null, 2) + '\n');
            fs.writeFileSync(path.join(dir, 'case.json'), JSON.stringify(meta) + '\n');
            const r = await compareCase(dir, bin, meta);
            saveResult(dir, r);
            counts[r.cls] = (counts[r.cls] || 0) + 1;
            if (r.cls !== 'agree') lines.push(`  ${r.cls} ${r.detail}  ${name}  (${dir})`);
        }
    }
}
const total = Object.entries(counts).filter(([k]) => k !== 'skipped').reduce((s, [, v]) => s + v, 0);
console.log(`${total} conformance cases through the CLI (${counts.skipped || 0} skipped: options/context/schemas): ${JSON.stringify(counts)}`);
for (const l of lines) console.log(l);
