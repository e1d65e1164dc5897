import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli as runCli, tempDir } from './helpers/cli.js';
import { checkFiles, loadReport } from '../src/pipeline.js';
import { compareYears, pairConsecutive, pairYears } from '../src/check/history.js';

const cli = (...args: string[]) => runCli(args);
const H = 'fixtures/history';

describe('cross-year rules', () => {
  it('a consecutive pair that follows on passes', async () => {
    const findings = compareYears(await loadReport(`${H}/series/xiangyang-jxj-2022.json`), await loadReport(`${H}/series/xiangyang-jxj-2021.json`), 'last.json');
    expect(findings).toEqual([]);
  });

  it('history.carried-over: this year’s 二 must be last year’s 四, per column (an error)', async () => {
    const findings = compareYears(await loadReport(`${H}/broken-series/xiangyang-jxj-2022.json`), await loadReport(`${H}/broken-series/xiangyang-jxj-2021.json`), 'last.json');
    const carried = findings.filter((f) => f.rule === 'history.carried-over');
    expect(carried.map((f) => [f.cells[0], f.severity, f.expected, f.actual])).toEqual([
      ['/requests/carriedOver/natural', 'error', 1, 0],
      ['/requests/carriedOver/total', 'error', 1, 0],
    ]);
    expect(carried[0]!.location).toEqual({ line: 40, column: 18 });
  });

  it('history.in-force: in force = last year’s + issued − repealed (a warning)', async () => {
    const findings = compareYears(await loadReport(`${H}/broken-series/xiangyang-jxj-2022.json`), await loadReport(`${H}/broken-series/xiangyang-jxj-2021.json`), 'last.json');
    const inForce = findings.filter((f) => f.rule === 'history.in-force');
    expect(inForce).toHaveLength(1);
    expect(inForce[0]).toMatchObject({ severity: 'warning', cells: ['/proactive/normativeDocuments/inForce'], expected: 2, actual: 3 });
    expect(inForce[0]!.message.zh).toBe(
      '现行有效件数与上年不衔接：行政规范性文件 · 现行有效件数 应为 2（2021 年报告 1 + 本年制发 2 − 本年废止 1），实为 3',
    );
  });

  it('history.identical: tables 三 and 四 copied from last year (not all zero) is a warning', async () => {
    const findings = compareYears(await loadReport(`${H}/pairs/copied-2022.json`), await loadReport(`${H}/series/xiangyang-jxj-2021.json`), 'last.json');
    const identical = findings.filter((f) => f.rule === 'history.identical');
    expect(identical).toHaveLength(1);
    expect(identical[0]).toMatchObject({ severity: 'warning', cells: ['/requests', '/appeals'] });
  });

  it('all-zero tables repeated from year to year are not flagged as copied', async () => {
    const seed = await loadReport('fixtures/seed/xiangyang-jxj-2021.json');
    const zeroed = (node: unknown): unknown =>
      typeof node === 'number' ? 0 : node && typeof node === 'object' ? Object.fromEntries(Object.entries(node).map(([k, v]) => [k, zeroed(v)])) : node;
    const zero = { ...seed.data, requests: zeroed(seed.data.requests), appeals: zeroed(seed.data.appeals) };
    const findings = compareYears({ ...seed, data: zero }, { ...seed, data: structuredClone(zero) }, 'last.json');
    expect(findings.filter((f) => f.rule === 'history.identical')).toEqual([]);
  });
});

