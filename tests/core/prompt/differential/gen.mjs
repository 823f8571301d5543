// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// Seeded random generator of `promptsmith render` cases: a small workspace (a `.git` folder,
// prompts/..., partial files), input.json and sometimes history.json. The same seed always
// gives the same case, so a failing seed is a stable repro.
//   node gen.mjs SEED OUTDIR
import fs from 'node:fs';
import path from 'node:path';

// ---------------------------------------------------------------------------------------------
// Constructs to leave out, to hunt for new disagreements past the known ones (FINDINGS.md):
// leading, yamlerr, yamltag, blockscalar, nullpico, raw, inline, partialblock, atpartialblock,
// dataparent, datapath, helperarg, oddrole, emptypartial, emptyliteral, duphash, badschema,
// oddconfig, odddefault, oddfrontmatter. Comma list in DIFFTEST_AVOID.

let avoidSet = new Set((process.env.DIFFTEST_AVOID || '').split(',').filter(Boolean));
export function setAvoid(list) { avoidSet = new Set(list); }
const avoid = (name) => avoidSet.has(name);
const unless = (name, weight) => (avoid(name) ? 0 : weight);

// ---------------------------------------------------------------------------------------------
// Randomness

export function makeRng(seed) {
    let a = (seed * 2654435761) >>> 0 ^ 0x9e3779b9;
    const next = () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const r = {
        next,
        int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
        chance: (p) => next() < p,
        pick: (list) => list[Math.floor(next() * list.length)],
        weighted: (pairs) => {
            const total = pairs.reduce((s, [w]) => s + w, 0);
            let x = next() * total;
            for (const [w, v] of pairs) {
                if ((x -= w) < 0) return v;
            }
            return pairs[pairs.length - 1][1];
        },
    };
    return r;
}

// A number written exactly as `text` in JSON, so inputs can hold 1.0, -0, 1e21 and friends.
class RawNumber {
    constructor(text) { this.text = text; }
}

export function toJsonText(value, indent = '  ', level = 0) {
    const pad = indent.repeat(level + 1);
    const end = indent.repeat(level);
    if (value instanceof RawNumber) return value.text;
    if (value === undefined) return 'null';
    if (Array.isArray(value)) {
        if (!value.length) return '[]';
        return '[\n' + value.map((v) => pad + toJsonText(v, indent, level + 1)).join(',\n')
            + '\n' + end + ']';
    }
    if (value && typeof value === 'object') {
        const keys = Object.keys(value);
        if (!keys.length) return '{}';
        return '{\n' + keys.map((k) => pad + JSON.stringify(k) + ': '
            + toJsonText(value[k], indent, level + 1)).join(',\n') + '\n' + end + '}';
    }
    return JSON.stringify(value);
}

// ---------------------------------------------------------------------------------------------
// Values

const STRINGS = [
    '', 'Ada', 'hello world', '  padded  ', 'line one\nline two', 'crlf\r\nline', 'tab\there',
    'emoji 😀🎉', 'combining é and n̈', 'RTL שלום مرحبا', 'quotes " and \' and `', '<b>&amp;</b>',
    'a & b < c > d', 'braces {{x}} and {{{y}}}', 'back\\slash', '0', 'false', 'null', '42',
    ' ', '\n', 'trailing\n', 'ünïcödé', '中文字符', 'x'.repeat(60),
    '<<<dotprompt:role:model>>>', 'see <<<dotprompt:media:url http://x/y.png>>> here',
    'a.b', 'with,comma', 'undefined',
];
const NUMBERS = ['0', '1', '-1', '42', '3.14', '0.1', '-2.5', '1.0', '2.50', '-0', '1e21', '1e-7',
    '1E3', '123456789012345680000', '9007199254740993', '1.5e300', '100', '7', '0.000001',
    '1e+21', '12345678901234567890123', '-0.0', '5e-324'];
const INTS = ['0', '1', '2', '3', '-7', '42', '100', '65536', '9007199254740991'];

export function randomString(rng) { return rng.pick(STRINGS); }

export function randomScalar(rng) {
    return rng.weighted([
        [5, () => randomString(rng)],
        [4, () => new RawNumber(rng.pick(NUMBERS))],
        [2, () => rng.chance(0.5)],
        [1, () => null],
    ])();
}

export function randomValue(rng, depth = 0) {
    if (depth > 2 || rng.chance(0.55)) return randomScalar(rng);
    if (rng.chance(0.5)) {
        const n = rng.pick([0, 1, 2, 3]);
        return Array.from({ length: n }, () => randomValue(rng, depth + 1));
    }
    const out = {};
    const n = rng.pick([0, 1, 2, 3]);
    for (let i = 0; i < n; i++) out[rng.pick(FIELD_NAMES)] = randomValue(rng, depth + 1);
    return out;
}

// ---------------------------------------------------------------------------------------------
// Variable model: what the input holds. A model is
//   { kind: 'string'|'number'|'integer'|'boolean'|'null'|'any'|'enum'|'array'|'object', ... }

const VAR_NAMES = ['name', 'topic', 'count', 'items', 'user', 'flag', 'score', 'tags', 'note',
    'a', 'b', 'c', 'list', 'map', 'value', 'title', 'n', 'x', 'empty', 'nested', 'matrix'];
const FIELD_NAMES = ['id', 'label', 'name', 'value', 'k', 'on', 'n', 'sub', 'first name', 'a.b',
    'length', 'x', 'y', '0', 'meta'];

function randomModel(rng, depth = 0) {
    const kind = rng.weighted([
        [5, 'string'], [3, 'number'], [2, 'integer'], [2, 'boolean'], [0.5, 'null'], [1, 'any'],
        [1, 'enum'], [depth < 2 ? 3 : 0.5, 'array'], [depth < 2 ? 3 : 0.5, 'object'],
    ]);
    const m = { kind };
    if (kind === 'enum') {
        m.values = rng.pick([['a', 'b', 'c'], ['red', 'green'], [1, 2, 3], ['x', 1, true],
            ['yes', 'no']]);
    } else if (kind === 'array') {
        m.items = randomModel(rng, depth + 2);
    } else if (kind === 'object') {
        m.fields = [];
        const n = rng.int(1, 3);
        for (let i = 0; i < n; i++) {
            const name = rng.pick(FIELD_NAMES.filter((f) => !/[ .()?,*]/.test(f) || depth > 5));
            if (m.fields.some((f) => f.name === name)) continue;
            m.fields.push({ name, optional: rng.chance(0.3), model: randomModel(rng, depth + 1),
                description: rng.chance(0.2) ? rng.pick(['the id', 'a label, with comma', 'x'])
                    : null });
        }
    }
    return m;
}

