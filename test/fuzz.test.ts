/**
 * Property-based tests: whatever the bytes, the gate answers. Real fixtures mutated (bytes
 * flipped, cut, inserted; quotes, separators, BOMs, huge numbers, hostile keys), random bytes and
 * random JSON go through the pipeline in-process (hundreds of runs), and a handful through the
 * built CLI. Seeded, so a failure replays: FUZZ_SEED=<seed> FUZZ_RUNS=<n> npx vitest run test/fuzz.test.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import fc from 'fast-check';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { FileResult } from '../src/model.js';
import { checkFile } from '../src/pipeline.js';
import { FORMAT_NAMES, formatter, summarize } from '../src/report/index.js';
import { cli, ROOT, tempDir } from './helpers/cli.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20210530);
/** Scale: 1 in `npm test` (10–20 s on 2 shared cores); FUZZ_RUNS=10 for a longer hunt. */
const SCALE = Number(process.env.FUZZ_RUNS ?? 1);
const runs = (n: number) => ({ seed: SEED, numRuns: n * SCALE, endOnFailure: true });

const FIXTURES = [
  'fixtures/seed/xiangyang-jxj-2021.csv',
  'fixtures/seed/xiangyang-jxj-2021.json',
  'fixtures/encodings/xiangyang-jxj-2021.gbk.csv',
  // Published reports as text (tables flattened to `a | b | c` lines); read as text once the text
  // reader is there, and as CSV-like lines before: either way the gate must answer.
  'fixtures/real/008.txt',
  'fixtures/real/011.txt',
  'fixtures/real/028.txt',
].map((path) => ({ path, ext: extname(path), bytes: new Uint8Array(readFileSync(join(ROOT, path))) }));

/**
 * Output formats whose text must parse, by name (JSON, or well-formed XML for junit). Formats not
 * listed (stylish, github, html) must still produce a string without throwing.
 */
const PARSERS: Record<string, (text: string) => unknown> = {
  json: JSON.parse,
  sarif: JSON.parse,
  junit: (text) => {
    const valid = XMLValidator.validate(text);
    if (valid !== true) throw new Error(`junit output is not well-formed XML: ${JSON.stringify(valid)}`);
  },
};

/** Text fragments that trip readers: quotes, separators, BOMs, markup, numbers as written, hostile keys. */
const TRICKY = [
  '"', '""', ',', ';', '\t', '\n', '\r', '\r\n', '|', '{', '}', '[', ']', ':', '\\', '\u0000', '\ufeff', '\ufffd',
  '０', '１,２３４', '件', '元', '万元', '?', '？', '-1', '1e309', '99999999999999999999', 'NaN', '/', '—', '&nbsp;',
  '"__proto__":{"x":1},', '"constructor":{"prototype":{"x":1}},', '<table>', '</td>', '一、', '（三）', '总计', '规章',
];

type Mutation =
  | { op: 'set'; at: number; byte: number }
  | { op: 'delete'; at: number; length: number }
  | { op: 'insert'; at: number; bytes: Uint8Array }
  | { op: 'text'; at: number; text: string }
  | { op: 'truncate'; at: number }
  | { op: 'repeat'; at: number; length: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('set' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 200 }) }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }) }),
  fc.record({ op: fc.constant('text' as const), at: fc.nat(), text: fc.constantFrom(...TRICKY) }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('repeat' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 400 }) }),
);

function mutate(bytes: Uint8Array, mutations: Mutation[]): Uint8Array {
  let b = Buffer.from(bytes);
  for (const m of mutations) {
    const at = b.length === 0 ? 0 : m.at % (b.length + 1);
    if (m.op === 'set' && b.length > 0) b[at % b.length] = m.byte;
    else if (m.op === 'delete') b = Buffer.concat([b.subarray(0, at), b.subarray(at + m.length)]);
    else if (m.op === 'insert') b = Buffer.concat([b.subarray(0, at), m.bytes, b.subarray(at)]);
    else if (m.op === 'text') b = Buffer.concat([b.subarray(0, at), Buffer.from(m.text), b.subarray(at)]);
    else if (m.op === 'truncate') b = b.subarray(0, at);
    else if (m.op === 'repeat') b = Buffer.concat([b.subarray(0, at + m.length), b.subarray(at, at + m.length), b.subarray(at + m.length)]);
  }
  return new Uint8Array(b);
}

/** Inputs: a mutated fixture, random bytes, or random JSON, each with the extension it is read by. */
const input: fc.Arbitrary<{ ext: string; bytes: Uint8Array }> = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(fc.constantFrom(...FIXTURES), fc.array(mutation, { minLength: 1, maxLength: 6 })).map(([f, ms]) => ({ ext: f.ext, bytes: mutate(f.bytes, ms) })) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('.csv', '.json', '.txt'), fc.uint8Array({ maxLength: 2048 })).map(([ext, bytes]) => ({ ext, bytes })) },
  { weight: 1, arbitrary: fc.json({ maxDepth: 6 }).map((text) => ({ ext: '.json', bytes: new Uint8Array(Buffer.from(text)) })) },
  {
    weight: 2,
    // The seed report with one cell (or row) replaced by any JSON value.
    arbitrary: fc.tuple(fc.nat(), fc.jsonValue({ maxDepth: 3 })).map(([n, value]) => {
      const text = readFileSync(join(ROOT, 'fixtures/seed/xiangyang-jxj-2021.json'), 'utf8');
      const slots = [...text.matchAll(/: (\d+|\{)/g)];
      const slot = slots[n % slots.length]!;
      const replaced = `${text.slice(0, slot.index)}: ${JSON.stringify(value)}, "_": ${text.slice(slot.index! + 2)}`;
      return { ext: '.json', bytes: new Uint8Array(Buffer.from(replaced)) };
    }),
  },
);

