// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// Re-runs the minimal repro of every finding (findings.json) against a binary and says which
// still disagree, so FINDINGS.md can be kept current after each rebuild.
//   node check_findings.mjs [--bin PATH]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compareCase, snapshotBinary, DEFAULT_BIN } from './compare.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
const binArg = argv[0] === '--bin' ? argv[1] : DEFAULT_BIN;
const bin = snapshotBinary(binArg);
const stamp = fs.statSync(binArg).mtime.toISOString();
const repros = JSON.parse(fs.readFileSync(path.join(here, 'findings.json'), 'utf8'));
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'psm-findings-'));
let open = 0;
for (const [i, f] of repros.entries()) {
    const dir = path.join(root, String(i));
    fs.mkdirSync(path.join(dir, '.git'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'prompts'));
    fs.writeFileSync(path.join(dir, 'prompts', 'x.prompt'), f.prompt);
    fs.writeFileSync(path.join(dir, 'input.json'), JSON.stringify(f.input ?? {}) + '\n');
    for (const [name, text] of Object.entries(f.partials || {})) {
        fs.writeFileSync(path.join(dir, 'prompts', `_${name}.prompt`), text);
    }
    const meta = { prompt: 'prompts/x.prompt', history: !!f.history };
    if (f.history) fs.writeFileSync(path.join(dir, 'history.json'), JSON.stringify(f.history) + '\n');
    const r = await compareCase(dir, bin, meta);
    const same = r.cls === 'agree' || r.cls === 'both-error';
    if (!same) open++;
    console.log(`${same ? 'FIXED' : 'OPEN '}  ${f.id.padEnd(4)} ${f.title}${same ? '' : `  (${r.cls}${r.detail ? ' ' + r.detail : ''})`}`);
}
fs.rmSync(root, { recursive: true, force: true });
console.log(`${open} of ${repros.length} repros still disagree (binary built ${stamp})`);