function valueFor(rng, m, depth = 0) {
    switch (m.kind) {
    case 'string': return randomString(rng);
    case 'number': return new RawNumber(rng.pick(NUMBERS));
    case 'integer': return new RawNumber(rng.pick(INTS));
    case 'boolean': return rng.chance(0.5);
    case 'null': return null;
    case 'any': return randomValue(rng, depth);
    case 'enum': return rng.pick(m.values);
    case 'array': {
        const n = rng.weighted([[1, 0], [3, 1], [4, 2], [3, 3], [1, 5]]);
        return Array.from({ length: n }, () => valueFor(rng, m.items, depth + 1));
    }
    case 'object': {
        const out = {};
        for (const f of m.fields) {
            if (f.optional && rng.chance(0.3)) {
                if (rng.chance(0.3)) out[f.name] = null;
                continue;
            }
            out[f.name] = valueFor(rng, f.model, depth + 1);
        }
        return out;
    }
    }
    return null;
}

function wrongValueFor(rng, m) {
    switch (m.kind) {
    case 'string': return rng.pick([new RawNumber('5'), true, ['s'], {}]);
    case 'number': case 'integer': return rng.pick(['12', true, null, [1]]);
    case 'boolean': return rng.pick(['true', 0, null]);
    case 'enum': return 'not-in-enum';
    case 'array': return rng.pick(['a,b', { 0: 'x' }, 3]);
    case 'object': return rng.pick(['obj', [1, 2], 7]);
    default: return undefined;
    }
}