const dir = tempDir('fuzz');
let counter = 0;
const place = (ext: string, bytes: Uint8Array) => {
  const file = join(dir, `input-${counter++}${ext}`);
  writeFileSync(file, bytes);
  return file;
};

const exitCode = (results: FileResult[]) => {
  const summary = summarize(results);
  return results.some((r) => r.fatal) ? 2 : summary.errors > 0 ? 1 : 0;
};

/** Every format's output for one result, keyed by format name. */
async function render(result: FileResult): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of FORMAT_NAMES) {
    const format = (await formatter(name))!;
    for (const lang of ['zh', 'en'] as const) out[`${name}/${lang}`] = format([result], summarize([result]), { lang, color: false });
  }
  return out;
}

describe('fuzz: the pipeline in-process', () => {
  it('answers every input with a result: one-line fatal or findings, never an exception', async () => {
    await fc.assert(
      fc.asyncProperty(input, async ({ ext, bytes }) => {
        const file = place(ext, bytes);
        const result = await checkFile(file);
        if (result.fatal) {
          // one line naming the file, in both languages
          expect(result.fatal.message.en.startsWith(`${file}: `)).toBe(true);
          expect(result.fatal.message.zh.startsWith(`${file}：`)).toBe(true);
          for (const message of [result.fatal.message.zh, result.fatal.message.en]) expect(message).not.toMatch(/\n|\bat .+:\d+:\d+/);
          expect(result.ok).toBe(false);
        } else {
          expect(result.errorCount + result.warningCount).toBe(result.findings.length);
          for (const f of result.findings) {
            expect(f.rule).toMatch(/^[a-z]+(\.[a-z-]+)+$/);
            expect(f.message.zh.length * f.message.en.length).toBeGreaterThan(0);
          }
        }
        expect([0, 1, 2]).toContain(exitCode([result]));
      }),
      runs(1000),
    );
  }, 60_000 * SCALE);

  it('prints every format, and json (and any listed format) parses', async () => {
    await fc.assert(
      fc.asyncProperty(input, async ({ ext, bytes }) => {
        const outputs = await render(await checkFile(place(ext, bytes)));
        for (const [key, text] of Object.entries(outputs)) {
          expect(typeof text).toBe('string');
          const parse = PARSERS[key.split('/')[0]!];
          if (parse) expect(() => parse(text)).not.toThrow();
        }
        expect(Object.keys(outputs)).toContain('json/en');
      }),
      runs(500),
    );
  }, 60_000 * SCALE);

  it('gives the same output for the same input, and leaves the input as it was', async () => {
    await fc.assert(
      fc.asyncProperty(input, async ({ ext, bytes }) => {
        const file = place(ext, bytes);
        const first = await render(await checkFile(file));
        const second = await render(await checkFile(file));
        expect(second).toEqual(first);
        expect(new Uint8Array(readFileSync(file))).toEqual(bytes);
      }),
      runs(300),
    );
  }, 60_000 * SCALE);

  it('never reaches Object.prototype, whatever keys the JSON holds', async () => {
    const hostile = fc
      .array(fc.constantFrom('__proto__', 'constructor', 'prototype', 'requests', 'results', 'toString', 'hasOwnProperty'), { minLength: 1, maxLength: 4 })
      .map((path) => path.reduceRight<string>((inner, key) => `{"${key}": ${inner}}`, '{"polluted": true, "natural": 1}'));
    await fc.assert(
      fc.asyncProperty(hostile, async (json) => {
        await checkFile(place('.json', new Uint8Array(Buffer.from(json))));
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'natural')).toBe(false);
      }),
      runs(200),
    );
  }, 60_000 * SCALE);
});

describe('fuzz: the built CLI', () => {
  it('exits 0, 1 or 2 without a stack trace, prints parseable json, the same twice, input untouched', () => {
    fc.assert(
      fc.property(fc.array(input, { minLength: 1, maxLength: 3 }), (inputs) => {
        const files = inputs.map(({ ext, bytes }) => place(ext, bytes));
        const first = cli([...files, '-f', 'json']);
        expect([0, 1, 2]).toContain(first.status);
        expect(first.stderr).not.toMatch(/internal error|\n\s+at |Error:/);
        expect(first.stderr.split('\n').filter(Boolean).length).toBeLessThanOrEqual(files.length);
        const parsed = JSON.parse(first.stdout);
        expect(parsed.results.map((r: { file: string }) => r.file)).toEqual(files);
        const second = cli([...files, '-f', 'json']);
        expect(second).toEqual(first);
        files.forEach((file, i) => expect(new Uint8Array(readFileSync(file))).toEqual(inputs[i]!.bytes));
      }),
      runs(30),
    );
  }, 60_000 * SCALE);
});