describe('pairing reports in a batch', () => {
  it('pairs the same agency in consecutive years only', () => {
    const pairs = pairConsecutive([
      { agency: '平潭综合实验区', year: 2019 },
      { agency: '平潭综合实验区', year: 2020 },
      { agency: '平潭综合实验区自然资源与生态环境局', year: 2020 },
      { agency: '平潭综合实验区自然资源与生态环境局', year: 2023 },
      { agency: '平潭综合实验区 ', year: 2021 }, // spacing differences do not matter
      {},
    ]);
    expect([...pairs]).toEqual([
      [1, 0],
      [4, 1],
    ]);
  });

  it('does not pair when an agency has two reports for one year', () => {
    const pairs = pairConsecutive([
      { agency: 'A', year: 2020 },
      { agency: 'A', year: 2021 },
      { agency: 'A', year: 2021 },
    ]);
    expect(pairs.size).toBe(0);
  });

  it('says so when several reports of one agency and year keep a year beside them from being compared', () => {
    const notes: { zh: string; en: string }[] = [];
    const identities = [{ agency: 'A', year: 2020 }, { agency: 'A', year: 2021 }, { agency: 'A', year: 2021 }, { agency: 'B', year: 2021 }, { agency: 'B', year: 2021 }];
    const pairs = pairYears(identities, ['a20.csv', 'a21.csv', 'a21.json', 'b1.csv', 'b2.csv'], (text) => notes.push(text));
    expect(pairs.size).toBe(0);
    // (B has no year beside its two 2021 reports: nothing was foregone, nothing said)
    expect(notes).toEqual([
      { zh: 'A 2021 年的报告有 2 份（a21.csv、a21.json），未与相邻年份比较', en: 'A has 2 reports for 2021 (a21.csv, a21.json): not compared with the years beside it' },
    ]);
  });

  it('checkFiles compares each report with its predecessor and says which', async () => {
    const results = await checkFiles([`${H}/broken-series/xiangyang-jxj-2021.json`, `${H}/broken-series/xiangyang-jxj-2022.json`]);
    expect(results[0]!.previous).toBeUndefined();
    expect(results[1]).toMatchObject({
      agency: '襄阳市经济和信息化局',
      year: 2022,
      previous: { file: `${H}/broken-series/xiangyang-jxj-2021.json`, year: 2021 },
      ok: false,
      errorCount: 2,
    });
  });
});

describe('cross-year on the command line', () => {
  it('a directory of a series that follows on passes, and says what was compared', () => {
    const run = cli('--lang', 'en', '--no-color', `${H}/series`);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(
      `✔ ${H}/series/xiangyang-jxj-2022.json  passed (2021)\n  襄阳市经济和信息化局, 2022 · compared with last year's report ${H}/series/xiangyang-jxj-2021.json (2021)\n`,
    );
  });

  it('a broken chain fails (exit 1)', () => {
    const run = cli('--lang', 'en', '--no-color', `${H}/broken-series`);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(
      '40:18  error    carried over must equal last year\'s carried forward: II. carried over from last year · natural persons should be 1 ("IV. carried forward to next year · natural persons" in the 2021 report), found 0  history.carried-over',
    );
  });

  it('pairs CSV exports by the agency and year in their titles', () => {
    const run = cli('-f', 'json', `${H}/csv-series`);
    expect(run.status).toBe(1);
    const [first, second] = JSON.parse(run.stdout).results;
    expect(first).toMatchObject({ agency: '襄阳市经济和信息化局', year: 2021, ok: true });
    expect(second).toMatchObject({ agency: '襄阳市经济和信息化局', year: 2022, previous: { file: `${H}/csv-series/2021.csv`, year: 2021 } });
    expect(second.findings.map((f: { rule: string; location: unknown }) => [f.rule, f.location])).toEqual([
      ['history.carried-over', { line: 24, column: 4 }],
      ['history.carried-over', { line: 24, column: 10 }],
    ]);
    expect(run.stderr).toBe('');
  });

  it('notes, on one thread or two, the years it could not compare because an agency has several reports for one of them', () => {
    const note = `disclosure-check: note: 襄阳市经济和信息化局 has 2 reports for 2022 (${H}/csv-series/2022.csv, ${H}/series/xiangyang-jxj-2022.json): not compared with the years beside it\n`;
    for (const jobs of ['1', '2']) {
      const run = cli('-j', jobs, `${H}/csv-series`, `${H}/series/xiangyang-jxj-2022.json`);
      expect(run.stderr).toBe(note);
      expect(run.stdout).not.toContain('compared with');
    }
  });

  it('--previous compares one report with the given one; json says so', () => {
    const run = cli('-f', 'json', '--previous', `${H}/series/xiangyang-jxj-2021.json`, `${H}/pairs/copied-2022.json`);
    expect(run.status).toBe(1);
    const [result] = JSON.parse(run.stdout).results;
    expect(result.previous).toEqual({ file: `${H}/series/xiangyang-jxj-2021.json`, year: 2021 });
    expect(result.findings.map((f: { rule: string }) => f.rule).sort()).toEqual(['history.carried-over', 'history.carried-over', 'history.identical']);
  });

  it('without --previous the same report has no history findings', () => {
    const run = cli('-f', 'json', `${H}/pairs/copied-2022.json`);
    expect(run.status).toBe(0);
  });

  it('an unreadable --previous is a usage error naming the file (exit 2)', () => {
    const run = cli('--previous', `${H}/missing.json`, `${H}/pairs/copied-2022.json`);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`disclosure-check: --previous ${H}/missing.json: no such file\n`);
    expect(run.stdout).toBe('');
  });

  it('--previous with several reports is a usage error (exit 2)', () => {
    const run = cli('--previous', `${H}/series/xiangyang-jxj-2021.json`, `${H}/series`);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^disclosure-check: --previous compares one report with last year's; give one report, not 3/);
  });
});