// Picoschema text for a model, as YAML lines at `indent`.
function picoLines(key, m, indent, optional, description) {
    const pad = ' '.repeat(indent);
    const q = optional ? '?' : '';
    const d = description ? `, ${description}` : '';
    const k = (s) => (/[:#{}\[\],&*!|>'"%@`]/.test(s) || /^[-? ]/.test(s) ? JSON.stringify(s) : s);
    switch (m.kind) {
    case 'array': {
        if (m.items.kind === 'object') {
            return [`${pad}${k(`${key}${q}(array${d})`)}:`,
                ...m.items.fields.flatMap((f) => picoLines(f.name, f.model, indent + 2, f.optional,
                    f.description))];
        }
        if (['array', 'enum'].includes(m.items.kind)) {
            return [`${pad}${k(`${key}${q}(array${d})`)}: any`];
        }
        return [`${pad}${k(`${key}${q}(array${d})`)}: ${m.items.kind === 'null' && avoid('nullpico') ? '"null"' : m.items.kind}`];
    }
    case 'object':
        return [`${pad}${k(`${key}${q}(object${d})`)}:`,
            ...m.fields.flatMap((f) => picoLines(f.name, f.model, indent + 2, f.optional,
                f.description))];
    case 'enum':
        return [`${pad}${k(`${key}${q}(enum${d})`)}: [${m.values.map((v) => JSON.stringify(v))
            .join(', ')}]`];
    default:
        return [`${pad}${k(key + q)}: ${m.kind === 'null' && !d && avoid('nullpico') ? '"null"' : m.kind}${d}`];
    }
}

function jsonSchemaFor(m) {
    switch (m.kind) {
    case 'any': return {};
    case 'enum': return { enum: m.values };
    case 'array': return { type: 'array', items: jsonSchemaFor(m.items) };
    case 'object': {
        const s = { type: 'object', properties: {} };
        for (const f of m.fields) s.properties[f.name] = jsonSchemaFor(f.model);
        const req = m.fields.filter((f) => !f.optional).map((f) => f.name);
        if (req.length) s.required = req;
        return s;
    }
    default: return { type: m.kind };
    }
}

// ---------------------------------------------------------------------------------------------
// YAML bits

const YAML_SCALARS = ['42', '"42"', "'42'", '0x1F', '0o17', '017', '.inf', '-.inf', '.nan', '.NaN',
    '~', 'null', 'Null', 'NULL', 'true', 'True', 'TRUE', 'false', 'yes', 'no', 'on', 'off', 'y',
    '2001-12-14t21:59:43.10-05:00', '2002-12-14', '1e3', '1E3', '-0', '+12', '1_000',
    '12345678901234567890', '9007199254740993', '0.1', '.5', '5.', '-.5', '1:20', '"multi\\nline"',
    "'it''s'", 'plain text here', '"unicode \\u00e9 😀"', '""', "''", '[]', '{}', '[1, two, 3.0]',
    '{a: 1, b: [x, y]}', '0b101', '+.inf', '1.0', '3.14159', '-1e-7', '"\\t tab"', '!!str 12',
    '!!int "7"', '!!float 1', '0.0', '00', '1e400', 'NaN', 'Infinity'];

function yamlBlockScalar(rng, indent) {
    const pad = ' '.repeat(indent);
    const style = rng.pick(['|', '>', '|-', '>-', '|+', '>+', '|2']);
    const lines = rng.pick([['line one', 'line two'], ['folded', 'text', '', 'para'],
        ['back', '  indented', 'back'], ['only'], ['trailing  ', '', '']]);
    const trail = rng.pick(['', '\n', '\n\n']);
    return `${style}\n${lines.map((l) => (l ? pad + '  ' + l : '')).join('\n')}${trail}`;
}

function yamlValue(rng, indent, depth = 0) {
    return rng.weighted([
        [6, () => rng.pick(avoid('yamltag') ? YAML_SCALARS.filter((x) => !x.startsWith('!!')) : YAML_SCALARS)],
        [unless('blockscalar', 1), () => yamlBlockScalar(rng, indent)],
        [depth < 2 ? 2 : 0, () => {
            const pad = ' '.repeat(indent + 2);
            const n = rng.int(1, 3);
            const keys = new Set();
            const lines = [];
            for (let i = 0; i < n; i++) {
                const k = rng.pick(['a', 'b', 'deep', 'x y', '"q"', 'k.v', 'n1', '1', 'true']);
                if (keys.has(k)) continue;
                keys.add(k);
                lines.push(`${pad}${k}: ${yamlValue(rng, indent + 2, depth + 1)}`);
            }
            return '\n' + lines.join('\n');
        }],
        [depth < 2 ? 1 : 0, () => {
            const pad = ' '.repeat(indent + 2);
            return '\n' + Array.from({ length: rng.int(1, 3) },
                () => `${pad}- ${rng.pick(avoid('yamltag') ? YAML_SCALARS.filter((x) => !x.startsWith('!!')) : YAML_SCALARS)}`).join('\n');
        }],
    ])();
}

// ---------------------------------------------------------------------------------------------
// Front matter

function frontMatter(rng, caseModel) {
    const lines = [];
    const add = (s) => lines.push(s);
    if (rng.chance(0.5)) add(`model: ${rng.pick(['googleai/gemini-1.5-pro', 'openai/gpt-4o',
        '"anthropic/claude-3"', 'x', '42', 'null', '~'])}`);
    if (rng.chance(0.2)) add(`name: ${rng.pick(['greet', '123', 'true', '"spaced name"'])}`);
    if (rng.chance(0.15)) add(`description: ${yamlValue(rng, 0)}`);
    if (rng.chance(0.1)) add(`variant: ${rng.pick(['v2', '2', 'null'])}`);
    if (rng.chance(0.1)) add(`version: ${rng.pick(['1', '"1.0"', 'abc'])}`);
    if (rng.chance(0.45)) {
        add('config:');
        const keys = ['temperature', 'maxOutputTokens', 'topK', 'stopSequences', 'custom', 'nested'];
        for (const k of keys) {
            if (!rng.chance(0.4)) continue;
            if (k === 'temperature') add(`  temperature: ${rng.pick(['0.2', '1', '0', '1.0', '.5', '"0.7"'])}`);
            else if (k === 'stopSequences') add(`  stopSequences: ${rng.pick(['[a, "b"]', '\n    - x\n    - "y"', '[]'])}`);
            else add(`  ${k}: ${yamlValue(rng, 2)}`);
        }
        if (lines[lines.length - 1] === 'config:') {
            lines[lines.length - 1] = rng.pick(['config: {}', 'config:', ...(avoid('oddconfig') ? [] : ['config: [1, 2]', 'config: x', 'config: 5'])]);
        }
    }
    // input: schema + default
    if (caseModel.schemaStyle !== 'none' || caseModel.defaults) {
        add('input:');
        if (caseModel.schemaStyle === 'pico') {
            add('  schema:');
            for (const v of caseModel.vars) {
                lines.push(...picoLines(v.name, v.model, 4, v.optional, v.description));
            }
            if (caseModel.wildcard) add(`    (*): ${rng.pick(['any', 'string', 'number'])}`);
        } else if (caseModel.schemaStyle === 'json') {
            const s = { type: 'object', properties: {} };
            for (const v of caseModel.vars) s.properties[v.name] = jsonSchemaFor(v.model);
            const req = caseModel.vars.filter((v) => !v.optional).map((v) => v.name);
            if (req.length) s.required = req;
            add(`  schema: ${JSON.stringify(s)}`);
        } else if (caseModel.schemaStyle === 'named') {
            add(`  schema: ${rng.pick(['MySchema', 'Person, a person', 'string', 'any, anything',
                'integer'])}`);
        } else if (caseModel.schemaStyle === 'badjson') {
            // Schemas a JSON Schema validator cannot compile; the reference never validates.
            add(`  schema: ${rng.pick(['{type: object, required: a}', '{type: object, properties: 5}',
                '{type: array, items: 5}', '{type: string, minLength: -1}', '{type: string, format: x}',
                '{type: object, additionalProperties: 5}', '{type: object, properties: {x: {maximum: a}}}',
                '{type: object, properties: {x: {$ref: "#/definitions/y"}}}', '{type: object, dependencies: {x: 5}}',
                '{type: object, properties: {name: {enum: a}}}', '{type: object, properties: {x: {type: [string, 5]}}}',
                '{type: string, pattern: "("}', '{type: object, properties: {x: {if: 5}}}'])}`);
        } else if (caseModel.schemaStyle === 'badpico') {
            add(`  schema:\n    x(integer): string`);
        }
        if (caseModel.defaults && !avoid('odddefault') && rng.chance(0.04)) {
            add(`  default: ${rng.pick(['[7, 8]', '"ab"', '5', 'null', '[]'])}`);
        } else if (caseModel.defaults) {
            add('  default:');
            for (const [k, v] of Object.entries(caseModel.defaults)) {
                add(`    ${/[ .:#]/.test(k) ? JSON.stringify(k) : k}: ${toJsonText(v, '', 0).replace(/\n/g, ' ')}`);
            }
        }
    }
    if (rng.chance(0.35)) {
        add('output:');
        if (rng.chance(0.7)) add(`  format: ${rng.pick(['json', 'text', 'media', 'array', 'jsonl'])}`);
        if (rng.chance(0.7)) {
            const m = randomModel(rng, 1);
            if (m.kind === 'object' && rng.chance(0.7)) {
                add('  schema:');
                for (const f of m.fields) lines.push(...picoLines(f.name, f.model, 4, f.optional, f.description));
            } else if (rng.chance(0.5)) {
                add(`  schema: ${JSON.stringify(jsonSchemaFor(m))}`);
            } else {
                add(`  schema: ${rng.pick(['string', 'number, a number', 'any', 'boolean'])}`);
            }
        }
    }
    if (rng.chance(0.15)) add(`tools: ${rng.pick(['[search, "calc"]', '\n  - lookup', '[]'])}`);
    if (rng.chance(0.1)) add(`toolDefs: [{name: t, description: d}]`);
    // dotted ext keys
    const n = rng.weighted([[6, 0], [2, 1], [1, 2]]);
    const usedExt = new Set();
    for (let i = 0; i < n; i++) {
        const key = rng.pick(['a.b', 'a.b.c', 'promptsmith.tags', 'x.y.z.w', 'ns.key', '.lead',
            'trail.', 'a..b', 'ext.thing', '"quoted.key"']);
        if (avoid('yamlerr') && usedExt.has(key)) continue; // a duplicate key is a YAML error
        usedExt.add(key);
        add(`${key}: ${yamlValue(rng, 0)}`);
    }
    if (rng.chance(0.2)) add(`${rng.pick(['unknown', 'metadata', 'foo', 'template', 'messages',
        'raw', 'ext'])}: ${yamlValue(rng, 0)}`);
    if (rng.chance(0.1)) add(rng.pick(['# a comment', '  # indented comment']));
    if (rng.chance(0.05)) add('anchor: &A {k: 1}\nalias: *A');
    if (!avoid('yamlerr')) {
        if (rng.chance(0.03)) add('config:\n  dup: 1'); // duplicate key: yaml throws
        if (rng.chance(0.02)) add('bad:\n\t- tab');
        if (rng.chance(0.02)) add('---\nsecond: doc');
        if (rng.chance(0.02)) add('broken: [unclosed');
    }
    if (rng.chance(0.02)) add('ext: {x: 1}\nx.y: 2');
    return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Templates

// Scope: what `this` is, for choosing sensible paths.
//   { fields: [{name, model}], depth, params: [names], inEach: bool, parent }

const TEXT = ['Hello ', 'text', ' ', '\n', '\n\n', '  ', 'A: ', ', ', '.', '\r\n', ' - ', '\t',
    'end', 'x\ny', '(', ')', ':', '&', '<', '>', '"', "'", '=', '\\', 'é', '😀', '}', '{',
    '{ {', '} }', ' }}', '\\{{escaped}}', '\\\\{{name}}', '@', '#', '/', '[', ']'];

function quoteString(rng, s) {
    if (s.includes("'") && s.includes('"')) return JSON.stringify(s.replace(/"/g, ''));
    if (s.includes('"')) return `'${s}'`;
    if (s.includes("'")) return `"${s}"`;
    return rng.chance(0.5) ? `"${s}"` : `'${s}'`;
}

function segment(name) {
    return /^[A-Za-z_$][\w$-]*$/.test(name) && !['true', 'false', 'null', 'undefined', 'else',
        'this'].includes(name) ? name : `[${name}]`;
}

class TemplateGen {
    constructor(rng, caseModel, partialNames, wild) {
        this.rng = rng;
        // Wild templates may hold syntax errors, unknown helpers and missing partials; clean
        // ones render in the reference, so they test output rather than error paths.
        this.wild = wild;
        this.cm = caseModel;
        this.partialNames = partialNames;
        this.budget = 0;
    }

    // A path in the current scope.
    path(scope, { forBlock = false } = {}) {
        const rng = this.rng;
        const choices = [];
        const fields = scope.fields || [];
        if (fields.length) {
            choices.push([8, () => {
                const f = rng.pick(fields);
                let p = segment(f.name);
                let m = f.model;
                while (m && rng.chance(0.4)) {
                    if (m.kind === 'object' && m.fields.length) {
                        const g = rng.pick(m.fields);
                        p += '.' + segment(g.name);
                        m = g.model;
                    } else if (m.kind === 'array') {
                        p += rng.pick(['.[0]', '.[1]', '.length', this.wild ? '.0' : '.[2]', '.[-1]']);
                        m = p.endsWith('length') ? null : m.items;
                    } else if (m.kind === 'string') {
                        p += '.length';
                        m = null;
                    } else break;
                }
                const prefix = rng.weighted([[8, ''], [1, 'this.'], [1, './'], [0.5, 'this/']]);
                return prefix + p;
            }]);
        }
        if (scope.params?.length) choices.push([4, () => rng.pick(scope.params)]);
        if (scope.parent) {
            choices.push([2, () => {
                const pf = scope.parent.fields || [];
                return '../' + (pf.length ? segment(rng.pick(pf).name) : rng.pick(['x', 'this']));
            }]);
        }
        choices.push([1.5, () => '@root.' + segment(rng.pick(this.cm.allVars).name)]);
        choices.push([1, () => rng.pick(['this', '.', 'this.length', 'missing', 'missing.deep',
            'undefined.x', '[a b]', 'a/b', '@root', 'name.[0]', '[0]', 'items.[1].name',
            'user.[first name]', '@root.[key with space]', '[dotted.key]'])]);
        if (scope.inEach && !forBlock) {
            choices.push([4, () => rng.pick(['@index', '@first', '@last', '@key', '@root.name',
                ...(avoid('dataparent') ? [] : ['@../index']),
                ...(avoid('datapath') ? [] : ['@index.length'])])]);
        }
        return rng.weighted(choices)();
    }

    literal() {
        const rng = this.rng;
        return rng.pick(['"str"', "'single'", '"with \\"esc\\""', '1', '-1', '2.5', '-0.5', '0',
            'true', 'false', 'null', 'undefined', '"a b"', "'{{x}}'", '10', '1e3', ...(avoid('emptyliteral') ? [] : ['""'])]);
    }

    param(scope) {
        return this.rng.weighted([
            [5, () => this.path(scope)],
            [3, () => this.literal()],
            [1, () => this.subexpr(scope)],
        ])();
    }

    subexpr(scope) {
        const rng = this.rng;
        if (!this.wild) {
            return rng.pick([
                () => `(lookup ${this.path(scope)} ${rng.pick(['0', '1', '"name"', '@index', 'this.k', '"length"'])})`,
                ...(avoid('helperarg') ? [] : [() => `(json ${this.path(scope)})`, () => `(role "user")`]),
                () => `(lookup @root ${rng.pick(['"name"', '"items"', '"a"'])})`,
            ])();
        }
        return rng.pick([
            () => `(lookup ${this.path(scope)} ${rng.pick(['0', '1', '"name"', '@index', 'this.k', '"length"'])})`,
            () => `(json ${this.path(scope)})`,
            () => `(unknownHelper ${this.path(scope)})`,
            () => `(ifEquals ${this.param(scope)} ${this.param(scope)})`,
            () => `(role "user")`,
            () => `(${this.path(scope)})`,
        ])();
    }

    hash(scope) {
        const rng = this.rng;
        const n = rng.int(1, 2);
        let keys = Array.from({ length: n }, () => rng.pick(['k', 'tone', 'indent', 'x', 'name']));
        if (avoid('duphash')) keys = [...new Set(keys)];
        return keys.map((k) => `${k}=${this.param(scope)}`).join(' ');
    }

    tilde() {
        return this.rng.chance(0.12) ? '~' : '';
    }

    mustache(scope) {
        const rng = this.rng;
        const [o, c] = [this.tilde(), this.tilde()];
        const w = this.wild ? 1 : 0;
        return rng.weighted([
            [10, () => `{{${o}${this.path(scope)}${c}}}`],
            [2, () => `{{${o}{${this.path(scope)}}${c}}}`],
            [0.2 * w, () => `{{{${o}${this.path(scope)}${c}}}}`],
            [1, () => `{{&${this.path(scope)}}}`],
            [1, () => `{{${o}${this.literal()}${c}}}`],
            [2, () => `{{json ${this.param(scope)}${rng.chance(0.4) ? ` indent=${rng.pick(['2', '0', '"  "', '4', 'true', '1.5'])}` : ''}}}`],
            [1, () => `{{lookup ${this.path(scope)} ${rng.pick(['0', '1', '"name"', '@index', 'this.k', '"length"', '-1', '"0"'])}}}`],
            [1, () => `{{role ${rng.pick(['"system"', '"user"', '"model"', '"tool"', "'user'", ...(avoid('oddrole') ? [] : ['"Model"', '"bad role"', 'name', '""'])])}}}`],
            [0.5, () => '{{history}}'],
            [1, () => `{{media url=${rng.pick(['"https://x.test/a.png"', 'name', '"data:image/png;base64,AAAA"', '"a b.png"'])}${rng.chance(0.6) ? ` contentType=${rng.pick(['"image/png"', '"text/plain"', 'name'])}` : ''}}}`],
            [0.5, () => `{{section ${rng.pick(['"code"', '"output"', "'a b'", 'name'])}}}`],
            [0.5, () => `{{log ${this.param(scope)}${rng.chance(0.3) ? ' level="warn"' : ''}}}`],
            [0.7 * w, () => `{{${rng.pick(['unknownHelper', 'upper', 'formatDate'])}${rng.chance(0.6) ? ' ' + this.param(scope) : ''}}}`],
            [0.7 * w, () => `{{${this.path(scope)} ${this.param(scope)}}}`],
            [0.5 * w, () => `{{${this.path(scope)} ${this.hash(scope)}}}`],
            [0.5 * w, () => `{{${this.subexpr(scope)}}}`],
            [1, () => rng.pick(['{{! comment }}', '{{!-- long -- comment }} --}}', '{{!}}', '{{!-- {{x}} --}}'])],
            [unless('raw', 0.05), () => `{{{{raw}}}} {{${this.path(scope)}}} {{{{/raw}}}}`],
            [0.3 * w, () => rng.pick(['{{', '}}', '{{/if}}', '{{#if}}{{/if}}', '{{else}}', '{{#each x}}', '{{> }}', '{{a b=}}', '{{"unterminated}}', '{{[x}}', '{{a.}}', '{{..}}', '{{../}}', '{{@}}'])],
            [0.3, () => `{{${rng.pick(['true', 'false', 'null', 'undefined', '0', '1', '-1', '"s"'])}}}`],
        ])();
    }

    partialCall(scope) {
        const rng = this.rng;
        const w = this.wild ? 1 : 0;
        if (!this.partialNames.length && !w) return this.mustache(scope);
        const name = rng.weighted([[6, () => rng.pick(this.partialNames.length ? this.partialNames : ['missing'])], [w, () => 'missing'],
            [0.5 * w, () => rng.pick(['"p"', "'q'", 'sub/r', '[p]'])]])();
        const ctx = rng.chance(0.3) ? ' ' + this.path(scope, { forBlock: true }) : '';
        const hash = rng.chance(0.3) ? ' ' + this.hash(scope) : '';
        return rng.weighted([
            [8, () => `{{>${rng.chance(0.3) ? '' : ' '}${name}${ctx}${hash}}}`],
            [unless('partialblock', 0.7), () => `{{#> ${name}${ctx}}}fallback {{${this.path(scope)}}}{{/${name.replace(/^["']|["']$/g, '').replace(/^\[|\]$/g, '')}}}`],
            [0.3 * w, () => `{{> (lookup . ${rng.pick(['"p"', '"name"'])})}}`],
            [unless('atpartialblock', 0.3 * w), () => '{{> @partial-block}}'],
            [unless('inline', 0.05), () => `{{#*inline "${rng.pick(['p', 'inl'])}"}}inline {{${this.path(scope)}}}{{/inline}}{{> ${rng.pick(['p', 'inl'])}}}`],
            [0.3, () => `{{~> ${name}~}}`],
        ])();
    }

    childScope(scope, m, params, inEach) {
        const fields = m && m.kind === 'object' ? m.fields.map((f) => ({ name: f.name, model: f.model })) : [];
        return { fields, parent: scope, params: [...(scope.params || []), ...params], inEach };
    }

    // A field of the scope whose model is of one of the kinds, or a random path.
    pickField(scope, kinds) {
        const cands = (scope.fields || []).filter((f) => kinds.includes(f.model?.kind));
        if (cands.length && this.rng.chance(0.8)) {
            const f = this.rng.pick(cands);
            return { path: segment(f.name), model: f.model };
        }
        return { path: this.path(scope, { forBlock: true }), model: null };
    }

    block(scope, depth) {
        const rng = this.rng;
        const [a, b, c, d] = [this.tilde(), this.tilde(), this.tilde(), this.tilde()];
        const nl = () => (rng.chance(0.5) ? rng.pick(['\n', '\r\n', '  \n', '\n  ']) : '');
        const body = (s) => nl() + this.seq(s, depth + 1) + nl();
        const w = this.wild ? 1 : 0;
        const kind = rng.weighted([[4, 'if'], [1, 'unless'], [4, 'each'], [1.5, 'with'],
            [1, 'ifEquals'], [0.5, 'unlessEquals'], [0.5, 'inverse'], [0.3 * w, 'unknown'], [0.4 * w, 'lookupBlock']]);
        const elseTag = () => rng.pick(['{{else}}', '{{^}}', '{{~else~}}', '{{ else }}']);
        switch (kind) {
        case 'if': case 'unless': {
            const cond = rng.chance(0.2) ? this.subexpr(scope) : this.path(scope, { forBlock: true });
            let s = `{{${a}#${kind} ${cond}${rng.chance(0.1) ? ' includeZero=true' : ''}${b}}}${body(scope)}`;
            if (rng.chance(0.4)) s += elseTag() + body(scope);
            else if (kind === 'if' && rng.chance(0.2)) s += `{{else if ${this.path(scope, { forBlock: true })}}}${body(scope)}{{else}}${body(scope)}`;
            return s + `{{${c}/${kind}${d}}}`;
        }
        case 'each': {
            const f = this.pickField(scope, ['array', 'object', 'any']);
            const itemModel = f.model?.kind === 'array' ? f.model.items : f.model?.kind === 'object' ? { kind: 'any' } : null;
            const params = rng.chance(0.25) ? rng.pick([['item'], ['item', 'i'], ['v', 'k']]) : [];
            const inner = this.childScope(scope, itemModel, params, true);
            let s = `{{${a}#each ${f.path}${params.length ? ` as |${params.join(' ')}|` : ''}${b}}}${body(inner)}`;
            if (rng.chance(0.25)) s += elseTag() + body(scope);
            return s + `{{${c}/each${d}}}`;
        }
        case 'with': {
            const f = this.pickField(scope, ['object']);
            const params = rng.chance(0.2) ? ['w'] : [];
            const inner = this.childScope(scope, f.model, params, false);
            let s = `{{#with ${f.path}${params.length ? ' as |w|' : ''}}}${body(inner)}`;
            if (rng.chance(0.25)) s += elseTag() + body(scope);
            return s + '{{/with}}';
        }
        case 'ifEquals': case 'unlessEquals': {
            let s = `{{#${kind} ${this.param(scope)} ${this.param(scope)}}}${body(scope)}`;
            if (rng.chance(0.4)) s += '{{else}}' + body(scope);
            return s + `{{/${kind}}}`;
        }
        case 'inverse': {
            const p = this.pickField(scope, ['boolean', 'array', 'string', 'object']).path;
            return `{{^${p}}}${body(scope)}{{/${p}}}`;
        }
        case 'unknown':
            return `{{#${rng.pick(['foo', 'name', 'items', 'user'])}}}${body(scope)}{{/${'foo'}}}`;
        case 'lookupBlock': {
            const p = this.path(scope, { forBlock: true });
            return `{{#${p}}}${body(scope)}{{/${p}}}`;
        }
        }
        return '';
    }

    // Block tags, else, comments and partials alone on their lines: Handlebars drops those lines.
    standalone(scope, depth) {
        const rng = this.rng;
        const eol = rng.pick(['\n', '\n', '\r\n']);
        const ind = rng.pick(['', '  ', '\t', ' ']);
        const line = (tag) => ind + tag + rng.pick(['', '', ' ']) + eol;
        const inner = () => this.seq(scope, depth + 1) + eol;
        return eol + rng.pick([
            () => line(`{{#if ${this.path(scope, { forBlock: true })}}}`) + inner() + (rng.chance(0.5) ? line('{{else}}') + inner() : '') + line('{{/if}}'),
            () => { const f = this.pickField(scope, ['array', 'object']); const s2 = this.childScope(scope, f.model?.kind === 'array' ? f.model.items : null, [], true); return line(`{{#each ${f.path}}}`) + this.seq(s2, depth + 1) + eol + line('{{/each}}'); },
            () => line(rng.pick(['{{! note }}', '{{!-- note --}}'])),
            () => (this.partialNames.length ? line(`{{> ${rng.pick(this.partialNames)}}}`) : ''),
            () => line('{{#unless flag}}') + inner() + line('{{/unless}}'),
        ])();
    }

    seq(scope, depth = 0) {
        const rng = this.rng;
        const n = rng.int(1, depth === 0 ? 9 : 4);
        let out = '';
        for (let i = 0; i < n; i++) {
            if (this.budget++ > 60) break;
            out += rng.weighted([
                [5, () => (this.wild ? rng.pick(TEXT) : rng.pick(TEXT.filter((t) => !/[{}]/.test(t) || t.startsWith('\\'))))],
                [6, () => this.mustache(scope)],
                [depth < 3 ? 3 : 0, () => this.block(scope, depth)],
                [1.2, () => this.partialCall(scope)],
                [0.3 * (this.wild ? 1 : 0), () => rng.pick(['\n', '\r\n']) + '  ' + rng.pick(['{{#if flag}}', '{{/if}}', '{{else}}', '{{! standalone }}', '{{> p}}']) + rng.pick(['\n', '\r\n', '  \n'])],
                [depth < 3 ? 1 : 0, () => this.standalone(scope, depth)],
            ])();
        }
        return out;
    }
}

// ---------------------------------------------------------------------------------------------
// Whole case

// Realistic prompts: line-structured templates as people write them (roles on their own
// lines, standalone blocks with indented bodies, lists from #each, partials on their own line).
function realisticTemplate(rng, cm, partialNames, eol) {
    const vars = cm.vars;
    const byKind = (kinds) => vars.filter((v) => kinds.includes(v.model.kind));
    const anyVar = () => (vars.length ? rng.pick(vars).name : 'name');
    const ws = () => rng.pick(['', '', '', '~']);
    const fieldsOf = (m) => (m && m.kind === 'object' ? m.fields.map((f) => segment(f.name)) : []);
    const lines = [];
    const push = (...l) => lines.push(...l);
    const indent = () => rng.pick(['', '', '  ', '    ', '\t']);
    const n = rng.int(2, 8);
    if (rng.chance(0.5)) push(`{{role "${rng.pick(['system', 'user'])}"}}`, rng.pick(['You are a helpful assistant.', 'You are {{' + anyVar() + '}}.', 'Answer in {{' + anyVar() + '}} words.']));
    for (let i = 0; i < n; i++) {
        const kind = rng.weighted([[4, 'text'], [3, 'each'], [3, 'if'], [1, 'role'], [1, 'partial'], [0.7, 'history'], [0.7, 'media'], [0.5, 'section'], [1, 'json'], [0.7, 'with'], [1, 'blank']]);
        const ind = indent();
        switch (kind) {
        case 'text':
            push(`${ind}${rng.pick(['Topic', 'Name', 'Count', 'Question', 'Note'])}: {{${ws()}${anyVar()}${ws()}}}${rng.pick(['', '.', '!', ' and {{' + anyVar() + '}}'])}`);
            break;
        case 'blank': push(''); break;
        case 'each': {
            const arr = byKind(['array', 'object']);
            const v = arr.length ? rng.pick(arr) : { name: anyVar(), model: null };
            const item = v.model?.kind === 'array' ? v.model.items : null;
            const params = rng.chance(0.3);
            const it = params ? 'item' : 'this';
            const fs = fieldsOf(item);
            const itemText = fs.length && rng.chance(0.7) ? `{{${it}.${rng.pick(fs)}}}` : `{{${params ? 'item' : rng.pick(['this', '.'])}}}`;
            push(`${ind}{{${ws()}#each ${v.name}${params ? ' as |item idx|' : ''}${ws()}}}`);
            push(`${ind}${rng.pick(['- ', '  - ', '* ', '{{@index}}. ', '{{#if @first}}First: {{/if}}', '{{@key}}: ', params ? '{{idx}}) ' : '- '])}${itemText}${rng.pick(['', '{{#unless @last}},{{/unless}}', avoid('dataparent') ? '' : ' ({{@../index}})', ` ({{../${anyVar()}}})`])}`);
            if (rng.chance(0.3)) push(`${ind}{{else}}`, `${ind}  (none)`);
            push(`${ind}{{${ws()}/each${ws()}}}`);
            break;
        }
        case 'if': {
            const cond = rng.chance(0.8) ? anyVar() : `(lookup this "${anyVar()}")`;
            push(`${ind}{{${ws()}#${rng.pick(['if', 'if', 'unless'])} ${cond}${ws()}}}`.replace(/#unless (.*)$/, '#unless $1').replace('#if', '#if').replace(/\{\{(~?)#unless/, '{{$1#unless'));
            const opened = lines[lines.length - 1].includes('#unless') ? 'unless' : 'if';
            push(`${ind}  ${rng.pick(['Yes: {{' + anyVar() + '}}', 'Present.', '{{' + anyVar() + '}}'])}`);
            if (rng.chance(0.4)) {
                if (opened === 'if' && rng.chance(0.3)) push(`${ind}{{else if ${anyVar()}}}`, `${ind}  Other.`);
                push(`${ind}{{${ws()}else${ws()}}}`, `${ind}  ${rng.pick(['No.', '(missing {{' + anyVar() + '}})'])}`);
            }
            push(`${ind}{{${ws()}/${opened}${ws()}}}`);
            break;
        }
        case 'with': {
            const objs = byKind(['object']);
            if (!objs.length) break;
            const v = rng.pick(objs);
            const fs = fieldsOf(v.model);
            push(`${ind}{{#with ${v.name}}}`, `${ind}  ${fs.map((f) => `{{${f}}}`).join(' / ')}`, `${ind}{{/with}}`);
            break;
        }
        case 'role': push(`{{role "${rng.pick(['user', 'model', 'system', 'tool'])}"}}`); break;
        case 'partial':
            if (partialNames.length) push(`${ind}{{${ws()}> ${rng.pick(partialNames)}${rng.chance(0.3) ? ' ' + anyVar() : ''}${rng.chance(0.3) ? ' tone="warm"' : ''}${ws()}}}`);
            break;
        case 'history': push('{{history}}'); break;
        case 'media': push(`${ind}{{media url=${rng.chance(0.5) ? '"https://x.test/' + rng.pick(['a.png', 'b.jpg']) + '"' : anyVar()}${rng.chance(0.5) ? ' contentType="image/png"' : ''}}}`); break;
        case 'section': push(`{{section "${rng.pick(['output', 'context', 'examples'])}"}}`); break;
        case 'json': push(`${ind}{{json ${anyVar()}${rng.chance(0.5) ? ' indent=2' : ''}}}`); break;
        }
    }
    return lines.join(eol) + (rng.chance(0.6) ? eol : '');
}

function historyMessages(rng) {
    const n = rng.int(0, 4);
    const msgs = [];
    for (let i = 0; i < n; i++) {
        const role = rng.pick(['user', 'model', 'system', 'tool', 'user', 'model']);
        const content = [];
        const parts = rng.int(0, 2);
        for (let j = 0; j < Math.max(1, parts); j++) {
            content.push(rng.weighted([
                [5, () => ({ text: rng.pick(['Hi', 'Hello! How can I help?', '', 'multi\nline', '😀 {{x}}']) })],
                [1, () => ({ media: { url: 'https://x.test/m.png', ...(rng.chance(0.5) ? { contentType: 'image/png' } : {}) } })],
                [0.5, () => ({ toolRequest: { name: 't', input: { q: 1 } } })],
                [0.5, () => ({ text: 'annotated', metadata: { k: 1 } })],
            ])());
        }
        const m = { role, content };
        if (rng.chance(0.25)) m.metadata = rng.pick([{ purpose: 'history' }, { k: 'v' }, { purpose: 'other', n: 1 }]);
        msgs.push(m);
    }
    return msgs;
}

function partialBody(rng, cm, names, wild) {
    const gen = new TemplateGen(rng, cm, wild ? names.concat(['missing']) : names, wild);
    gen.budget = 45;
    const scope = { fields: cm.vars.map((v) => ({ name: v.name, model: v.model })), params: [], inEach: false };
    let body = gen.seq(scope, 2);
    if (rng.chance(0.3)) body = rng.pick(['Partial {{name}} {{k}} {{tone}}\n', '  indented\n  {{this}}\n', '{{x}}', avoid('emptypartial') ? 'e' : '']);
    if (!body && avoid('emptypartial')) body = 'e';
    if (rng.chance(0.1)) body = `---\nmodel: partial/model\n---\n${body}`;
    if (rng.chance(0.2)) body += '\n';
    return body;
}

export function generateCase(seed) {
    const rng = makeRng(seed);
    const files = {};
    const features = [];

    // Variables and schema
    const nVars = rng.int(1, 6);
    const vars = [];
    for (let i = 0; i < nVars; i++) {
        const name = rng.pick(VAR_NAMES);
        if (vars.some((v) => v.name === name)) continue;
        vars.push({ name, model: randomModel(rng), optional: rng.chance(0.25),
            description: rng.chance(0.15) ? rng.pick(['the name', 'a, b', 'x']) : null });
    }
    const schemaStyle = rng.weighted([[4, 'none'], [5, 'pico'], [2, 'json'], [0.4, 'named'],
        [0.2, 'badpico'], [unless('badschema', 0.3), 'badjson']]);
    const cm = { vars, allVars: vars, schemaStyle, wildcard: rng.chance(0.1) };

    // Input conforming to the model (or, sometimes, not)
    const input = {};
    for (const v of vars) {
        if (v.optional && rng.chance(0.3)) continue;
        input[v.name] = valueFor(rng, v.model);
    }
    let conforming = true;
    if (schemaStyle !== 'none' && rng.chance(0.08)) {
        const v = rng.pick(vars);
        const wrong = wrongValueFor(rng, v.model);
        if (wrong !== undefined) { input[v.name] = wrong; conforming = false; }
        else if (!v.optional) { delete input[v.name]; conforming = false; }
    }
    if (rng.chance(0.15) && schemaStyle === 'none') {
        input[rng.pick(['key with space', 'dotted.key', 'extra', '@weird', '0'])] = randomValue(rng);
    }
    if (rng.chance(0.25)) {
        cm.defaults = {};
        for (const v of vars) {
            if (rng.chance(0.4)) {
                cm.defaults[v.name] = valueFor(rng, v.model);
                if (rng.chance(0.5)) delete input[v.name];
            }
        }
        if (rng.chance(0.2)) cm.defaults.extraDefault = 'dflt';
    }

    // Partials
    const wild = rng.chance(0.2);
    const allPartials = ['p', 'q', 'shared', 'nested'];
    const promptDirRel = rng.pick(['prompts', 'prompts/team', 'prompts/a/b']);
    const partials = {};
    const present = [];
    // Reverse order so that a partial only calls partials written before it: no cycles unless
    // wild (where a cycle overflows the stack in the reference and must be an error for us).
    for (const name of [...allPartials].reverse()) {
        if (rng.chance(0.3)) continue;
        const where = rng.pick([promptDirRel, 'prompts']);
        partials[`${where}/_${name}.prompt`] = partialBody(rng, cm, wild ? allPartials : [...present], wild);
        present.push(name);
    }
    const partialNames = wild ? allPartials : present;
    if (rng.chance(0.1)) partials['prompts/sub/_r.prompt'] = 'sub r {{name}}';
    if (wild && rng.chance(0.2)) partials[`prompts/_missing.prompt`] = ''; // empty file: not a partial in the reference
    if (promptDirRel !== 'prompts' && rng.chance(0.2)) partials['prompts/_p.prompt'] = 'root p {{name}}';

    // Template
    const gen = new TemplateGen(rng, cm, partialNames, wild);
    features.push(wild ? 'wild' : 'clean');
    const scope = { fields: vars.map((v) => ({ name: v.name, model: v.model })), params: [], inEach: false };
    const realistic = !wild && rng.chance(0.35);
    let template = realistic ? realisticTemplate(rng, cm, partialNames, rng.chance(0.15) ? '\r\n' : '\n') : gen.seq(scope, 0);
    if (realistic) features.push('realistic');
    if (rng.chance(0.3)) template = rng.pick(['{{role "system"}}\n', '{{role "system"}}You are helpful.\n{{role "user"}}\n']) + template;
    if (rng.chance(0.15)) template += rng.pick(['\n{{history}}\n', '{{role "model"}}ok']);

    // File assembly
    const fmStyle = rng.weighted([[2, 'none'], [0.5, 'empty'], [8, 'normal'], [unless('leading', 0.3), 'leading-blank'],
        [unless('leading', 0.3), 'leading-comment'], [0.2, 'dashes-spaces'], [0.2, 'no-body']]);
    let fm = frontMatter(rng, cm);
    if (!avoid('oddfrontmatter') && rng.chance(0.01)) fm = rng.pick(['- a\n- b', 'hello', '42', '[x, y]', '~', '# only a comment']);
    let source;
    switch (fmStyle) {
    case 'none': source = template; break;
    case 'empty': source = `---\n---\n${template}`; break;
    case 'leading-blank': source = `\n---\n${fm}\n---\n${template}`; break;
    case 'leading-comment': source = `# comment\n---\n${fm}\n---\n${template}`; break;
    case 'dashes-spaces': source = `---  \n${fm}\n--- \n${template}`; break;
    case 'no-body': source = `---\n${fm}\n---`; break;
    default: source = `---\n${fm}\n---\n${rng.chance(0.2) ? '\n' : ''}${template}`;
    }
    features.push(`fm:${fmStyle}`, `schema:${schemaStyle}`);
    const eol = rng.weighted([[10, '\n'], [1, '\r\n'], [0.3, '\r']]);
    if (eol !== '\n') {
        source = source.replace(/\r\n/g, '\n').replace(/\n/g, eol);
        features.push(eol === '\r\n' ? 'crlf' : 'cr');
    }
    if (rng.chance(0.03)) { source = '\ufeff' + source; features.push('bom'); }
    if (rng.chance(0.2)) source += rng.pick(['\n', '\n\n', '  ', '\r\n']);

    const promptRel = `${promptDirRel}/${rng.pick(['x', 'greet', 'main'])}.prompt`;
    files[promptRel] = source;
    Object.assign(files, partials);
    // Now and then no --input-file at all (defaults only).
    const noInput = rng.chance(0.06);
    if (!noInput) files['input.json'] = toJsonText(input) + '\n';
    else features.push('no-input');
    let history = null;
    if (rng.chance(0.25)) {
        history = historyMessages(rng);
        files['history.json'] = toJsonText(history) + '\n';
        features.push('history');
    }
    if (!conforming) features.push('nonconforming-input');
    return { seed, files, prompt: promptRel, history: !!history, noInput, conforming, features,
        gitRoot: rng.chance(0.97) };
}

export function writeCase(c, dir) {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    if (c.gitRoot) fs.mkdirSync(path.join(dir, '.git'));
    for (const [rel, text] of Object.entries(c.files)) {
        fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
        fs.writeFileSync(path.join(dir, rel), text);
    }
    fs.writeFileSync(path.join(dir, 'case.json'), JSON.stringify({ seed: c.seed, prompt: c.prompt,
        history: c.history, noInput: c.noInput, conforming: c.conforming, features: c.features },
    null, 2) + '\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
    const [seed, out] = process.argv.slice(2);
    if (seed === undefined || !out) {
        console.error('usage: node gen.mjs SEED OUTDIR');
        process.exit(64);
    }
    const c = generateCase(Number(seed));
    writeCase(c, out);
    console.log(path.join(out, c.prompt));
}
