// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// Shrinks a failing case folder while the disagreement keeps its class (and, for output
// differences, the first differing JSON path), then prints a Markdown repro.
//   node minimize.mjs CASE_DIR [--bin PATH] [--out DIR] [--loose]
// --loose keeps any disagreement of the same class, whatever the path.
import fs from 'node:fs';
import path from 'node:path';
import { compareCase, snapshotBinary, DEFAULT_BIN } from './compare.mjs';

const argv = process.argv.slice(2);
const opt = { bin: DEFAULT_BIN, out: null, loose: false };
const positional = [];
for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--bin') opt.bin = argv[++i];
    else if (argv[i] === '--out') opt.out = argv[++i];
    else if (argv[i] === '--loose') opt.loose = true;
    else positional.push(argv[i]);
}
if (positional.length !== 1) {
    console.error('usage: node minimize.mjs CASE_DIR [--bin PATH] [--out DIR] [--loose]');
    process.exit(64);
}
const source = path.resolve(positional[0]);
opt.bin = snapshotBinary(opt.bin);
const dir = path.resolve(opt.out || source.replace(/\/$/, '') + '.min');
fs.rmSync(dir, { recursive: true, force: true });
fs.cpSync(source, dir, { recursive: true });
for (const f of ['ref.json', 'ref.err', 'ours.json', 'ours.err', 'class.txt']) fs.rmSync(path.join(dir, f), { force: true });

const metaPath = path.join(dir, 'case.json');
let meta = JSON.parse(fs.readFileSync(metaPath, 'utf8'));
const key = (r) => (opt.loose ? r.cls : `${r.cls} ${r.detail}`);
const first = await compareCase(dir, opt.bin, meta);
const target = key(first);
if (first.cls === 'agree' || first.cls === 'both-error') {
    console.error(`case ${source} does not disagree (${first.cls})`);
    process.exit(1);
}
let evaluations = 0;
async function stillFails() {
    evaluations++;
    const r = await compareCase(dir, opt.bin, meta);
    return key(r) === target;
}

// Greedy delta debugging over a list of pieces: drop chunks, halving the chunk size.
async function ddmin(pieces, write) {
    let n = 2;
    while (pieces.length >= 1) {
        const size = Math.max(1, Math.ceil(pieces.length / n));
        let removed = false;
        for (let start = 0; start < pieces.length; start += size) {
            const candidate = [...pieces.slice(0, start), ...pieces.slice(start + size)];
            write(candidate);
            if (await stillFails()) {
                pieces = candidate;
                removed = true;
                start -= size;
            }
        }
        write(pieces);
        if (!removed) {
            if (size === 1) break;
            n = Math.min(pieces.length, n * 2);
        }
    }
    return pieces;
}

function tokens(text) {
    // Mustaches stay whole; text splits into single characters.
    const out = [];
    const re = /\{\{\{\{[\s\S]*?\}\}\}\}|\{\{[\s\S]*?\}\}\}?/g;
    let last = 0;
    for (const m of text.matchAll(re)) {
        for (const ch of text.slice(last, m.index)) out.push(ch);
        out.push(m[0]);
        last = m.index + m[0].length;
    }
    for (const ch of text.slice(last)) out.push(ch);
    return out;
}

async function shrinkFile(rel) {
    const file = path.join(dir, rel);
    const original = fs.readFileSync(file, 'utf8');
    const write = (pieces) => fs.writeFileSync(file, pieces.join(''));
    // Lines first (keeping their ends), then mustaches and characters.
    let lines = original.split(/(?<=\r\n|\n|\r(?!\n))/);
    lines = await ddmin(lines, write);
    await ddmin(tokens(lines.join('')), write);
}

// 1. Whole files: partials, history.
for (const rel of listFiles(dir).filter((f) => /\/_[^/]*\.prompt$/.test(f) || f === 'history.json')) {
    const file = path.join(dir, rel);
    const saved = fs.readFileSync(file);
    fs.rmSync(file);
    if (rel === 'history.json') meta = { ...meta, history: false };
    if (!(await stillFails())) {
        fs.writeFileSync(file, saved);
        if (rel === 'history.json') meta = { ...meta, history: true };
    }
}
fs.writeFileSync(metaPath, JSON.stringify(meta, null, 2) + '\n');

