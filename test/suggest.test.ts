import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cli as runCli } from './helpers/cli.js';
import { checkFile, loadReport } from '../src/pipeline.js';
import { cells, formatDef } from '../src/tables/index.js';
import { getAt } from '../src/pointer.js';
import { typoOf } from '../src/check/suggest.js';

const cli = (...args: string[]) => runCli(args);

/** Copies of the seed with one cell changed: the first suggestion must name that cell and its original value. */
const SINGLE_CELL_BROKEN: [file: string, cell: string, wrong: number | null, original: number][] = [
  ['new-received-natural.csv', '/requests/newReceived/natural', 3, 2],
  ['not-held-natural.csv', '/requests/results/unavailable/notHeld/natural', 2, 1],
  ['results-total-total.csv', '/requests/results/total/total', 3, 2],
  ['carried-forward-total.csv', '/requests/carriedForward/total', 1, 0],
  ['appeals-upheld.csv', '/appeals/reconsideration/upheld', 1, 0],
  ['new-received-total-blank.csv', '/requests/newReceived/total', null, 2],
  ['transposed-new-received.csv', '/requests/newReceived/natural', 21, 12],
  ['transposed-results-total.csv', '/requests/results/total/total', 51, 15],
];

describe('suggestions: which cell to correct', () => {
  for (const [file, cell, wrong, original] of SINGLE_CELL_BROKEN) {
    it(`${file}: the first suggestion is ${cell} back to ${original}`, async () => {
      const result = await checkFile(`fixtures/suggest/${file}`);
      expect(result.ok).toBe(false);
      const first = result.suggestions?.[0];
      expect(first?.changes).toHaveLength(1);
      expect(first?.changes[0]).toMatchObject({ cell, from: wrong, to: original });
      // it resolves every failing arithmetic finding
      const arithmetic = result.findings.filter((f) => f.severity === 'error').map((f) => f.rule);
      expect([...first!.resolves].sort()).toEqual(arithmetic.sort());
    });
  }

  it('names a digit transposition', async () => {
    const result = await checkFile('fixtures/suggest/transposed-new-received.csv');
    const first = result.suggestions![0]!;
    expect(first.changes[0]!.typo).toBe('transposition');
    expect(first.message!.en).toBe(
      'most likely wrong: I. new requests received this year · natural persons is 21, should be 12 (digits transposed: 21 for 12); this one change resolves 2 findings',
    );
    expect(first.message!.zh).toContain('疑为数字颠倒：12 写成了 21');
  });

  it('a lone equation offers both the part and the total, best first', async () => {
    const result = await checkFile('fixtures/suggest/appeals-upheld.csv');
    expect(result.suggestions!.map((s) => s.changes.map((c) => `${c.cell}=${c.to}`))).toEqual([
      ['/appeals/reconsideration/upheld=0'],
      ['/appeals/reconsideration/total=1'],
    ]);
    // nothing tells them apart: the first is not called the likeliest
    expect(result.suggestions!.map((s) => s.message!.en.split(':')[0])).toEqual(['either', 'or']);
    expect(result.suggestions![0]!.message!.zh).toMatch(/^可能出错：/);
  });

  it('gives none when the report passes', async () => {
    const result = await checkFile('fixtures/suggest/bigger-numbers.csv');
    expect(result.ok).toBe(true);
    expect(result.suggestions).toBeUndefined();
  });

  it('falls back to pairs of cells when no single cell explains the findings', async () => {
    // natural and total of 四 both raised by 1: the row still adds up, the balance fails twice
    const result = await checkFile('fixtures/suggest/carried-forward-row.csv');
    const pairs = result.suggestions!.map((s) => s.changes.map((c) => `${c.cell}=${c.to}`).join(' '));
    expect(pairs).toContain('/requests/carriedForward/natural=0 /requests/carriedForward/total=0');
    expect(result.suggestions!.every((s) => s.changes.length === 2)).toBe(true);
    expect(result.suggestions![0]!.message!.en).toMatch(/these two changes resolve 2 findings$/);
  });

  it('names both cells when a value was entered in a row and its total column (as in a published 2023 report)', async () => {
    const result = await checkFile('fixtures/suggest/partly-granted-commercial.csv');
    expect(result.errorCount).toBe(3);
    expect(result.suggestions).toHaveLength(1);
    expect(result.suggestions![0]!.changes.map((c) => [c.cell, c.from, c.to])).toEqual([
      ['/requests/results/partlyGranted/commercial', 1, 0],
      ['/requests/results/total/commercial', 1, 0],
    ]);
  });

  it('tells a transposition and a one-digit slip from other differences', () => {
    expect(typoOf(21, 12)).toBe('transposition');
    expect(typoOf(1354, 1534)).toBe('transposition');
    expect(typoOf(13, 12)).toBe('digit');
    expect(typoOf(122, 12)).toBe('digit');
    expect(typoOf(31, 12)).toBeUndefined();
    expect(typoOf(null, 12)).toBeUndefined();
  });
});

