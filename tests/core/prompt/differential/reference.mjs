// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// What `promptsmith render PATH --input-file F [--history H] --json` must print, computed with
// the reference Dotprompt (npm dotprompt 1.1.2). Partials are looked up the way our CLI does
// (core/prompt/partialfiles.cpp): `_NAME.prompt` next to the prompt, then in WORKSPACE/prompts,
// where WORKSPACE is the nearest ancestor holding `.git` (else the prompt's folder).
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

function loadDotprompt() {
    const roots = [process.env.DOTPROMPT_REF, ...(process.env.NODE_PATH || '').split(':'),
        '/tmp/dpref/node_modules'].filter(Boolean);
    for (const root of roots) {
        try {
            const dir = root.endsWith('node_modules') ? root : path.join(root, 'node_modules');
            return {
                Dotprompt: require(path.join(dir, 'dotprompt')).Dotprompt,
                version: require(path.join(dir, 'dotprompt', 'package.json')).version,
            };
        } catch {
            // try the next candidate
        }
    }
    throw new Error('cannot find the npm package dotprompt; set DOTPROMPT_REF=/dir/node_modules');
}

export const { Dotprompt, version: referenceVersion } = loadDotprompt();
// The yaml package warns on stderr about unresolved tags; the harness's output is its report.
process.removeAllListeners('warning');

export function workspaceRootFor(promptPath) {
    const start = path.dirname(path.resolve(promptPath));
    for (let dir = start; ; dir = path.dirname(dir)) {
        if (fs.existsSync(path.join(dir, '.git'))) return dir;
        if (path.dirname(dir) === dir) return start;
    }
}

function partialResolver(promptPath) {
    const promptDir = path.dirname(path.resolve(promptPath));
    const root = workspaceRootFor(promptPath);
    return async (name) => {
        if (!name || name.includes('..')) return null;
        const slash = name.lastIndexOf('/');
        const relative = name.slice(0, slash + 1) + '_' + name.slice(slash + 1) + '.prompt';
        for (const base of [promptDir, path.join(root, 'prompts')]) {
            try {
                return fs.readFileSync(path.join(base, relative), 'utf8');
            } catch {
                // not in this folder
            }
        }
        return null;
    };
}

// Returns { ok: true, text } (the exact stdout, newline included) or { ok: false, error }.
export async function renderReference(promptPath, inputPath, historyPath) {
    const saved = { log: console.log, info: console.info, warn: console.warn,
        error: console.error, debug: console.debug };
    const logged = [];
    for (const k of Object.keys(saved)) console[k] = (...a) => logged.push(a.map(String).join(' '));
    try {
        const dp = new Dotprompt({ partialResolver: partialResolver(promptPath) });
        // Handlebars.noConflict() hands every Dotprompt the same global instance: forget the
        // partials of the previous case.
        for (const k of Object.keys(dp.handlebars.partials)) delete dp.handlebars.partials[k];
        const source = fs.readFileSync(promptPath, 'utf8');
        const input = inputPath ? JSON.parse(fs.readFileSync(inputPath, 'utf8')) : undefined;
        const messages = historyPath ? JSON.parse(fs.readFileSync(historyPath, 'utf8')) : undefined;
        const defaults = dp.parse(source).input?.default;
        const result = await dp.render(source, { input, messages },
            { input: { default: defaults } });
        return { ok: true, text: JSON.stringify(result, null, 2) + '\n', logged };
    } catch (e) {
        return { ok: false, error: String(e && e.message ? e.message : e), logged };
    } finally {
        Object.assign(console, saved);
    }
}

if (import.meta.url === `file://${process.argv[1]}`) {
    const [promptPath, inputPath, historyPath] = process.argv.slice(2);
    const r = await renderReference(promptPath, inputPath, historyPath);
    if (r.ok) process.stdout.write(r.text);
    else { process.stderr.write(r.error + '\n'); process.exit(2); }
}
