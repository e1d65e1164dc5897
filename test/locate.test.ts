import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalizeLabel, numberingOf } from '../src/locate/normalize.js';
import { parseCell } from '../src/locate/value.js';
import { locate } from '../src/locate/locate.js';
import { readCsv } from '../src/read/csv.js';
import { readText } from '../src/read/text.js';
import { checkFile, loadReport } from '../src/pipeline.js';
import { NOT_A_REPORT, type InputError } from '../src/model.js';
import { fixture, tempDir } from './helpers/cli.js';

const seedJson = JSON.parse(readFileSync(fixture('seed/xiangyang-jxj-2021.json'), 'utf8'));
const { agency: _agency, year: _year, ...seedTables } = seedJson; // the compact layout has no title

describe('label normalisation', () => {
  it('reads full- and half-width punctuation, digits and spaces alike', () => {
    expect(normalizeLabel('（一）予以公开')).toBe(normalizeLabel('(一)予以公开'));
    expect(normalizeLabel('商业 企业')).toBe('商业企业');
    expect(normalizeLabel('１．属于国家秘密')).toBe('1.属于国家秘密');
    expect(normalizeLabel('1、属于国家秘密')).toBe('1.属于国家秘密');
    expect(normalizeLabel('第二十条 第(一)项')).toBe('第二十条第(一)项');
  });

  it('reads traditional characters and known typos as the template words', () => {
    expect(normalizeLabel('二、上年結轉政府信息公開申請數量')).toBe('二、上年结转政府信息公开申请数量');
    expect(normalizeLabel('5.属于三类内容事务信息')).toBe('5.属于三类内部事务信息');
  });

  it('finds the numbering a label starts with', () => {
    expect(numberingOf('一、本年新收')).toBe('一、');
    expect(numberingOf(normalizeLabel('（七）总计'))).toBe('(七)');
    expect(numberingOf('3.其他')).toBe('3.');
    expect(numberingOf('其他')).toBe('');
  });
});

describe('cell values', () => {
  it('reads numbers as people write them', () => {
    expect(parseCell('12')).toEqual({ kind: 'number', value: 12 });
    expect(parseCell(' １２ ')).toEqual({ kind: 'number', value: 12 });
    expect(parseCell('1,234')).toEqual({ kind: 'number', value: 1234 });
    expect(parseCell('3件')).toEqual({ kind: 'number', value: 3 });
    expect(parseCell('?5')).toEqual({ kind: 'number', value: 5 });
    expect(parseCell('251000元', 'amount')).toEqual({ kind: 'number', value: 25.1, note: 'yuan' });
    expect(parseCell('0.5万元', 'amount')).toEqual({ kind: 'number', value: 0.5 });
    // a change in 2019's table 二 (本年增/减): ASCII, full-width and typeset minus
    for (const minus of ['-3', '－3', '\u22123']) expect([minus, parseCell(minus, 'delta')]).toEqual([minus, { kind: 'number', value: -3 }]);
  });

  it('tells blanks and placeholders from text, and never reads text as 0', () => {
    expect(parseCell('')).toEqual({ kind: 'blank' });
    expect(parseCell('&nbsp;')).toEqual({ kind: 'blank' });
    expect(parseCell('—')).toEqual({ kind: 'blank', placeholder: '—' });
    expect(parseCell('/')).toEqual({ kind: 'blank', placeholder: '/' });
    expect(parseCell('十')).toEqual({ kind: 'text', raw: '十' });
  });
});

