import { describe, expect, it } from 'vitest';
import { checkFile } from '../src/pipeline.js';
import { CATALOG } from '../src/check/catalog.js';
import { instances } from '../src/check/evaluate.js';
import { formatDef } from '../src/tables/index.js';
import { fixture } from './helpers/cli.js';

/** The parts of a finding a user acts on: which rule, which cell, what it should be, where. */
const essentials = async (file: string) =>
  (await checkFile(fixture(file))).findings.map((f) => ({
    rule: f.rule,
    severity: f.severity,
    cell: f.cells[0],
    expected: f.expected,
    actual: f.actual,
    difference: f.difference,
    line: f.location?.line,
    column: f.location?.column,
  }));

describe('the rule catalog', () => {
  it('expands to one equation per column or row, as the template has them', () => {
    const count = (id: string) => instances(formatDef('2021')).filter((i) => i.rule.id === id).length;
    expect(count('requests.balance')).toBe(7);
    expect(count('requests.row-total')).toBe(25);
    expect(count('requests.results-total')).toBe(7);
    expect(count('appeals.total')).toBe(3);
    expect(count('proactive.in-force')).toBe(2);
  });

  it('sums every result item, and only the result items, into （七）总计', () => {
    const natural = instances(formatDef('2021')).find((i) => i.rule.id === 'requests.results-total' && i.target.endsWith('/natural'))!;
    expect(natural.target).toBe('/requests/results/total/natural');
    expect(natural.plus).toHaveLength(21);
    expect(natural.plus).toContain('/requests/results/granted/natural');
    expect(natural.plus).toContain('/requests/results/otherHandling/other/natural');
    expect(natural.plus.every((p) => p.startsWith('/requests/results/') && p.endsWith('/natural'))).toBe(true);
  });

  it('gives every rule a class, a severity that follows from it, and words in both languages', () => {
    for (const rule of CATALOG) {
      expect(rule.severity).toBe(rule.class === 'heuristic' ? 'warning' : 'error');
      expect(rule.description.zh).not.toBe('');
      expect(rule.description.en).not.toBe('');
    }
  });
});

describe('checking reports', () => {
  it('passes the seed report, as CSV and as JSON, with no findings at all', async () => {
    for (const file of ['seed/xiangyang-jxj-2021.csv', 'seed/xiangyang-jxj-2021.json', 'layouts/compact.csv'])
      expect(await checkFile(fixture(file))).toMatchObject({ ok: true, errorCount: 0, warningCount: 0, findings: [], format: '2021' });
  });

  it('requests.balance: 四 does not follow from 一 + 二 − （七）', async () => {
    expect(await essentials('broken/balance.csv')).toEqual([
      { rule: 'requests.balance', severity: 'error', cell: '/requests/carriedForward/natural', expected: 0, actual: 1, difference: 1, line: 47, column: 4 },
      { rule: 'requests.balance', severity: 'error', cell: '/requests/carriedForward/total', expected: 0, actual: 1, difference: 1, line: 47, column: 10 },
    ]);
  });

  it('requests.row-total: 一 总计 typed 3 for 2 (and the balance of the 总计 column breaks with it)', async () => {
    expect(await essentials('broken/row-total.csv')).toEqual([
      { rule: 'requests.row-total', severity: 'error', cell: '/requests/newReceived/total', expected: 2, actual: 3, difference: 1, line: 23, column: 10 },
      { rule: 'requests.balance', severity: 'error', cell: '/requests/carriedForward/total', expected: 1, actual: 0, difference: -1, line: 47, column: 10 },
    ]);
  });

  it('requests.results-total: an item of （四） changed, （七）总计 not', async () => {
    expect(await essentials('broken/results-total.csv')).toEqual([
      { rule: 'requests.results-total', severity: 'error', cell: '/requests/results/total/natural', expected: 3, actual: 2, difference: -1, line: 46, column: 4 },
      { rule: 'requests.results-total', severity: 'error', cell: '/requests/results/total/total', expected: 3, actual: 2, difference: -1, line: 46, column: 10 },
    ]);
  });

  it('appeals.total: 行政复议 结果维持 1 with 总计 0', async () => {
    expect(await essentials('broken/appeals-total.csv')).toEqual([
      { rule: 'appeals.total', severity: 'error', cell: '/appeals/reconsideration/total', expected: 1, actual: 0, difference: -1, line: 53, column: 5 },
    ]);
  });

  it('value.*: text and a negative count are errors quoting the cell, and no arithmetic runs over them', async () => {
    const result = await checkFile(fixture('broken/values.csv'));
    expect(result.findings.map((f) => [f.rule, f.cells[0], f.location?.line, f.location?.column, f.raw])).toEqual([
      ['value.not-a-number', '/requests/newReceived/commercial', 23, 5, '十'],
      ['value.negative', '/requests/carriedOver/natural', 24, 4, undefined],
    ]);
    expect(result.findings[0]!.message.zh).toBe('一、本年新收政府信息公开申请数量 · 商业企业：“十”不是数字');
  });

  it('cell.blank: blanks and placeholders are warnings, read as 0, one per row', async () => {
    const result = await checkFile(fixture('broken/blanks.csv'));
    expect(result).toMatchObject({ ok: true, errorCount: 0, warningCount: 2 });
    expect(result.findings.map((f) => [f.rule, f.severity, f.cells, f.location?.line])).toEqual([
      ['cell.blank', 'warning', ['/requests/newReceived/research'], 23],
      ['cell.blank', 'warning', ['/requests/carriedOver/natural'], 24],
    ]);
    expect(result.findings[1]!.message.en).toBe('II. carried over from last year: natural persons ("/") is blank, read as 0');
  });

  it('schema: a missing row, an unknown key and a string count in JSON, in words and with the line', async () => {
    const result = await checkFile(fixture('broken/schema.json'));
    expect(result.findings.map((f) => [f.rule, f.cells[0], f.location?.line])).toEqual([
      ['structure.missing-row', '/proactive/fees', 5],
      ['schema.unknown-key', '/requests/newReceived/foreign', 35],
      ['value.not-a-number', '/requests/carriedOver/natural', 38],
    ]);
    expect(result.findings[0]!.message).toEqual({ zh: '缺少行“行政事业性收费”', en: 'the row "administrative fees" is missing' });
  });

  it('finds the same arithmetic error in JSON as in CSV, at the JSON value', async () => {
    const json = await essentials('broken/row-total.json');
    const csv = await essentials('broken/row-total.csv');
    expect(json.map(({ line: _l, column: _c, ...rest }) => rest)).toEqual(csv.map(({ line: _l, column: _c, ...rest }) => rest));
    expect(json[0]).toMatchObject({ line: 37, column: 16 });
  });

  it('says in both languages what the cell should be and why', async () => {
    const [finding] = (await checkFile(fixture('broken/appeals-total.csv'))).findings;
    expect(finding!.message.zh).toBe(
      '总计应等于维持、纠正、其他、尚未审结之和：行政复议 · 总计 应为 1（结果维持 1 + 结果纠正 0 + 其他结果 0 + 尚未审结 0），实为 0',
    );
    expect(finding!.labels?.[0]).toEqual({ zh: '行政复议 · 总计', en: 'administrative reconsideration · total' });
  });
});
