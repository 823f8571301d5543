// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// Differential campaign: generates cases for a seed range, renders each with the reference and
// with our CLI, and keeps every disagreement as a self-contained case folder.
//   node run.mjs [--from 1] [--count 500] [--bin PATH] [--out DIR] [--jobs 1]
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { generateCase, writeCase, setAvoid } from './gen.mjs';
import { compareCase, saveResult, snapshotBinary, referenceErrorPosition, DEFAULT_BIN } from './compare.mjs';

function args() {
    const a = { from: 1, count: 500, bin: DEFAULT_BIN, out: '/tmp/psm-difftest', jobs: 1, avoid: '' };
    const argv = process.argv.slice(2);
    for (let i = 0; i < argv.length; i++) {
        const k = argv[i].replace(/^--/, '');
        if (!(k in a)) {
            console.error(`unknown option ${argv[i]}\nusage: node run.mjs [--from N] [--count N] [--bin PATH] [--out DIR] [--jobs N] [--avoid LIST|known]`);
            process.exit(64);
        }
        a[k] = typeof a[k] === 'number' ? Number(argv[++i]) : argv[++i];
    }
    return a;
}

const opt = args();
// `--avoid known` leaves out every construct behind a known disagreement (see gen.mjs).
const KNOWN = 'leading,yamlerr,yamltag,blockscalar,nullpico,raw,inline,partialblock,atpartialblock,dataparent,datapath,helperarg,oddrole,emptypartial,emptyliteral,duphash,badschema,oddconfig,odddefault,oddfrontmatter';
if (opt.avoid) setAvoid((opt.avoid === 'known' ? KNOWN : opt.avoid).split(','));
if (!fs.existsSync(opt.bin)) {
    console.error(`no binary at ${opt.bin}`);
    process.exit(66);
}
fs.rmSync(opt.out, { recursive: true, force: true });
fs.mkdirSync(path.join(opt.out, 'work'), { recursive: true });
// Run a snapshot of the binary: the tree it comes from may be relinked during the campaign.
const binCopy = snapshotBinary(opt.bin);
const binStamp = fs.statSync(opt.bin).mtime.toISOString();

const counts = {};
const groups = {};
const bothErrors = [];
let next = opt.from;
const end = opt.from + opt.count;

async function worker(id) {
    const work = path.join(opt.out, 'work', String(id));
    while (next < end) {
        const seed = next++;
        const c = generateCase(seed);
        writeCase(c, work);
        const r = await compareCase(work, binCopy);
        counts[r.cls] = (counts[r.cls] || 0) + 1;
        if (r.cls === 'both-error') {
            // Compare positions when both point into the main prompt.
            const ours = r.ours.stderr.trim().split('\n').filter((l) => !l.startsWith('warning:')).pop() || '';
            const refPos = referenceErrorPosition(c.files[c.prompt], r.ref.error);
            const m = new RegExp(`^${c.prompt.replace(/[.]/g, '\\.')}:(\\d+):(\\d+):`).exec(ours);
            let pos = '';
            if (refPos && m) {
                const same = Number(m[1]) === refPos.line && (refPos.col === null || Number(m[2]) === refPos.col);
                pos = `${same ? 'same' : 'DIFFERENT'} ref=${refPos.line}:${refPos.col ?? '?'} ours=${m[1]}:${m[2]}`;
                counts[same ? 'error-position-same' : 'error-position-different'] = (counts[same ? 'error-position-same' : 'error-position-different'] || 0) + 1;
            }
            bothErrors.push(`${seed}\t${pos}\t${r.ref.error.replace(/\s+/g, ' ')}\t${ours.replace(/\s+/g, ' ')}`);
        }
        if (r.cls !== 'agree' && r.cls !== 'both-error') {
            const key = `${r.cls}${r.detail ? ' ' + r.detail : ''}`;
            (groups[key] = groups[key] || []).push(seed);
            const dest = path.join(opt.out, r.cls, String(seed));
            fs.mkdirSync(path.dirname(dest), { recursive: true });
            fs.cpSync(work, dest, { recursive: true });
            saveResult(dest, r);
        }
    }
}

const started = Date.now();
await Promise.all(Array.from({ length: opt.jobs }, (_, i) => worker(i)));
fs.rmSync(path.join(opt.out, 'work'), { recursive: true, force: true });

const agree = counts.agree || 0;
const positions = { same: counts['error-position-same'] || 0, different: counts['error-position-different'] || 0 };
delete counts['error-position-same'];
delete counts['error-position-different'];
const both = counts['both-error'] || 0;
const differ = opt.count - agree - both;
const lines = [`${opt.count} cases, agree ${agree}, both-error ${both}, differ ${differ}`,
    `  by class: ${JSON.stringify(counts)}`,
    `  both-error positions (where the reference gives one): same ${positions.same}, different ${positions.different} (both-error.tsv)`,
    ...Object.entries(groups).sort((a, b) => b[1].length - a[1].length)
        .map(([k, seeds]) => `  ${String(seeds.length).padStart(5)}  ${k}  (seeds ${seeds.slice(0, 8).join(' ')}${seeds.length > 8 ? ' ...' : ''})`),
    `  ${((Date.now() - started) / 1000).toFixed(1)} s, binary ${opt.bin} (built ${binStamp}), seeds ${opt.from}..${end - 1}${opt.avoid ? ', avoiding ' + opt.avoid : ''}, failures in ${opt.out}`];
fs.writeFileSync(path.join(opt.out, 'both-error.tsv'), 'seed\tposition\treference\tours\n' + bothErrors.sort((a, b) => parseInt(a) - parseInt(b)).join('\n') + '\n');
fs.writeFileSync(path.join(opt.out, 'summary.txt'), lines.join('\n') + '\n');
fs.writeFileSync(path.join(opt.out, 'groups.json'), JSON.stringify(groups, null, 1) + '\n');
console.log(lines.join('\n'));
// Which findings may explain the failures (heuristic; see triage.mjs).
const triage = spawnSync(process.execPath, [path.join(path.dirname(fileURLToPath(import.meta.url)), 'triage.mjs'), opt.out], { encoding: 'utf8' });
fs.writeFileSync(path.join(opt.out, 'triage.txt'), triage.stdout);
console.log('  triage (failures per finding that may explain them; a case can match several):');
console.log(triage.stdout.replace(/^/gm, '  ').trimEnd());
