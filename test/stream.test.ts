/** Formatters print file by file for a batch, and the pieces are exactly the whole output. */
import { describe, expect, it } from 'vitest';
import type { FileResult } from '../src/model.js';
import { json, jsonStream } from '../src/report/json.js';
import { stylish, stylishStream } from '../src/report/stylish.js';
import { summarize, type StreamingFormatter } from '../src/report/types.js';
import { checkFile } from '../src/pipeline.js';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, ROOT, SEED_CSV, SEED_JSON, tempDir } from './helpers/cli.js';

const failing: FileResult = {
  file: 'b.csv',
  format: '2021',
  ok: false,
  errorCount: 1,
  warningCount: 1,
  findings: [
    { rule: 'requests.balance', severity: 'error', message: { zh: '不平', en: 'off' }, cells: ['/requests/newReceived/total'], expected: 2, actual: 3, difference: 1, location: { line: 58, column: 9 } },
    { rule: 'cell.blank', severity: 'warning', message: { zh: '空白', en: 'blank' }, cells: ['/proactive/fees/amount'] },
  ],
};
const unreadable: FileResult = { file: 'c.csv', ok: false, errorCount: 0, warningCount: 0, findings: [], fatal: { code: 'empty', message: { zh: 'c.csv：文件是空的', en: 'c.csv: the file is empty' } } };

const streamed = (stream: StreamingFormatter, results: FileResult[], color = false) => {
  const s = stream({ lang: 'en', color });
  return s.start + results.map((r) => s.file(r)).join('') + s.end(summarize(results));
};

describe('streaming formatters', () => {
  it('json: the streamed pieces are JSON.stringify of the whole, byte for byte', async () => {
    const results = [await checkFile(SEED_CSV), failing, unreadable];
    for (const batch of [[], results.slice(0, 1), results]) {
      const text = streamed(jsonStream, batch);
      expect(text).toBe(json(batch, summarize(batch), { lang: 'en', color: false }));
      expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
    }
  });

  it('stylish: the same text whole or streamed, with and without colours', async () => {
    const results = [await checkFile(SEED_CSV), failing, unreadable];
    for (const color of [false, true]) expect(streamed(stylishStream, results, color)).toBe(stylish(results, summarize(results), { lang: 'en', color }));
    expect(streamed(stylishStream, results)).toBe(
      `✔ ${SEED_CSV}  passed (2021)\n` +
        'b.csv\n  58:9  error    off  requests.balance\n     -  warning  blank  cell.blank\n\n' +
        '✖ 3 files checked: 1 passed, 2 failed (1 unreadable); 1 error, 1 warning\n',
    );
  });
});

describe('the CLI over a folder', () => {
  const dir = tempDir('stream');

  it('writes -o whole: the same text as stdout, no temporary file left', () => {
    mkdirSync(join(dir, 'reports/2024'), { recursive: true });
    copyFileSync(SEED_CSV, join(dir, 'reports/a.csv'));
    copyFileSync(SEED_JSON, join(dir, 'reports/2024/b.json'));
    writeFileSync(join(dir, 'reports/c.csv'), '');
    const toStdout = cli(['reports', '-f', 'json'], { cwd: dir });
    const toFile = cli(['reports', '-f', 'json', '-o', 'out.json'], { cwd: dir });
    expect(toFile.stdout).toBe('');
    expect(toFile.stderr).toBe(toStdout.stderr);
    expect(toStdout.stderr).toBe('disclosure-check: reports/c.csv: the file is empty\n');
    expect(readFileSync(join(dir, 'out.json'), 'utf8')).toBe(toStdout.stdout);
    expect(JSON.parse(toStdout.stdout).results.map((r: { file: string }) => r.file)).toEqual(['reports/2024/b.json', 'reports/a.csv', 'reports/c.csv']);
    expect(readdirSync(dir).sort()).toEqual(['out.json', 'reports']);
    expect([toStdout.status, toFile.status]).toEqual([2, 2]);
  });
});