describe('--previous with a folder', () => {
  it('skips what a folder holds beside the one report that is no report at all (a README)', () => {
    const dir = tempDir('dc-');
    writeFileSync(join(dir, 'report-2022.json'), readFileSync(`${H}/pairs/copied-2022.json`));
    writeFileSync(join(dir, 'README.txt'), 'Reports go here, one per year.\n');
    const run = cli('-f', 'json', '--previous', `${H}/series/xiangyang-jxj-2021.json`, dir);
    expect(run.status).toBe(1);
    const { results } = JSON.parse(run.stdout);
    expect(results.map((r: { file: string; previous?: { year: number } }) => [r.file, r.previous?.year])).toEqual([[join(dir, 'report-2022.json'), 2021]]);
    expect(run.stderr).toBe(`disclosure-check: skipped ${join(dir, 'README.txt')}: not a disclosure report (the words 信息公开 appear nowhere in it)\n`);
  });

  it('a folder of files that are no report at all names no report', () => {
    const dir = tempDir('dc-');
    writeFileSync(join(dir, 'README.txt'), 'Reports go here, one per year.\n');
    writeFileSync(join(dir, 'index.html'), '<html><body><p>Reports</p></body></html>\n');
    const run = cli('--previous', `${H}/series/xiangyang-jxj-2021.json`, dir);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`disclosure-check: ${dir}: no disclosure report in this directory (the 2 files found are not reports)\n`);
    // one such file alone says the same, in the same way (it used to print a result for it)
    const one = tempDir('dc-');
    writeFileSync(join(one, 'README.txt'), 'Reports go here, one per year.\n');
    expect(cli('-f', 'json', '--previous', `${H}/series/xiangyang-jxj-2021.json`, one)).toEqual({
      status: 2,
      stdout: '',
      stderr: `disclosure-check: ${one}: no disclosure report in this directory (the one file found is not a report)\n`,
    });
  });
});

describe('the real 平潭 series (published text)', () => {
  it('pairs 平潭综合实验区 2019 and 2020 by their titles, and their carried-over chain holds', async () => {
    const [r2019, r2020] = await checkFiles(['fixtures/real/001.txt', 'fixtures/real/002.txt']);
    expect(r2019).toMatchObject({ agency: '平潭综合实验区', year: 2019, format: '2019' });
    expect(r2020).toMatchObject({ agency: '平潭综合实验区', year: 2020, previous: { file: 'fixtures/real/001.txt', year: 2019 } });
    expect(r2020!.findings.filter((f) => f.rule.startsWith('history.'))).toEqual([]);
  });

  it('fails a copy whose chain is broken: 2020 carries over 0 where 2019 carried forward 2', () => {
    const run = cli('-f', 'json', `${H}/pingtan-broken-chain`);
    expect(run.status).toBe(1);
    const [, r2020] = JSON.parse(run.stdout).results;
    const history = r2020.findings.filter((f: { rule: string }) => f.rule.startsWith('history.'));
    expect(history.map((f: { rule: string; cells: string[]; expected: number; actual: number; location: { line: number } }) => [f.rule, f.cells[0], f.expected, f.actual, f.location.line])).toEqual([
      ['history.carried-over', '/requests/carriedOver/natural', 2, 0, 18],
      ['history.carried-over', '/requests/carriedOver/total', 2, 0, 18],
    ]);
  });
});

describe('pairing checks the pair on the reports read whole', () => {
  it('does not compare reports that only the quick first read took for consecutive years', async () => {
    const dir = tempDir('dc-pair-');
    const seed = JSON.parse(readFileSync('fixtures/seed/xiangyang-jxj-2021.json', 'utf8'));
    writeFileSync(join(dir, 'a.json'), JSON.stringify(seed));
    // A nested "year" before the real one: the first pass reads 2022, the whole report says 2023.
    const { format, agency, year: _year, ...tables } = seed;
    writeFileSync(join(dir, 'b.json'), JSON.stringify({ format, agency, note: { year: 2022 }, year: 2023, ...tables }));
    const [, b] = await checkFiles([join(dir, 'a.json'), join(dir, 'b.json')]);
    expect(b!.year).toBe(2023);
    expect(b!.previous).toBeUndefined();
    expect(b!.findings.filter((f) => f.rule.startsWith('history.'))).toEqual([]);
  });
});