// 2. Input: drop keys, then simplify values.
if (!meta.noInput) {
    const file = path.join(dir, 'input.json');
    const text = fs.readFileSync(file, 'utf8');
    let input = JSON.parse(text);
    const keys = Object.keys(input);
    const kept = await ddmin(keys, (ks) => fs.writeFileSync(file, rawSubset(text, input, ks)));
    fs.writeFileSync(file, rawSubset(text, input, kept));
}

// 3. The prompt and the partials, text-wise.
await shrinkFile(meta.prompt);
for (const rel of listFiles(dir).filter((f) => /\/_[^/]*\.prompt$/.test(f))) await shrinkFile(rel);
if (fs.existsSync(path.join(dir, 'history.json'))) {
    const file = path.join(dir, 'history.json');
    const history = JSON.parse(fs.readFileSync(file, 'utf8'));
    const kept = await ddmin(history, (h) => fs.writeFileSync(file, JSON.stringify(h, null, 2) + '\n'));
    fs.writeFileSync(file, JSON.stringify(kept, null, 2) + '\n');
}

// 4. Input again, now that the template uses less of it.
if (!meta.noInput) {
    const file = path.join(dir, 'input.json');
    const text = fs.readFileSync(file, 'utf8');
    const input = JSON.parse(text);
    const kept = await ddmin(Object.keys(input), (ks) => fs.writeFileSync(file, rawSubset(text, input, ks)));
    fs.writeFileSync(file, rawSubset(text, input, kept));
}

const last = await compareCase(dir, opt.bin, meta);
console.log(report(last));
fs.writeFileSync(path.join(dir, 'repro.md'), report(last) + '\n');

function listFiles(root, rel = '') {
    const out = [];
    for (const e of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
        if (e.name === '.git') continue;
        const r = rel ? `${rel}/${e.name}` : e.name;
        if (e.isDirectory()) out.push(...listFiles(root, r));
        else out.push(r);
    }
    return out;
}

// input.json keeps its exact number spellings (1.0, -0, 1e21): cut top-level entries out of the
// original text rather than re-serialising.
function rawSubset(text, input, keys) {
    const body = text.trim().replace(/^\{/, '').replace(/\}$/, '');
    const entries = splitTopLevel(body);
    const names = Object.keys(input);
    if (entries.length !== names.length) {
        const o = {};
        for (const k of keys) o[k] = input[k];
        return JSON.stringify(o, null, 2) + '\n';
    }
    const kept = entries.filter((_, i) => keys.includes(names[i])).map((e) => e.trim());
    return kept.length ? `{\n  ${kept.join(',\n  ')}\n}\n` : '{}\n';
}

function splitTopLevel(body) {
    const out = [];
    let depth = 0;
    let inString = false;
    let start = 0;
    for (let i = 0; i < body.length; i++) {
        const c = body[i];
        if (inString) {
            if (c === '\\') i++;
            else if (c === '"') inString = false;
        } else if (c === '"') inString = true;
        else if (c === '{' || c === '[') depth++;
        else if (c === '}' || c === ']') depth--;
        else if (c === ',' && depth === 0) {
            out.push(body.slice(start, i));
            start = i + 1;
        }
    }
    if (body.slice(start).trim()) out.push(body.slice(start));
    return out;
}

function fence(text) {
    return '```\n' + text + (text.endsWith('\n') ? '' : '\n') + '```';
}

function report(r) {
    const parts = [`Minimized from ${source} (${evaluations} runs): ${r.cls}${r.detail ? ' ' + r.detail : ''}`, ''];
    for (const rel of listFiles(dir).filter((f) => f.endsWith('.prompt'))) {
        parts.push(`\`${rel}\` (JSON string: ${JSON.stringify(fs.readFileSync(path.join(dir, rel), 'utf8'))})`, fence(fs.readFileSync(path.join(dir, rel), 'utf8')));
    }
    if (!meta.noInput) parts.push('`input.json`', fence(fs.readFileSync(path.join(dir, 'input.json'), 'utf8')));
    else parts.push('(no --input-file)');
    if (meta.history) parts.push('`history.json`', fence(fs.readFileSync(path.join(dir, 'history.json'), 'utf8')));
    parts.push('Reference:', fence(r.ref.ok ? r.ref.text : `error: ${r.ref.error}`));
    parts.push('Ours:', fence(r.ours.code === 0 ? r.ours.stdout : `exit ${r.ours.code}: ${r.ours.stderr}`));
    return parts.join('\n');
}