describe('a large batch, on worker threads, gives what one thread gives', () => {
  const dir = tempDir('pairs');
  const seed = readFileSync(SEED_JSON, 'utf8');
  // Several chunks of files for each thread, every input kind, unreadable files, and pairs of years far
  // apart in both orders (this year's report first, last year's 100 files later, and the reverse).
  mkdirSync(join(dir, 'big'));
  mkdirSync(join(dir, 'small'));
  for (let i = 0; i < 110; i++) writeFileSync(join(dir, 'big', `m-${String(i).padStart(3, '0')}.json`), seed.replace('襄阳市经济和信息化局', `某某局${i}`));
  const copies: [string, string][] = [
    ['history/csv-series/2022.csv', 'a-2022.csv'],
    ['history/csv-series/2021.csv', 'z-2021.csv'],
    ['history/pingtan-broken-chain/001.txt', 'b-001.txt'],
    ['history/pingtan-broken-chain/002.txt', 'y-002.txt'],
    ['html/011.html', 'c.html'],
    ['xlsx/new-received-natural.xlsx', 'd.xlsx'],
    ['bad/image.csv', 'e-image.csv'],
  ];
  for (const [from, to] of copies) {
    // The CSV years under another agency's name: the workbook is the seed agency's 2021 report too.
    const bytes = readFileSync(join(ROOT, 'fixtures', from));
    const data = from.endsWith('.csv') ? bytes.toString('utf8').replaceAll('襄阳市经济和信息化局', '某某市统计局') : bytes;
    for (const folder of ['big', 'small']) writeFileSync(join(dir, folder, to), data);
  }
  writeFileSync(join(dir, 'big', 'f-empty.csv'), '');
  writeFileSync(join(dir, 'big', 'g-README.txt'), 'not a report\n'); // skipped, on any thread

  it('the same output, errors and exit code on 2 or 3 threads as on one', () => {
    const one = cli(['big', '-f', 'json', '-j', '1'], { cwd: dir });
    const two = cli(['big', '-f', 'json', '--jobs', '2'], { cwd: dir });
    const three = cli(['big', '-f', 'json', '-j', '3'], { cwd: dir });
    const many = cli(['big', '-f', 'json', '-j', '1000'], { cwd: dir }); // at most one per core
    expect(one.status).toBe(2);
    expect(one.stderr).toContain('disclosure-check: big/f-empty.csv: the file is empty\n');
    expect(one.stderr).toContain('disclosure-check: skipped big/g-README.txt: not a disclosure report');
    for (const run of [two, three, many]) expect(run).toEqual(one);
    const results = JSON.parse(one.stdout).results as { file: string; previous?: { file: string } }[];
    expect(results).toHaveLength(110 + copies.length + 1);
    expect(results.find((r) => r.file === 'big/a-2022.csv')?.previous).toEqual({ file: 'big/z-2021.csv', year: 2021 });
    expect(results.find((r) => r.file === 'big/y-002.txt')?.previous?.file).toBe('big/b-001.txt');
  });

  it('pairs years in a large batch on threads as in a small one', () => {
    const big = JSON.parse(cli(['big', '-f', 'json', '-j', '2'], { cwd: dir }).stdout).results;
    const small = JSON.parse(cli(['small', '-f', 'json'], { cwd: dir }).stdout).results;
    const names = new Set(copies.map(([, to]) => to));
    const same = big.filter((r: { file: string }) => names.has(r.file.slice('big/'.length)));
    expect(JSON.stringify(same).replaceAll('big/', 'small/')).toBe(JSON.stringify(small));
  });

  it('formats that draw the tables get the values from the threads (-f html)', () => {
    const one = cli(['big', '-f', 'html', '-j', '1'], { cwd: dir });
    const two = cli(['big', '-f', 'html', '-j', '2'], { cwd: dir });
    expect(two.stdout).toBe(one.stdout);
    expect(one.stdout).toContain('data-table="requests"');
  });

  it('--jobs takes a whole number of threads, 1 or more', () => {
    for (const bad of ['0', 'two', '-1']) {
      const run = cli(['big', '--jobs', bad], { cwd: dir });
      expect(run.status).toBe(2);
      expect(run.stderr).toBe(`disclosure-check: --jobs needs a whole number of threads, 1 or more, not "${bad}"\n`);
    }
  });
});
