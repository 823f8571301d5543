// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// Exhaustive sweeps that complement the random campaign: every combination of a few axes where
// the reference has sharp edges (standalone lines and whitespace control, YAML scalar
// spellings, malformed schemas, helper arities, history shapes, number formatting).
//   node sweeps.mjs [--bin PATH] [--only NAME] [--show N]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { compareCase, snapshotBinary, DEFAULT_BIN } from './compare.mjs';

const argv = process.argv.slice(2);
const opt = { bin: DEFAULT_BIN, only: '', show: 5 };
for (let i = 0; i < argv.length; i += 2) opt[argv[i].replace(/^--/, '')] = argv[i + 1];
const bin = snapshotBinary(opt.bin);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'psm-sweep-'));
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
fs.mkdirSync(path.join(dir, '.git'));
fs.mkdirSync(path.join(dir, 'prompts'));

// One case: { prompt, input?, history?, partials? }
async function run(c) {
    for (const f of fs.readdirSync(path.join(dir, 'prompts'))) fs.rmSync(path.join(dir, 'prompts', f));
    fs.writeFileSync(path.join(dir, 'prompts', 'x.prompt'), c.prompt);
    fs.writeFileSync(path.join(dir, 'input.json'), (c.inputText ?? JSON.stringify(c.input ?? {})) + '\n');
    for (const [n, t] of Object.entries(c.partials || {})) fs.writeFileSync(path.join(dir, 'prompts', `_${n}.prompt`), t);
    const meta = { prompt: 'prompts/x.prompt', history: !!c.history };
    if (c.history) fs.writeFileSync(path.join(dir, 'history.json'), JSON.stringify(c.history) + '\n');
    return compareCase(dir, bin, meta);
}

