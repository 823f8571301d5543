// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// Renders one hand-written case with both sides and prints a Markdown repro.
//   node repro.mjs --prompt TEXT | --prompt-file FILE [--input JSON] [--history JSON] [--partial NAME=TEXT]...
//                  [--bin PATH] [--dir DIR]
// TEXT may use \n, \r, \t and \uXXXX escapes (it is read as a JSON string body).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { compareCase, snapshotBinary, DEFAULT_BIN } from './compare.mjs';

const argv = process.argv.slice(2);
const opt = { prompt: null, 'prompt-file': null, input: '{}', history: null, partials: [], bin: DEFAULT_BIN, dir: null };
for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const v = argv[++i];
    if (k === '--partial') opt.partials.push(v);
    else if (k.replace(/^--/, '') in opt) opt[k.replace(/^--/, '')] = v;
    else { console.error(`unknown option ${k}`); process.exit(64); }
}
if (opt['prompt-file']) opt.prompt = JSON.stringify(fs.readFileSync(opt['prompt-file'], 'utf8')).slice(1, -1).replace(/\\"/g, '"');
if (opt.prompt === null) {
    console.error('usage: node repro.mjs --prompt TEXT [--input JSON] [--history JSON] [--partial NAME=TEXT]');
    process.exit(64);
}
opt.bin = snapshotBinary(opt.bin);
const unescape = (s) => JSON.parse(`"${s.replace(/"/g, '\\"')}"`);
const dir = opt.dir || fs.mkdtempSync(path.join(os.tmpdir(), 'psm-repro-'));
fs.mkdirSync(path.join(dir, '.git'), { recursive: true });
fs.mkdirSync(path.join(dir, 'prompts'), { recursive: true });
fs.writeFileSync(path.join(dir, 'prompts', 'x.prompt'), unescape(opt.prompt));
fs.writeFileSync(path.join(dir, 'input.json'), opt.input + '\n');
if (opt.history) fs.writeFileSync(path.join(dir, 'history.json'), opt.history + '\n');
for (const p of opt.partials) {
    const eq = p.indexOf('=');
    fs.writeFileSync(path.join(dir, 'prompts', `_${p.slice(0, eq)}.prompt`), unescape(p.slice(eq + 1)));
}
const meta = { prompt: 'prompts/x.prompt', history: !!opt.history };
fs.writeFileSync(path.join(dir, 'case.json'), JSON.stringify(meta) + '\n');
const r = await compareCase(dir, opt.bin, meta);
const whole = !r.detail.startsWith('.messages');
const texts = (json) => {
    try { return JSON.stringify(whole ? JSON.parse(json) : JSON.parse(json).messages); } catch { return json; }
};
console.log(`class: ${r.cls} ${r.detail}`);
console.log(`prompt: ${JSON.stringify(unescape(opt.prompt))}  input: ${opt.input}${opt.partials.length ? `  partials: ${opt.partials.join(' ')}` : ''}`);
console.log(`reference: ${r.ref.ok ? texts(r.ref.text) : 'error: ' + r.ref.error}`);
console.log(`ours:      ${r.ours.code === 0 ? texts(r.ours.stdout) : `exit ${r.ours.code}: ${r.ours.stderr.trim()}`}`);
if (!opt.dir) fs.rmSync(dir, { recursive: true, force: true });