describe('locating the tables', () => {
  it('reads the spreadsheet-export CSV into exactly the canonical JSON', async () => {
    const report = await loadReport(fixture('seed/xiangyang-jxj-2021.csv'));
    expect(report.data).toEqual(seedJson); // agency and year from the title row
  });

  it("reads the numbers from the header's column when merged label cells export as placeholders (`一、本年新收,/,/,2,…`)", () => {
    const csv = readFileSync(fixture('seed/xiangyang-jxj-2021.csv'), 'utf8')
      .replace(/^(一、本年新收政府信息公开申请数量|二、上年结转政府信息公开申请数量),,,/m, '$1,/,/,')
      .replace('三、本年度办理结果,（一）予以公开,,', '三、本年度办理结果,（一）予以公开,—,')
      .replace(',（七）总计,,', ',（七）总计,/,');
    expect(csv).toContain('一、本年新收政府信息公开申请数量,/,/,2');
    expect(locate(readCsv(csv, 'a.csv'), 'a.csv').data).toEqual(seedJson);
  });

  it('reads table 四 over two rows (5 and 10 numbers), padded to the sheet or not, and one column right', () => {
    const seed = readFileSync(fixture('seed/xiangyang-jxj-2021.csv'), 'utf8');
    const appeals = (csv: string) => locate(readCsv(csv, 'a.csv'), 'a.csv').data.appeals as Record<string, unknown>;
    const expected = {
      reconsideration: { upheld: 3, corrected: 1, other: 2, pending: 4, total: 10 },
      litigationDirect: { upheld: 5, corrected: 0, other: 1, pending: 2, total: 99 },
      litigationAfterReconsideration: { upheld: 2, corrected: 3, other: 0, pending: 1, total: 77 },
    };
    const last = '0,0,0,0,0,0,0,0,0,0,0,0,0,0,0';
    expect(appeals(seed.replace(last, '3,1,2,4,10\n5,0,1,2,99,2,3,0,1,77'))).toEqual(expected);
    expect(appeals(seed.replace(last, '3,1,2,4,10,,,,,,,,,,\n5,0,1,2,99,2,3,0,1,77,,,,,'))).toEqual(expected);
    expect(appeals(seed.replace(last, '3,1,2,4,10,5,0,1,2,99\n2,3,0,1,77'))).toEqual(expected);
    // one row, as ever; a blank last group is blank, not waiting for a row that never comes
    expect(appeals(seed.replace(last, '3,1,2,4,10,5,0,1,2,99,2,3,0,1,77'))).toEqual(expected);
    expect(appeals(seed.replace(last, '3,1,2,4,10,5,0,1,2,99,,,,,')).litigationAfterReconsideration).toEqual({ upheld: null, corrected: null, other: null, pending: null, total: null });
    // the whole table one column right: an empty first column
    const shifted = seed.replace(/^(行政复议,|,,,,,未经复议|结果维持,结果纠正)/gm, ',$1').replace(last, ',3,1,2,4,10,5,0,1,2,99,2,3,0,1,77');
    expect(appeals(shifted)).toEqual(expected);
  });

  it("reads a group's label and its first item's written in one cell, whatever stands between them", () => {
    const seed = readFileSync(fixture('seed/xiangyang-jxj-2021.csv'), 'utf8');
    for (const between of [' ', '：', '、', '', '\n'])
      for (const [group, item] of [['（三）不予公开', '1.属于国家秘密'], ['（四）无法提供', '1.本机关不掌握相关政府信息']]) {
        const csv = seed.replace(`,${group},${item},`, `,"${group}${between}${item}",,`);
        expect(csv).not.toBe(seed);
        const report = locate(readCsv(csv, 'a.csv'), 'a.csv');
        expect([between, group, report.data]).toEqual([between, group, seedJson]);
        expect(report.findings).toEqual([]);
      }
  });

  it('sets aside a group row with numbers of its own (a subtotal) when its items are there, with a warning', () => {
    const csv = readFileSync(fixture('seed/xiangyang-jxj-2021.csv'), 'utf8')
      .replace(',（四）无法提供,1.本机关不掌握相关政府信息,', ',（四）无法提供,,1,0,0,0,0,0,1\n,,1.本机关不掌握相关政府信息,')
      .replace(',（六）其他处理,1.申请人', ',（六）其他处理,,0,0,0,0,0,0,0\n,,1.申请人');
    const report = locate(readCsv(csv, 'a.csv'), 'a.csv');
    expect(report.data).toEqual(seedJson); // （六）'s item 3.其他 keeps its place beside the column 其他
    expect(report.singleRowGroups).toBeUndefined();
    expect(report.findings.map((f) => [f.rule, f.message.en])).toEqual([
      ['structure.unknown-row', 'line 35: "(4) cannot be provided" has numbers of its own (a subtotal), where the official tables have only its items; ignored, the items are checked'],
      ['structure.unknown-row', 'line 44: "(6) other handling" has numbers of its own (a subtotal), where the official tables have only its items; ignored, the items are checked'],
    ]);
  });

  it('reads a 序号 column: a number before each row\'s label', () => {
    const csv = readFileSync(fixture('seed/xiangyang-jxj-2021.csv'), 'utf8')
      .split('\n')
      .map((line, i) => (/^(?:规章|行政|一、|二、|三、|四、|,)/.test(line) && /\d\r?$/.test(line) ? `${i},${line}` : `,${line}`))
      .join('\n');
    expect(csv).toContain('\n5,规章,');
    expect(locate(readCsv(csv, 'a.csv'), 'a.csv').data).toEqual(seedJson);
  });

  it("takes table 三's columns by the header's names when they stand in another order (总计 first, 其他 before 自然人)", () => {
    const lines = readFileSync(fixture('seed/xiangyang-jxj-2021.csv'), 'utf8').split('\n');
    const from = lines.findIndex((l) => l.startsWith('三、收到和处理'));
    const to = lines.findIndex((l) => l.startsWith('四、政府信息公开行政复议'));
    const reorder = (order: number[]) =>
      lines
        .map((line, i) => {
          const cells = line.split(',');
          return i > from && i < to && cells.length === 10 ? [...cells.slice(0, 3), ...order.map((k) => cells[3 + k])].join(',') : line;
        })
        .join('\n');
    for (const order of [[6, 0, 1, 2, 3, 4, 5], [5, 0, 1, 2, 3, 4, 6], [1, 2, 3, 4, 5, 0, 6]]) {
      const csv = reorder(order);
      expect(csv).not.toBe(lines.join('\n'));
      expect([order, locate(readCsv(csv, 'a.csv'), 'a.csv').data]).toEqual([order, seedJson]);
    }
  });

  it('reads table 四 beside a label column of its own (`件数 | 0 | 0 | …`)', () => {
    const csv = readFileSync(fixture('seed/xiangyang-jxj-2021.csv'), 'utf8')
      .replace(/^(行政复议,|,,,,,未经复议|结果维持,结果纠正)/gm, ',$1')
      .replace('0,0,0,0,0,0,0,0,0,0,0,0,0,0,0', '件数,3,1,2,4,10,5,0,1,2,8,2,3,0,1,6');
    const report = locate(readCsv(csv, 'a.csv'), 'a.csv');
    expect(report.findings).toEqual([]);
    expect(report.data.appeals).toEqual({
      reconsideration: { upheld: 3, corrected: 1, other: 2, pending: 4, total: 10 },
      litigationDirect: { upheld: 5, corrected: 0, other: 1, pending: 2, total: 8 },
      litigationAfterReconsideration: { upheld: 2, corrected: 3, other: 0, pending: 1, total: 6 },
    });
  });

  it("reads a table 四 row cut short as blank groups, and no later section's row into it", () => {
    const seed = readFileSync(fixture('seed/xiangyang-jxj-2021.csv'), 'utf8');
    const last = '0,0,0,0,0,0,0,0,0,0,0,0,0,0,0';
    const short = locate(readCsv(seed.replace(last, '1,0,0,0,1,0,0,0,0,0'), 'a.csv'), 'a.csv');
    expect((short.data.appeals as Record<string, unknown>).litigationAfterReconsideration).toEqual({ upheld: null, corrected: null, other: null, pending: null, total: null });
    expect(short.findings).toEqual([]); // the blanks are the checker's to say (cell.blank), not "the page stops short"
    const fee = locate(readCsv(seed.replace(last, '1,0,0,0,1,0,0,0,0,0,,,,,\n六、其他需要报告的事项\n收取信息处理费（元）,120'), 'a.csv'), 'a.csv');
    expect((fee.data.appeals as Record<string, unknown>).litigationAfterReconsideration).toEqual({ upheld: null, corrected: null, other: null, pending: null, total: null });
    expect(fee.findings.map((f) => f.rule)).toEqual(['structure.unknown-row']);
    // one group alone may be a page cut off after it: that is said, not read as blanks
    expect(() => locate(readCsv(seed.replace(last, '1,0,0,0,1'), 'a.csv'), 'a.csv')).toThrow(/the page stops short: table 四 stops after row 行政复议/);
    // a label column with its unit
    const unit = seed.replace(/^(行政复议,|,,,,,未经复议|结果维持,结果纠正)/gm, ',$1').replace(last, '件数（件）,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0');
    expect(locate(readCsv(unit, 'a.csv'), 'a.csv').data).toEqual(seedJson);
  });

  it('reads table 四 over rows by its header columns, the rest of it into the next row, and a number too many there as an error', () => {
    const seed = readFileSync(fixture('seed/xiangyang-jxj-2021.csv'), 'utf8');
    const last = '0,0,0,0,0,0,0,0,0,0,0,0,0,0,0';
    const appeals = (csv: string) => {
      const report = locate(readCsv(csv, 'a.csv'), 'a.csv');
      return { values: Object.values(report.data.appeals as Record<string, Record<string, unknown>>).map((g) => Object.values(g)), findings: report.findings.map((f) => [f.rule, f.message.en]) };
    };
    // each row's numbers under their header columns: the second row's leading blanks are table 四's first group
    expect(appeals(seed.replace(last, '1,2,3,4,10,,,,,,,,,,\n,,,,,2,0,1,1,4,0,1,0,2,3'))).toEqual({ values: [[1, 2, 3, 4, 10], [2, 0, 1, 1, 4], [0, 1, 0, 2, 3]], findings: [] });
    expect(appeals(seed.replace(last, '1,2,3,4,10,,,,,,,,,,\n,,,,,2,0,1,1,4,,,,,\n,,,,,,,,,,0,1,0,2,3')).values).toEqual([[1, 2, 3, 4, 10], [2, 0, 1, 1, 4], [0, 1, 0, 2, 3]]);
    // one column right, header and numbers alike, its last cells blank: blank, not read one column off
    const shifted = seed.replace(/^(行政复议,|,,,,,未经复议|结果维持,结果纠正)/gm, ',$1');
    expect(appeals(shifted.replace(last, ',1,2,3,4,10,2,0,1,1,4,0,1,0,2,')).values).toEqual([[1, 2, 3, 4, 10], [2, 0, 1, 1, 4], [0, 1, 0, 2, null]]);
    // 5 numbers, then 11: the 10 left are read and the one too many is said
    expect(appeals(seed.replace(last, '1,2,3,4,10\n2,0,1,1,4,0,1,0,2,3,5'))).toEqual({
      values: [[1, 2, 3, 4, 10], [2, 0, 1, 1, 4], [0, 1, 0, 2, 3]],
      findings: [['structure.extra-cells', 'line 54: "IV. Administrative reconsideration and litigation" has 11 numbers; only 10 cells of the table are left']],
    });
    // one group, then the next section: not a page cut short, the rest blank
    expect(appeals(seed.replace(last, '1,2,3,4,10\n五、存在的主要问题及改进情况\n无。'))).toEqual({ values: [[1, 2, 3, 4, 10], [null, null, null, null, null], [null, null, null, null, null]], findings: [] });
    // text with spaces, a group or two to a line
    const text = readFileSync(fixture('seed/xiangyang-jxj-2021.txt'), 'utf8').replace('0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |', '1 2 3 4 10\n2 0 1 1 4 0 1 0 2 3');
    expect(Object.values(locate(readText(text), 'a.txt').data.appeals as Record<string, Record<string, unknown>>).map((g) => Object.values(g))).toEqual([[1, 2, 3, 4, 10], [2, 0, 1, 1, 4], [0, 1, 0, 2, 3]]);
    // a line of numbers in the next section (years) is prose, not table 四's
    expect(locate(readText(text.replace('五、存在的主要问题及改进情况', '五、存在的主要问题及改进情况\n2019 2020 2021 2022 2023')), 'a.txt').findings).toEqual([]);
  });

  it('a blank 总计 after padding stays the 总计; a blank 自然人 before empty end cells stays 自然人 (the reading whose 总计 adds up)', () => {
    const seed = readFileSync(fixture('seed/xiangyang-jxj-2021.csv'), 'utf8');
    const row = (line: string) => (locate(readCsv(seed.replace('一、本年新收政府信息公开申请数量,,,2,0,0,0,0,0,2', line), 'a.csv'), 'a.csv').data.requests as Record<string, unknown>).newReceived;
    // no header column to go by (自然人 written 公民)
    const noHeader = (line: string) => (locate(readCsv(seed.replace(',,,自然人,', ',,,公民,').replace('一、本年新收政府信息公开申请数量,,,2,0,0,0,0,0,2', line), 'a.csv'), 'a.csv').data.requests as Record<string, unknown>).newReceived;
    expect(row('一、本年新收政府信息公开申请数量,,,2,0,0,0,0,0,')).toEqual({ natural: 2, commercial: 0, research: 0, publicWelfare: 0, legalService: 0, other: 0, total: null });
    expect(noHeader('一、本年新收政府信息公开申请数量,,,2,0,0,0,0,0,')).toEqual({ natural: 2, commercial: 0, research: 0, publicWelfare: 0, legalService: 0, other: 0, total: null });
    expect(noHeader('一、本年新收政府信息公开申请数量,,2,0,0,0,0,2,,')).toEqual({ natural: null, commercial: 2, research: 0, publicWelfare: 0, legalService: 0, other: 0, total: 2 });
    // neither reading adds up: the one with as many cells before the numbers as the rows above it
    const text = readFileSync(fixture('seed/xiangyang-jxj-2021.txt'), 'utf8').replace('3.其他 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||', '3.其他 |  |  |  |  |  | 1 |  | ||');
    const other = (locate(readText(text), 'a.txt').data.requests as { results: { otherHandling: { other: unknown } } }).results.otherHandling.other;
    expect(other).toEqual({ natural: null, commercial: null, research: null, publicWelfare: null, legalService: null, other: 1, total: null });
    // the row above has two label cells, this one one: the cells before the numbers do not say the same, so they decide nothing
    const after = readFileSync(fixture('seed/xiangyang-jxj-2021.txt'), 'utf8').replace('2.重复申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||', '2.重复申请 |  | 1 |  |  |  |  |  | ||');
    const repeated = (locate(readText(after), 'a.txt').data.requests as { results: { notProcessed: { repeated: unknown } } }).results.notProcessed.repeated;
    expect(repeated).toEqual({ natural: null, commercial: 1, research: null, publicWelfare: null, legalService: null, other: null, total: null });
  });

  it('a CSV padded to the sheet, without table 三\'s header: a row with empty cells on both sides is read in the column of the rows above', () => {
    const seed = readFileSync(fixture('seed/xiangyang-jxj-2021.csv'), 'utf8')
      .split('\n')
      .filter((line) => !/^（本列数据|^,,,自然人|^,,,,商业企业/.test(line))
      .map((line) => (line === '' ? line : line + ','.repeat(Math.max(0, 14 - (line.match(/,/g) ?? []).length))));
    const partial = (row: string) => {
      const lines = seed.map((line) => (line.startsWith(',（二）部分公开') ? row + ','.repeat(14 - (row.match(/,/g) ?? []).length) : line));
      const report = locate(readCsv(lines.join('\n'), 'a.csv'), 'a.csv');
      return { values: (report.data.requests as { results: Record<string, unknown> }).results.partlyGranted, at: report.sources.get('/requests/results/partlyGranted/commercial') };
    };
    // 商业企业 7, 总计 left blank: the rows above have empty cells on both sides too, but （一）'s
    // seven numbers can stand in one place only, which says where the numbers start (column 4)
    expect(partial(',（二）部分公开（区分处理的，只计这一情形，不计其他情形）,,,7')).toEqual({
      values: { natural: null, commercial: 7, research: null, publicWelfare: null, legalService: null, other: null, total: null },
      at: { line: 23, column: 5 },
    });
    // a reading that adds up still wins over the column (the row's numbers one column right: 其他 7, 总计 7)
    expect(partial(',（二）部分公开（区分处理的，只计这一情形，不计其他情形）,,,,,,,,7,7').values).toEqual({ natural: null, commercial: null, research: null, publicWelfare: null, legalService: null, other: 7, total: 7 });
  });

  it('without table 三\'s header, a column a full row shows is taken before a sum that may be chance, and for a row cut short', () => {
    const seed = readFileSync(fixture('seed/xiangyang-jxj-2021.csv'), 'utf8').split('\n').filter((line) => !/^（本列数据|^,,,自然人|^,,,,商业企业/.test(line));
    const read = (rows: Record<string, string>) => {
      const lines = seed.map((line) => Object.entries(rows).find(([start]) => line.startsWith(start))?.[1] ?? line);
      return (locate(readCsv(lines.join('\n'), 'a.csv'), 'a.csv').data as { requests: Record<string, unknown> & { results: Record<string, unknown> } }).requests;
    };
    const blankTotal = (values: number[]) => ({ natural: values[0], commercial: values[1], research: values[2], publicWelfare: values[3], legalService: values[4], other: values[5], total: null });
    // 一 fills its row to the last cell: the numbers start in column 4. 二's 总计 is blank, and read
    // a column left it would add up (其他 1 as the 总计): the column says 社会公益 1, 其他 1
    const chance = read({ '一、本年新收': '一、本年新收政府信息公开申请数量,,,2,0,0,1,0,0,3', '二、上年结转': '二、上年结转政府信息公开申请数量,,,0,0,0,1,0,1,' });
    expect(chance.carriedOver).toEqual(blankTotal([0, 0, 0, 1, 0, 1]));
    // a row whose blank 总计 cell was not written at all: 自然人 1, not 商业企业 1 after a blank 自然人
    expect(read({ '三、本年度办理结果': '三、本年度办理结果,（一）予以公开,,1,0,0,0,0,0' }).results.granted).toEqual(blankTotal([1, 0, 0, 0, 0, 0]));
    // merged label cells exported as `/` are padding, not a number too many
    const slashes = read({ '一、本年新收': '一、本年新收政府信息公开申请数量,,/,2,0,0,0,0,0,2', ',（二）部分公开': '/,（二）部分公开（区分处理的，只计这一情形，不计其他情形）,/,1,0,0,0,0,0,' });
    expect(slashes.results.partlyGranted).toEqual(blankTotal([1, 0, 0, 0, 0, 0]));
    expect(slashes.newReceived).toEqual({ ...blankTotal([2, 0, 0, 0, 0, 0]), total: 2 });
    // after the numbers a placeholder is a value: 总计 `-`, in a row padded to 15 cells
    const padded = (line: string) => line + ','.repeat(Math.max(0, 14 - (line.match(/,/g) ?? []).length));
    expect(read({ '一、本年新收': padded('一、本年新收政府信息公开申请数量,,,2,0,0,0,0,0,-') }).newReceived).toEqual(blankTotal([2, 0, 0, 0, 0, 0]));
    // one row laid out otherwise (（七）总计 compact, right after its label) does not move the column
    // the rows above start at: 四's 总计 is blank, not 自然人
    const compact = read({ ',（七）总计': ',（七）总计,2,0,0,0,0,0,2,', '四、结转下年度': '四、结转下年度继续办理,,,1,0,0,0,0,0,' });
    expect(compact.results.total).toEqual({ ...blankTotal([2, 0, 0, 0, 0, 0]), total: 2 });
    expect(compact.carriedForward).toEqual(blankTotal([1, 0, 0, 0, 0, 0]));
  });

  it("an all-blank first item of a group is that group's item, not the item 1 of the group above", () => {
    type Results = { results: Record<string, Record<string, Record<string, unknown>>> };
    const results = (report: ReturnType<typeof locate>) => (report.data.requests as Results).results;
    const csv = locate(readCsv(readFileSync(fixture('seed/xiangyang-jxj-2021.csv'), 'utf8').replace(',（五）不予处理,1.信访举报投诉类申请,0,0,0,0,0,0,0', ',（五）不予处理,1.信访举报投诉类申请,,,,,,,'), 'a.csv'), 'a.csv');
    expect(csv.findings).toEqual([]);
    expect(results(csv).notProcessed!.complaint!.natural).toBeNull();
    expect(results(csv).unavailable!.notHeld!.natural).toBe(1);
    const text = locate(readText(readFileSync(fixture('seed/xiangyang-jxj-2021.txt'), 'utf8').replace('(五)不予处理 | 1.信访举报投诉类申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | |', '(五)不予处理 | 1.信访举报投诉类申请 | | | | | | | | |')), 'a.txt');
    expect(text.findings).toEqual([]);
    expect(results(text).notProcessed!.complaint!.natural).toBeNull();
    // a label's first half on a group's first row, blank, is no row by its number: it waits for its second half
    const split = readFileSync(fixture('seed/xiangyang-jxj-2021.txt'), 'utf8').replace('(三)不予公开 | 1.属于国家秘密 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | |', '(三)不予公开 | 1.属于 |  |  |  |  |  |  |  | |\n国家秘密 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | |');
    const halves = locate(readText(split), 'a.txt');
    expect(halves.findings).toEqual([]);
    expect(results(halves).denied!.stateSecret!.natural).toBe(0);
  });

  it('reads a row whose first, merged label cell is exported as a placeholder (`/,（二）部分公开…`)', () => {
    const seed = readFileSync(fixture('seed/xiangyang-jxj-2021.csv'), 'utf8');
    for (const [from, to] of [
      [',（二）部分公开', '/,（二）部分公开'],
      [',（三）不予公开,1.属于国家秘密', '—,（三）不予公开,1.属于国家秘密'],
    ]) {
      const report = locate(readCsv(seed.replace(from!, to!), 'a.csv'), 'a.csv');
      expect([to, report.findings]).toEqual([to, []]);
      expect(report.data).toEqual(seedJson);
    }
  });

  it('checks a subtotal set aside against its items: structure.subtotal where they differ', () => {
    const csv = readFileSync(fixture('seed/xiangyang-jxj-2021.csv'), 'utf8').replace(
      ',（四）无法提供,1.本机关不掌握相关政府信息,',
      ',（四）无法提供,,5,0,0,0,0,0,1\n,,1.本机关不掌握相关政府信息,',
    );
    const report = locate(readCsv(csv, 'a.csv'), 'a.csv');
    expect(report.data).toEqual(seedJson);
    expect(report.findings.map((f) => [f.rule, f.severity, f.message.en, f.location, f.expected, f.actual])).toEqual([
      ['structure.unknown-row', 'warning', 'line 35: "(4) cannot be provided" has numbers of its own (a subtotal), where the official tables have only its items; ignored, the items are checked', { line: 35, column: 1 }, undefined, undefined],
      ['structure.subtotal', 'error', 'line 35: the subtotal of "(4) cannot be provided" · natural persons is 5; its items add up to 1', { line: 35, column: 4 }, 1, 5],
    ]);
    // placeholders (merged cells exported as `/`) state nothing to add up
    const slashes = readFileSync(fixture('seed/xiangyang-jxj-2021.csv'), 'utf8').replace(',（四）无法提供,1.本机关不掌握相关政府信息,', ',（四）无法提供,,/,/,/,/,/,/,/\n,,1.本机关不掌握相关政府信息,');
    expect(locate(readCsv(slashes, 'a.csv'), 'a.csv').findings.map((f) => f.rule)).toEqual(['structure.unknown-row']);
    // 三、本年度办理结果 with numbers of its own: a subtotal of every result but the total
    const results = (line: string) =>
      locate(readCsv(readFileSync(fixture('seed/xiangyang-jxj-2021.csv'), 'utf8').replace('三、本年度办理结果,（一）予以公开,', `${line}\n,（一）予以公开,`), 'a.csv'), 'a.csv');
    expect(results('三、本年度办理结果,,,2,0,0,0,0,0,2').findings.map((f) => f.rule)).toEqual(['structure.unknown-row']);
    const wrong = results('三、本年度办理结果,,,2,0,0,0,0,0,3');
    expect(wrong.data).toEqual(seedJson);
    expect(wrong.findings.map((f) => [f.rule, f.message.en, f.location, f.cells.length])).toEqual([
      ['structure.unknown-row', 'line 25: "III. results this year" has numbers of its own (a subtotal), where the official tables have only its items; ignored, the items are checked', { line: 25, column: 1 }, 0],
      ['structure.subtotal', 'line 25: the subtotal of "III. results this year" · total is 3; its items add up to 2', { line: 25, column: 10 }, 21],
    ]);
  });

  it('a table 三 without one of its columns (其他): one structure.missing-column error, the rest checked', async () => {
    const lines = readFileSync(fixture('seed/xiangyang-jxj-2021.csv'), 'utf8').split('\n');
    const from = lines.findIndex((l) => l.startsWith('三、收到和处理'));
    const to = lines.findIndex((l) => l.startsWith('四、政府信息公开行政复议'));
    const drop = (column: number) =>
      lines.map((line, i) => (i > from && i < to && line.split(',').length === 10 ? line.split(',').filter((_, k) => k !== column).join(',') : line)).join('\n');
    const dir = tempDir('dc-');
    for (const [column, key, zh] of [[8, 'other', '其他'], [9, 'total', '总计']] as const) {
      const file = join(dir, `no-${key}.csv`);
      writeFileSync(file, drop(column));
      const result = await checkFile(file);
      expect(result.findings.map((f) => [f.rule, f.message.zh, f.cells.length])).toEqual([[`structure.missing-column`, `表三没有“${zh}”列：这一列的单元格无法检查`, 25]]);
      const { requests } = (await loadReport(file)).data as { requests: { newReceived: Record<string, unknown> } };
      expect(Object.hasOwn(requests.newReceived, key)).toBe(false);
      expect(requests.newReceived.natural).toBe(2);
    }
    // a header cell left blank over a column of numbers names no missing column: read by position
    const unnamed = join(dir, 'unnamed-other.csv');
    writeFileSync(unnamed, lines.join('\n').replace(',,,,商业企业,科研机构,社会公益组织,法律服务机构,其他,', ',,,,商业企业,科研机构,社会公益组织,法律服务机构,,'));
    expect((await loadReport(unnamed)).data).toEqual(seedJson);
    // a broken row is still found in the columns that are there
    const broken = join(dir, 'no-other-broken.csv');
    writeFileSync(broken, drop(8).replace('一、本年新收政府信息公开申请数量,,,2,0,0,0,0,2', '一、本年新收政府信息公开申请数量,,,3,0,0,0,0,2'));
    expect((await checkFile(broken)).findings.map((f) => f.rule)).toContain('requests.balance');
  });

  it('reads the compact layout (one label cell, then the numbers) the same way', async () => {
    const report = await loadReport(fixture('layouts/compact.csv'));
    expect(report.data).toEqual(seedTables);
  });

  it('keeps the line and column of every value', async () => {
    const report = await loadReport(fixture('seed/xiangyang-jxj-2021.csv'));
    expect(report.sources.get('/requests/newReceived/total')).toEqual({ line: 23, column: 10 });
    expect(report.sources.get('/requests/results/unavailable/notHeld/natural')).toEqual({ line: 35, column: 4 });
    expect(report.sources.get('/appeals/litigationAfterReconsideration/total')).toEqual({ line: 53, column: 15 });
    expect(report.sources.get('/proactive/fees/amount')).toEqual({ line: 17, column: 2 });
  });

  const compact = readFileSync(fixture('layouts/compact.csv'), 'utf8');

  it('finds rows by label whatever their numbering style, width, spacing or script', () => {
    const variant = compact
      .replace('(一)予以公开', '（一）予以公开')
      .replace('二、上年结转政府信息公开申请数量', '二、 上年結轉政府信息公開申請數量')
      .replace('1.属于国家秘密', '１．属于国家秘密')
      .replace('5.属于三类内部事务信息', '5、属于三类内容事务信息')
      .replace('1.本机关不掌握相关政府信息,1,0,0,0,0,0,1', '1.本机关不掌握相关政府信息,１,0,0,0,0,0,1件');
    expect(variant).not.toBe(compact);
    const report = locate(readCsv(variant, 'x.csv'), 'x.csv');
    expect(report.data).toEqual(seedTables);
    expect(report.findings).toEqual([]);
  });

  it('reads an item\'s number in a cell of its own as part of the label, however it is written', () => {
    for (const number of ['1、', '(1)', '1)', '一', '?', 'a']) {
      const variant = compact.replace('2.其他法律行政法规禁止公开,', `(三)不予公开,${number},其他法律行政法规禁止公开,`);
      expect(variant, number).not.toBe(compact);
      const report = locate(readCsv(variant, 'x.csv'), 'x.csv');
      expect(report.data, number).toEqual(seedTables);
      expect(report.findings, number).toEqual([]);
    }
  });

  it('reports a row it does not know instead of guessing', () => {
    const lines = compact.split('\n');
    lines.splice(9, 0, '本年新增网站栏目,5,0,0,0,0,0,5');
    const report = locate(readCsv(lines.join('\n'), 'x.csv'), 'x.csv');
    expect(report.data).toEqual(seedTables);
    expect(report.findings).toMatchObject([{ rule: 'structure.unknown-row', severity: 'warning', location: { line: 10 } }]);
  });

  it('refuses a grid with no table of a report: as no report at all when 信息公开 is nowhere in it', () => {
    const refusal = (csv: string) => {
      try {
        locate(readCsv(csv, 'scores.csv'), 'scores.csv');
      } catch (error) {
        return { code: (error as InputError).code, message: (error as Error).message, zh: (error as InputError).text.zh };
      }
      throw new Error('located');
    };
    expect(refusal('name,score\nalice,3\n')).toEqual({
      code: NOT_A_REPORT,
      message: 'scores.csv: not a disclosure report (the words 信息公开 appear nowhere in it)',
      zh: 'scores.csv：不是信息公开年度报告（文中没有“信息公开”字样）',
    });
    expect(refusal('某某局2021年政府信息公开工作年度报告\nname,score\nalice,3\n')).toEqual({
      code: 'unrecognised',
      message: 'scores.csv: no table of a disclosure report found (no row such as “一、本年新收政府信息公开申请数量”)',
      zh: 'scores.csv：没有找到信息公开年度报告的表格（没有“一、本年新收政府信息公开申请数量”这样的行）',
    });
  });
});