const SWEEPS = {
    // Block, else, comment and partial tags alone on lines (or not), with every line end.
    whitespace() {
        const pre = ['', ' ', '\t', 'x', 'x ', '  '];
        const post = ['', ' ', 'y', ' y'];
        const eols = ['\n', '\r\n', '\r'];
        const tags = [['{{#if t}}', 'A', '{{/if}}'], ['{{#if f}}', 'A', '{{else}}', 'B', '{{/if}}'],
            ['{{#each xs}}', '{{this}}', '{{/each}}'], ['{{#with o}}', '{{a}}', '{{/with}}'], ['{{! c }}'],
            ['{{!-- c --}}'], ['{{> p}}'], ['{{^f}}', 'N', '{{/f}}'], ['{{#unless f}}', 'U', '{{/unless}}'],
            ['{{~#if t}}', 'A', '{{/if~}}'], ['{{#if t~}}', 'A', '{{~/if}}'],
            ['{{#each xs}}', '{{#if @first}}', 'F', '{{/if}}', '{{/each}}'], ['{{#if t}}', '{{> p}}', '{{/if}}']];
        const out = [];
        for (const t of tags) for (const eol of eols) for (const a of pre) for (const b of post) {
            const lines = t.map((x) => (x.startsWith('{{') ? a + x + b : x));
            out.push({ prompt: 'top' + eol + lines.join(eol) + eol + 'bottom',
                input: { t: true, f: false, xs: [1, 2], o: { a: 1 } }, partials: { p: 'P1\n  P2\n' } });
        }
        return out;
    },
    // YAML scalar spellings as a config value.
    yamlScalars() {
        const s = ['42', '"42"', "'42'", '0x1F', '0o17', '017', '.inf', '-.inf', '.nan', '.NaN', '~', 'null',
            'Null', 'NULL', 'true', 'True', 'TRUE', 'false', 'yes', 'no', 'on', 'off', 'y',
            '2001-12-14t21:59:43.10-05:00', '2002-12-14', '1e3', '1E3', '-0', '+12', '1_000',
            '12345678901234567890', '9007199254740993', '0.1', '.5', '5.', '-.5', '1:20', '"multi\\nline"',
            "'it''s'", 'plain text here', '"unicode \\u00e9 😀"', '""', "''", '[]', '{}', '[1, two, 3.0]',
            '{a: 1, b: [x, y]}', '0b101', '+.inf', '1.0', '3.14159', '-1e-7', '"\\t tab"', '!!str 12',
            '!!int "7"', '!!float "1.5"', '!!bool "true"', '!!null ""', '0.0', '00', '1e400', 'NaN', 'Infinity',
            '-0.0', '0x', '0xG', '+0', '-0x1F', '0o8', '1e', '1.2.3', '"\\x41"', '"\\U0001F600"', '"\\/"',
            '! x', '&a 1', 'a #c', 'a#c', '"#"', 'FALSE', 'fAlse', 'nULL', '0.', '.0', '-.0', '1e-400', '0e0',
            '+1e3', '12e03', '0X1F', '0O17', '.Inf', '.INF', '-.Inf', '+.Inf', '.nAn', '~~', '"\\0"',
            '"\\a\\b\\e\\f\\v"', '"\\L\\P"', '"\\N"', '"\\_"', "'\\n'", '"\\u0000"', '[a, [b, [c]], {d: e}]',
            '{? a : b}', '{a, b}', '0x_1F', '1__0', '|\n    block', '|-\n    block\n', '>\n    folded\n    line',
            '|+\n    keep\n\n'];
        return s.map((v) => ({ prompt: `---\nconfig:\n  k: ${v}\n---\nHi` }));
    },
    // input.schema values a JSON Schema validator cannot compile, and odd Picoschema.
    schemas() {
        const s = ['{type: object, required: a}', '{type: object, properties: 5}', '{type: array, items: 5}',
            '{type: string, minLength: -1}', '{type: string, format: x}', '{type: object, additionalProperties: 5}',
            '{type: object, properties: {x: {type: [string, 5]}}}', '{type: object, properties: {x: {maximum: a}}}',
            '{type: object, properties: {x: {allOf: 5}}}', '{type: object, dependencies: {x: 5}}',
            '{type: object, properties: {x: {if: 5}}}', '{type: object, properties: {x: {$ref: "#/definitions/y"}}}',
            '{type: string, pattern: "("}', '{type: object, properties: {x: {enum: []}}}',
            '\n    x(enum): a', '\n    x(enum): 5', '\n    x?(enum): a', '\n    x: null', '\n    x:',
            '\n    x(array): null', '\n    x?(object):', '\n    (*): string', '\n    x: string ,desc',
            '\n    x(array , desc): string', '\n    "": string', '\n    type: [string, "null"]'];
        return s.flatMap((v) => [{ prompt: `---\ninput:\n  schema: ${v}\n---\nHi`, input: { x: 'a' } },
            { prompt: `---\noutput:\n  schema: ${v}\n---\nHi` }]);
    },
    // Helpers with too few or too many arguments, as mustaches and as blocks.
    arity() {
        const t = ['{{json}}', '{{json a b}}', '{{json a indent=2 indent=0}}', '{{lookup}}', '{{lookup a}}',
            '{{lookup a "b" "c"}}', '{{#each a b}}x{{/each}}', '{{#each}}x{{/each}}', '{{#if a b}}x{{/if}}',
            '{{#if}}x{{/if}}', '{{#with a b}}x{{/with}}', '{{#unless}}x{{/unless}}', '{{#ifEquals a}}x{{/ifEquals}}',
            '{{#ifEquals a.b 1 2}}x{{/ifEquals}}', '{{ifEquals a b}}', '{{#unlessEquals 1}}x{{/unlessEquals}}',
            '{{role}}', '{{role "a" "b"}}', '{{media}}', '{{media "u"}}', '{{section}}', '{{section "a" "b"}}',
            '{{history "x"}}', '{{log}}', '{{#json a}}x{{/json}}', '{{#role "system"}}x{{/role}}',
            '{{#history}}x{{/history}}', '{{#log a}}x{{/log}}', '{{#lookup a "b"}}x{{/lookup}}',
            '{{json (json a)}}', '{{json (role "user")}}', '{{#if (json missing)}}T{{/if}}', '{{#if (a)}}T{{/if}}'];
        return t.flatMap((p) => [{ prompt: p, input: { a: { b: 1 } } }, { prompt: `{{#if no}}${p}{{/if}}ok`, input: { a: { b: 1 } } }]);
    },
    // History shapes with and without {{history}} and roles around it.
    history() {
        const H = [[{ role: 'user', content: [{ text: 'H1' }] }, { role: 'model', content: [{ text: 'H2' }], metadata: { k: 1 } }],
            [{ role: 'user', content: [{ text: 'H1' }], metadata: { purpose: 'history' } }], [],
            [{ role: 'user' }], [{ role: 'user', content: 'str' }], [{ role: 'user', content: [], metadata: 'x' }],
            [{ role: 'tool', content: [{ toolResponse: { name: 't', output: 1 } }] }, { role: 'system', content: [{ text: 'S' }] }]];
        const T = ['hi', '', '{{role "model"}}m', '{{role "system"}}s{{role "user"}}u', '{{history}}', 'a{{history}}b',
            '{{history}}{{history}}', '{{role "system"}}s{{history}}{{role "user"}}q', '{{history}}   ',
            '  {{role "user"}}  ', '{{section "x"}}', '{{media url="u"}}{{history}}', 'x{{role "user"}}{{role "model"}}y'];
        return T.flatMap((p) => H.map((h) => ({ prompt: p, history: h })));
    },
    // Awkward JSON numbers through {{x}}, {{json}} and arrays; the JS + of adjacent values.
    numbers() {
        const nums = ['1.7976931348623157e308', '-1e-300', '1e-6', '1e-7', '123e-20', '1.5e21', '9007199254740993',
            '100000000000000000000', '1e21', '-0', '0.1', '0.30000000000000004', '1.005', '123456.789e3', '5e-324',
            '18446744073709551616', '-9223372036854775809', '1.0e0', '10.50', '1e+0', '-1.5E-10', '12345678912345.678'];
        const T = ['{{x}}', '{{json x}}', '{{x}}{{x}}', '{{x}}{{#if x}}{{x}}{{/if}}', '[{{x}}]', '{{#with x}}{{this}}{{/with}}'];
        return nums.flatMap((n) => T.map((p) => ({ prompt: p, inputText: `{"x":${n}}` })))
            .concat([{ prompt: '{{a}}{{b}}', inputText: '{"a":true,"b":true}' }, { prompt: '{{a}}{{b}}', inputText: '{"a":false,"b":false}' },
                { prompt: '{{a}}', inputText: '{"a":[1,[2,[3]],null,{"k":1}]}' }]);
    },
};

