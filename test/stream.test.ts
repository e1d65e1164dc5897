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
const unreadable: FileResult = { file: 'c.csv', ok: false, errorCount: 0, warningCount: 0, findings: [], fatal: { code: 'empty', message: 'c.csv: the file is empty' } };

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

describe('a large batch pairs years as a small one does', () => {
  const dir = tempDir('pairs');

  it('pairs two years found after the first 64 reports (read again, not kept)', () => {
    mkdirSync(join(dir, 'big'));
    mkdirSync(join(dir, 'small'));
    const seed = readFileSync(SEED_JSON, 'utf8');
    // Other agencies' reports first: 70 of them, more than the first pass keeps.
    for (let i = 0; i < 70; i++) writeFileSync(join(dir, 'big', `a-${String(i).padStart(3, '0')}.json`), seed.replace('襄阳市经济和信息化局', `某某局${i}`));
    for (const name of ['2021.csv', '2022.csv']) {
      copyFileSync(join(ROOT, 'fixtures/history/csv-series', name), join(dir, 'big', `z-${name}`));
      copyFileSync(join(ROOT, 'fixtures/history/csv-series', name), join(dir, 'small', `z-${name}`));
    }
    const big = JSON.parse(cli(['big', '-f', 'json'], { cwd: dir }).stdout).results;
    const small = JSON.parse(cli(['small', '-f', 'json'], { cwd: dir }).stdout).results;
    const strip = (r: { file: string; previous?: { file: string } }) => ({ ...r, file: r.file.replace(/^\w+\//, ''), ...(r.previous ? { previous: { ...r.previous, file: r.previous.file.replace(/^\w+\//, '') } } : {}) });
    expect(big.slice(-2).map(strip)).toEqual(small.map(strip));
    expect(small[1].previous).toMatchObject({ file: 'small/z-2021.csv' });
  });
});
