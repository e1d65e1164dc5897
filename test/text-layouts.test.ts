import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadReport, checkFile } from '../src/pipeline.js';
import { readText } from '../src/read/text.js';
import { cli, fixture, tempDir } from './helpers/cli.js';

/** The seed report's numbers, as the canonical JSON has them. */
const SEED = JSON.parse(readFileSync(fixture('seed/xiangyang-jxj-2021.json'), 'utf8')) as Record<string, unknown>;
const tables = (data: Record<string, unknown>) => ({ proactive: data.proactive, requests: data.requests, appeals: data.appeals });

/** A layout of the seed report: the same numbers, and no finding at all. */
async function readsAsTheSeed(name: string): Promise<void> {
  const report = await loadReport(fixture(name));
  expect(tables(report.data)).toEqual(tables(SEED));
  expect((await checkFile(fixture(name))).findings).toEqual([]);
}

describe('the text reader', () => {
  it('splits `a | b | c |` lines into cells with their columns, keeping blank cells', () => {
    const grid = readText('一、本年新收 | 2 |  | 3 |\n');
    expect(grid.rows[0]!.cells.map((c) => [c.text, c.column])).toEqual([
      ['一、本年新收', 1],
      ['2', 10],
      ['', 13], // just inside its opening bar (12), where a value would be typed
      ['3', 17],
      ['', 20],
    ]);
  });

  it('joins one cell per line, separated by lone `|` lines, into rows; a blank line between bars is a blank cell', () => {
    const grid = readText('自然人\n|\n总计\n一、本年新收\n|\n2\n|\n\n|\n2\n');
    expect(grid.rows.map((r) => r.cells.map((c) => c.text))).toEqual([
      ['自然人', '总计'],
      ['一、本年新收', '2', '', '2'],
    ]);
    expect(grid.rows[1]!.cells.map((c) => c.line)).toEqual([4, 6, 8, 10]);
    expect(grid.prose).toEqual([]);
  });

  it('keeps the lines outside the tables as prose, with their line numbers', () => {
    const grid = readText('一、总体情况\n共收到申请2件。\n\n规章 | 0 | 0 | 0\n');
    expect(grid.prose).toEqual([
      { line: 1, text: '一、总体情况' },
      { line: 2, text: '共收到申请2件。' },
    ]);
  });
});