let total = 0;
let bad = 0;
for (const [name, make] of Object.entries(SWEEPS)) {
    if (opt.only && opt.only !== name) continue;
    const cases = make();
    const counts = {};
    let shown = 0;
    for (const c of cases) {
        const r = await run(c);
        counts[r.cls] = (counts[r.cls] || 0) + 1;
        if (r.cls !== 'agree' && r.cls !== 'both-error') {
            bad++;
            if (shown++ < Number(opt.show)) {
                const brief = (t) => (t.length > 200 ? t.slice(0, 200) + '...' : t);
                const whole = !r.detail.startsWith('.messages');
                const show = (text) => { const j = JSON.parse(text); return JSON.stringify(whole ? j : j.messages); };
                console.log(`  ${name}: ${r.cls} ${r.detail}  prompt ${JSON.stringify(c.prompt)}`
                    + `\n      ref  ${brief(r.ref.ok ? show(r.ref.text) : 'error: ' + r.ref.error.replace(/\s+/g, ' '))}`
                    + `\n      ours ${brief(r.ours.code === 0 ? show(r.ours.stdout) : `exit ${r.ours.code ?? r.ours.signal}: ${r.ours.stderr.replace(/\s+/g, ' ')}`)}`);
            }
        }
    }
    total += cases.length;
    console.log(`${name}: ${cases.length} cases ${JSON.stringify(counts)}`);
}
console.log(`sweeps: ${total} cases, ${bad} disagree`);