describe('suggestions in the output', () => {
  it('stylish shows them after the findings, at the cell to correct', () => {
    const run = cli('--lang', 'en', '--no-color', 'fixtures/suggest/new-received-natural.csv');
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('23:4  hint     most likely wrong: I. new requests received this year · natural persons is 3, should be 2; this one change resolves 2 findings  suggestion');
  });

  it('stylish speaks Chinese too', () => {
    const run = cli('--lang', 'zh', '--no-color', 'fixtures/suggest/transposed-results-total.csv');
    expect(run.stdout).toContain('建议     最可能出错：（七）总计 · 总计 为 51，应为 15（疑为数字颠倒：15 写成了 51）；改这一处可解决 3 个问题');
  });

  it('json carries them as data', () => {
    const run = cli('-f', 'json', '--lang', 'en', 'fixtures/suggest/new-received-natural.csv');
    expect(run.status).toBe(1);
    const [result] = JSON.parse(run.stdout).results;
    expect(result.suggestions[0]).toEqual({
      changes: [
        {
          cell: '/requests/newReceived/natural',
          from: 3,
          to: 2,
          label: 'I. new requests received this year · natural persons',
          location: { line: 23, column: 4 },
        },
      ],
      resolves: ['requests.balance', 'requests.row-total'],
      message: 'most likely wrong: I. new requests received this year · natural persons is 3, should be 2; this one change resolves 2 findings',
      messages: expect.objectContaining({ zh: expect.stringContaining('一、本年新收政府信息公开申请数量 · 自然人 为 3，应为 2') }),
    });
  });

  it('json has no suggestions key for a passing report', () => {
    const run = cli('-f', 'json', 'fixtures/seed/xiangyang-jxj-2021.csv');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).results[0]).not.toHaveProperty('suggestions');
  });
});

describe('every single-cell broken fixture', () => {
  // Any CSV fixture that differs from the seed in exactly one cell and fails an arithmetic rule:
  // the first suggestion must put that cell back.
  const ARITHMETIC = /^(requests|appeals)\./;
  it('gets a first suggestion naming the changed cell and its original value', async () => {
    const seed = await loadReport('fixtures/seed/xiangyang-jxj-2021.csv');
    const seedCells = [...cells(formatDef('2021')).keys()];
    let checked = 0;
    for (const dir of ['broken', 'suggest', 'ci']) {
      for (const name of readdirSync(`fixtures/${dir}`).filter((f) => f.endsWith('.csv'))) {
        const file = `fixtures/${dir}/${name}`;
        const result = await checkFile(file);
        if (!result.findings.some((f) => ARITHMETIC.test(f.rule))) continue;
        const report = await loadReport(file);
        const changed = seedCells.filter((p) => getAt(report.data, p) !== getAt(seed.data, p));
        if (changed.length !== 1) continue;
        checked++;
        expect(result.suggestions?.[0]?.changes, file).toEqual([
          expect.objectContaining({ cell: changed[0], to: getAt(seed.data, changed[0]!) ?? 0 }),
        ]);
      }
    }
    expect(checked).toBeGreaterThanOrEqual(8);
  });
});