describe('real-report layouts read to the same numbers as the seed report', () => {
  it('the seed as published (flattened rows, trailing empty cells, inline group labels, garbled table 四 headers): no finding at all', async () => {
    const result = await checkFile(fixture('seed/xiangyang-jxj-2021.txt'));
    expect(result.findings).toEqual([]);
    const report = await loadReport(fixture('seed/xiangyang-jxj-2021.txt'));
    expect(tables(report.data)).toEqual(tables(SEED));
    expect(report.prose?.find((p) => p.line === 31)?.text).toMatch(/^全年共收到政府信息公开申请2件/);
  });

  it('one cell per line, header words split inside cells (`商业 企业`), a blank cell', async () => {
    const report = await loadReport(fixture('layouts/one-cell-per-line.txt'));
    const expected = structuredClone(tables(SEED)) as { requests: { carriedOver: Record<string, unknown> } };
    expected.requests.carriedOver.research = null;
    expect(tables(report.data)).toEqual(expected);
    const result = await checkFile(fixture('layouts/one-cell-per-line.txt'));
    expect(result.findings.map((f) => f.rule)).toEqual(['cell.blank']);
  });

  it('glosses, typos, half- and full-width forms, traditional characters, full-width digits', async () => {
    await readsAsTheSeed('layouts/variants.txt');
  });

  it("traditional characters throughout, as mirror sites publish (行政復議, 行政規範性文件, 結轉): the seed's numbers", async () => {
    await readsAsTheSeed('layouts/traditional.txt');
  });

  it("cells separated by spaces, with group labels inline (`三、本年度办理结果 (一)予以公开 0 0 …`): the seed's numbers", async () => {
    await readsAsTheSeed('layouts/spaced-inline-groups.txt');
  });

  it("a label split across lines after its group's label (`(六)其他处理 | 1.申请人…其政府` / `信息公开申请 | 0 | …`)", async () => {
    await readsAsTheSeed('layouts/split-after-group.txt');
  });

  it('labels split across lines, a page footer and a row continued across the page break, cells separated by spaces', async () => {
    await readsAsTheSeed('layouts/split-labels.txt');
  });

  it('a blank first value in a line that ends with empty cells (`一、… |  | 2 | … | 2 | ||`, `|  | 0 | … |`) stays the first value', async () => {
    const lines = readFileSync(fixture('seed/xiangyang-jxj-2021.txt'), 'utf8').split('\n');
    const at = lines.findIndex((l) => l.startsWith('一、本年新收政府信息公开申请数量'));
    lines[at] = '一、本年新收政府信息公开申请数量 |  | 1 | 0 | 0 | 0 | 0 | 2 | ||'; // a wrong row: the blank stays 自然人 all the same
    const four = lines.findIndex((l) => l.startsWith('0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |'));
    lines[four] = ' | 0 | 0 | 1 | 1 | 2 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |'; // table 四, 行政复议 结果维持 blank
    const file = join(tempDir('dc-'), 'blank-first.txt');
    writeFileSync(file, lines.join('\n'));
    const data = (await loadReport(file)).data as { requests: { newReceived: unknown }; appeals: { reconsideration: unknown } };
    expect(data.requests.newReceived).toEqual({ natural: null, commercial: 1, research: 0, publicWelfare: 0, legalService: 0, other: 0, total: 2 });
    expect(data.appeals.reconsideration).toEqual({ upheld: null, corrected: 0, other: 0, pending: 1, total: 1 });
  });

  it("one cell per line: a row whose first value is blank (`总计` / (blank) / `|` / `0`) keeps it as its first cell", async () => {
    const lines = readFileSync(fixture('layouts/one-cell-per-line.txt'), 'utf8').split('\n');
    const header = lines.lastIndexOf('总计'); // table 四's last header cell; its numbers follow, one per line
    expect(lines.slice(header + 1, header + 4)).toEqual(['0', '|', '0']);
    lines[header + 1] = '';
    const file = join(tempDir('dc-'), 'one-cell-blank-first.txt');
    writeFileSync(file, lines.join('\n'));
    const data = (await loadReport(file)).data as { appeals: Record<string, unknown> };
    expect(data.appeals.reconsideration).toEqual({ upheld: null, corrected: 0, other: 0, pending: 0, total: 0 });
    expect(data.appeals.litigationAfterReconsideration).toEqual({ upheld: 0, corrected: 0, other: 0, pending: 0, total: 0 });
  });

  it('table 四 over three rows with its own header words between them; a prose line after a lone `|` stays prose', async () => {
    const lines = readFileSync(fixture('seed/xiangyang-jxj-2021.txt'), 'utf8').split('\n');
    const four = lines.findIndex((l) => l.startsWith('0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |'));
    const pad = ' | | | | | | | | | |';
    lines.splice(four, 1, `1 | 0 | 0 | 0 | 1 |${pad}`, '行政诉讼（未经复议直接起诉）', `0 | 1 | 0 | 0 | 5 |${pad}`, '复议后起诉', `0 | 0 | 1 | 1 | 9 |${pad}`);
    const prose = lines.findIndex((l) => l.startsWith('全年共收到政府信息公开申请2件'));
    lines.splice(prose, 0, '', '|');
    const file = join(tempDir('dc-'), 'four-rows.txt');
    writeFileSync(file, lines.join('\n'));
    const report = await loadReport(file);
    expect(report.data.appeals).toEqual({
      reconsideration: { upheld: 1, corrected: 0, other: 0, pending: 0, total: 1 },
      litigationDirect: { upheld: 0, corrected: 1, other: 0, pending: 0, total: 5 },
      litigationAfterReconsideration: { upheld: 0, corrected: 0, other: 1, pending: 1, total: 9 },
    });
    expect(report.prose?.some((p) => p.text.startsWith('全年共收到政府信息公开申请2件'))).toBe(true);
  });

  it('placeholders and blanks (`/` `-` `—` `无` `&nbsp;`), a stray `?`, units in cells, a blank 总计 beside numbers', async () => {
    const report = await loadReport(fixture('layouts/blanks-placeholders.txt'));
    const data = report.data as { requests: Record<string, Record<string, unknown>>; proactive: { fees: { amount: number } } };
    expect(data.requests.carriedOver).toEqual({ natural: null, commercial: null, research: null, publicWelfare: null, legalService: null, other: null, total: 0 });
    expect((data.requests.results as Record<string, Record<string, unknown>>).unavailable).toMatchObject({ notHeld: { natural: 1, total: 1 } });
    expect(data.proactive.fees.amount).toBe(0.25);
    const result = await checkFile(fixture('layouts/blanks-placeholders.txt'));
    expect(result.findings.map((f) => f.rule).sort()).toEqual([
      'cell.blank',
      'cell.blank',
      'requests.balance',
      'requests.results-total',
      'requests.row-total',
      'value.unit-converted',
    ]);
    // the blank 总计 is quoted as blank, read as 0
    expect(result.findings.find((f) => f.rule === 'requests.row-total')).toMatchObject({ actual: null, expected: 2 });
  });

  it('a page that starts straight with the tables, a 2022 report on the 2019 tables', async () => {
    const result = await checkFile(fixture('layouts/no-headings-2019.txt'));
    expect(result.format).toBe('2019');
    expect(result.findings.map((f) => f.rule)).toEqual(['value.unit-converted']);
    const report = await loadReport(fixture('layouts/no-headings-2019.txt'));
    expect(report.data).toMatchObject({
      format: '2019',
      proactive: { punishment: { previousYear: 2648, change: -185, decisions: 38 }, otherServices: { decisions: 105 } },
      requests: { results: { otherHandling: { natural: 4, total: 4 } } },
      appeals: { reconsideration: { upheld: 1, total: 1 } },
    });
  });
});

describe('pages that cannot be checked exit 2, saying what was found and what is missing', () => {
  it('a page cut off inside table 三', () => {
    const run = cli([fixture('layouts/truncated.txt')]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      `disclosure-check: ${fixture('layouts/truncated.txt')}: the page stops short: table 三 stops after row 3.危及“三安全一稳定” at line 41; missing row 4.保护第三方合法权益 and the rest of table 三, table 四\n`,
    );
    expect(cli([fixture('layouts/truncated.txt'), '--lang', 'zh']).stderr).toBe(
      `disclosure-check: ${fixture('layouts/truncated.txt')}：页面不完整：表三在第 41 行（3.危及“三安全一稳定”）之后中断；缺少“4.保护第三方合法权益”一行及表三其余部分、表四\n`,
    );
  });

  it('a page with prose and no table', () => {
    const run = cli([fixture('layouts/prose-only.txt')]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/prose-only\.txt: no table of a disclosure report found/);
    expect(run.stderr.split('\n')).toHaveLength(2);
  });
});
