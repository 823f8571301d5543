// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// Runs one case folder through the reference and through our CLI and classifies the outcome.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { renderReference } from './reference.mjs';

export const DEFAULT_BIN = '/work/main/build/app/promptsmith';

// A private copy of the binary: the build tree it comes from may be relinked while we run.
// Waits until the file is executable, has not changed for 5 s, and the copy starts at all.
export function snapshotBinary(bin) {
    const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'psm-bin-'));
    process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
    const copy = path.join(dir, 'promptsmith');
    for (let attempt = 0; attempt < 200; attempt++) {
        let st;
        try { st = fs.statSync(bin); } catch { sleep(3000); continue; }
        if (!(st.mode & 0o111) || Date.now() - st.mtimeMs < 5000) { sleep(3000); continue; }
        fs.copyFileSync(bin, copy);
        fs.chmodSync(copy, 0o755);
        const probe = spawnSync(copy, ['--help'], { encoding: 'utf8', timeout: 20000 });
        if (probe.status === 0 && fs.statSync(bin).mtimeMs === st.mtimeMs) return copy;
        sleep(3000);
    }
    throw new Error(`${bin} did not settle into a runnable binary`);
}

// Our CLI said this when it refused an input that does not match input.schema (it now warns);
// the reference never validates, so these are a class of their own.
const VALIDATION = /input variable '|input schema is not a usable JSON Schema/;

export function runOurs(bin, dir, meta, timeoutMs = 10000) {
    const args = ['render', meta.prompt, ...(meta.noInput ? [] : ['--input-file', 'input.json']), '--json'];
    if (meta.history) args.push('--history', 'history.json');
    return new Promise((resolve) => {
        const child = spawn(bin, args, { cwd: dir, env: { ...process.env, QT_QPA_PLATFORM: 'offscreen' } });
        const out = [];
        const err = [];
        child.stdout.on('data', (d) => out.push(d));
        child.stderr.on('data', (d) => err.push(d));
        const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
        child.on('error', (e) => {
            clearTimeout(timer);
            resolve({ code: -1, signal: null, stdout: '', stderr: `cannot run ${bin}: ${e.message}` });
        });
        child.on('close', (code, signal) => {
            clearTimeout(timer);
            resolve({ code, signal, stdout: Buffer.concat(out).toString('utf8'),
                stderr: Buffer.concat(err).toString('utf8') });
        });
    });
}

function firstDiffPath(a, b, p = '') {
    if (typeof a !== typeof b || Array.isArray(a) !== Array.isArray(b) || a === null || b === null
        || typeof a !== 'object') {
        return Object.is(a, b) || JSON.stringify(a) === JSON.stringify(b) ? null : p || '.';
    }
    const keys = Array.isArray(a) ? [...Array(Math.max(a.length, b.length)).keys()]
        : [...new Set([...Object.keys(a), ...Object.keys(b)])];
    for (const k of keys) {
        const d = firstDiffPath(a[k], b[k], `${p}${Array.isArray(a) ? `[${k}]` : `.${k}`}`);
        if (d) return d;
    }
    if (!Array.isArray(a) && JSON.stringify(Object.keys(a)) !== JSON.stringify(Object.keys(b))) {
        return `${p}{key order}`;
    }
    return null;
}

function tryParse(text) {
    try { return { ok: true, value: JSON.parse(text) }; } catch { return { ok: false }; }
}

// Returns { cls, ref, ours, detail }.
export async function compareCase(dir, bin = DEFAULT_BIN, meta = null) {
    meta = meta || JSON.parse(fs.readFileSync(path.join(dir, 'case.json'), 'utf8'));
    const ref = await renderReference(path.join(dir, meta.prompt),
        meta.noInput ? undefined : path.join(dir, 'input.json'),
        meta.history ? path.join(dir, 'history.json') : undefined);
    const ours = await runOurs(bin, dir, meta);
    const oursOk = ours.code === 0;
    let cls;
    let detail = '';
    if (ours.signal || (ours.code !== 0 && ours.code !== 2 && ours.code !== 1 && ours.code !== 3)) {
        cls = 'crash';
        detail = `signal=${ours.signal} code=${ours.code}`;
    } else if (ref.ok && oursOk) {
        if (ref.text === ours.stdout) {
            cls = 'agree';
        } else {
            const a = tryParse(ref.text);
            const b = tryParse(ours.stdout);
            if (!b.ok) {
                cls = 'differ-unparsable';
            } else {
                const where = firstDiffPath(a.value, b.value);
                if (!where) {
                    cls = 'differ-format';
                } else {
                    cls = 'differ';
                    detail = where.replace(/\[\d+\]/g, '[]');
                }
            }
        }
    } else if (!ref.ok && !oursOk) {
        cls = 'both-error';
    } else if (ref.ok) {
        cls = VALIDATION.test(ours.stderr) ? 'ours-error-validation' : 'ours-error';
    } else {
        cls = 'ref-error';
    }
    if (!oursOk && ours.code !== 2 && cls !== 'crash') detail += ` exit=${ours.code}`;
    // The reference swallows YAML errors and renders the whole file as the template.
    if (ref.logged?.some((l) => l.includes('Error parsing YAML frontmatter'))) detail += ' (reference: YAML error)';
    return { cls, ref, ours, detail: detail.trim(), meta };
}

export function saveResult(dir, r) {
    if (r.ref.ok) fs.writeFileSync(path.join(dir, 'ref.json'), r.ref.text);
    else fs.writeFileSync(path.join(dir, 'ref.err'), r.ref.error + '\n');
    if (r.ours.code === 0) fs.writeFileSync(path.join(dir, 'ours.json'), r.ours.stdout);
    else fs.writeFileSync(path.join(dir, 'ours.err'), r.ours.stderr + `(exit ${r.ours.code}${r.ours.signal ? ' ' + r.ours.signal : ''})\n`);
    fs.writeFileSync(path.join(dir, 'class.txt'), `${r.cls}${r.detail ? ' ' + r.detail : ''}\n`);
}

// Where the reference's error points, in file coordinates (1-based line and column), when it
// says: Handlebars "... - L:C" (template-relative, 0-based column) or "Parse error on line L".
// The template is the body after the front matter, trimmed (dotprompt's parseDocument).
export function referenceErrorPosition(source, message) {
    let line;
    let col = null;
    let m = /- (\d+):(\d+)\s*$/.exec(message);
    if (m) {
        line = Number(m[1]);
        col = Number(m[2]);
    } else if ((m = /^Parse error on line (\d+):/.exec(message))) {
        line = Number(m[1]);
    } else {
        return null;
    }
    const fm = /^---\s*(?:\r\n|\r|\n)([\s\S]*?)(?:\r\n|\r|\n)---\s*(?:\r\n|\r|\n)([\s\S]*)$/.exec(source);
    let offset = 0;
    if (fm && fm[1]) {
        const body = fm[2];
        offset = source.length - body.length + (body.length - body.trimStart().length);
    }
    const before = source.slice(0, offset).split(/\r\n|\r|\n/);
    const startLine = before.length;
    const startCol = before[before.length - 1].length;
    return { line: startLine + line - 1, col: col === null ? null : (line === 1 ? startCol : 0) + col + 1 };
}
