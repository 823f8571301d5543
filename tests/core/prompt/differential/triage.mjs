// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// Tags the failures of a campaign with the findings that may explain them (FINDINGS.md), by
// looking at the case's files, so the unexplained rest stands out.
//   node triage.mjs CAMPAIGN_OUT_DIR [--list]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// [tag, test(case)] where case = { text: all prompt files, prompt, meta, cls, oursErr }
const RULES = [
    ['F4 leading line before ---', (c) => c.meta.features.some((f) => /fm:leading/.test(f))],
    ['F5 YAML error in reference', (c) => c.cls.includes('reference: YAML error')],
    ['F6 null picoschema', (c) => /got null at/.test(c.oursErr)],
    ['F3 partial block', (c) => /\{\{~?#>/.test(c.text)],
    ['F2 helper result as argument', (c) => /\((json|role|media|section|history)\b/.test(c.text)],
    ['F1 falsy @data path', (c) => /@(index|first|last|key|root)\.[^\s}]*\./.test(c.text) || /@(index|first|last|key)\.[^\s}]/.test(c.text)],
    ['F7 odd role name', (c) => /\{\{role\s+("[^"]*[^a-z"][^"]*"|'[^']*[^a-z'][^']*'|""|[^"'\s}][^}]*)\s*\}\}/.test(c.text) || /<<<dotprompt:/.test(c.input)],
    ['F8 YAML block scalar or tag', (c) => /: [|>]|!!/.test(c.prompt)],
    ['F9 empty partial file', (c) => /could not be found/.test(c.refErr) && c.emptyPartial],
    ['F10 {{""}}', (c) => /\{\{~?\s*(""|'')\s*~?\}\}/.test(c.text)],
    ['F11 duplicate hash key', (c) => /\{\{~?>[^}]*\b(\w+)=[^}]*\b\1=/.test(c.text)],
    ['F14 parse error in a partial', (c) => /^Parse error/.test(c.refErr) && c.cls.startsWith('ref-error')],
    ['F18 subexpression with a path head', (c) => /unknown helper/.test(c.refErr) && c.cls.startsWith('ref-error')],
    ['F21 crash on a malformed input schema', (c) => c.cls.startsWith('crash') && c.meta.features.includes('schema:badjson')],
    ['F22 config not a map', (c) => /^config: (\[|x|5)/m.test(c.prompt)],
    ['F23 non-string YAML key', (c) => /^\s*(~|null|\[.*\]|\{.*\}): /m.test(c.prompt)],
    ['F29 front matter not a mapping', (c) => /must be a YAML mapping/.test(c.oursErr)],
    ['F28 odd input.default', (c) => /^  default: (\[|"|\d|null)/m.test(c.prompt)],
    ['F15 helper arity', (c) => /reading 'hash'|reading 'lookupProperty'|Must pass iterator|options\.(fn|inverse) is not/.test(c.refErr)],
];

const out = process.argv[2];
if (!out) {
    console.error('usage: node triage.mjs CAMPAIGN_OUT_DIR [--list]');
    process.exit(64);
}
const list = process.argv.includes('--list');
// Findings marked FIXED in FINDINGS.md no longer explain anything.
const findingsMd = path.join(path.dirname(fileURLToPath(import.meta.url)), 'FINDINGS.md');
const fixed = new Set();
if (fs.existsSync(findingsMd)) {
    for (const m of fs.readFileSync(findingsMd, 'utf8').matchAll(/^## (F\d+b?)\. FIXED/gm)) fixed.add(m[1]);
}
const rules = RULES.filter(([tag]) => !fixed.has(tag.split(' ')[0]));

function files(root, rel = '') {
    const res = [];
    for (const e of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
        const r = rel ? `${rel}/${e.name}` : e.name;
        if (e.isDirectory() && e.name !== '.git') res.push(...files(root, r));
        else if (e.isFile()) res.push(r);
    }
    return res;
}

const byTag = {};
const unexplained = [];
for (const cls of fs.readdirSync(out)) {
    const clsDir = path.join(out, cls);
    if (!fs.statSync(clsDir).isDirectory()) continue;
    for (const seed of fs.readdirSync(clsDir)) {
        const dir = path.join(clsDir, seed);
        const meta = JSON.parse(fs.readFileSync(path.join(dir, 'case.json'), 'utf8'));
        const read = (f) => (fs.existsSync(path.join(dir, f)) ? fs.readFileSync(path.join(dir, f), 'utf8') : '');
        const c = {
            meta,
            prompt: read(meta.prompt),
            text: files(dir).filter((f) => f.endsWith('.prompt')).map(read).join('\n'),
            input: read('input.json'),
            cls: read('class.txt').trim(),
            oursErr: read('ours.err'),
            refErr: read('ref.err'),
        };
        const missing = /The partial (\S+) could not be found/.exec(c.refErr);
        c.emptyPartial = !!missing && files(dir).some((f) => f.endsWith(`/_${missing[1]}.prompt`) && read(f) === '');
        const tags = rules.filter(([, test]) => test(c)).map(([t]) => t);
        if (!tags.length) unexplained.push(`${c.cls}  ${dir}`);
        for (const t of tags) (byTag[t] = byTag[t] || []).push(seed);
    }
}
for (const [t, seeds] of Object.entries(byTag).sort((a, b) => b[1].length - a[1].length)) {
    console.log(`${String(seeds.length).padStart(5)}  ${t}${list ? '  ' + seeds.join(' ') : ''}`);
}
console.log(`${String(unexplained.length).padStart(5)}  unexplained`);
for (const u of unexplained.sort()) console.log(`       ${u}`);
