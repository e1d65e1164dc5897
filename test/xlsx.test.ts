import { describe, expect, it } from 'vitest';
import { cli as runCli } from './helpers/cli.js';
import { readInput } from '../src/read/index.js';
import { columnName } from '../src/read/xlsx.js';
import { loadReport } from '../src/pipeline.js';

const cli = (...args: string[]) => runCli(args);

describe('XLSX input', () => {
  it('the seed as .xlsx passes', () => {
    const run = cli('--lang', 'en', '--no-color', 'fixtures/xlsx/xiangyang-jxj-2021.xlsx');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('✔ fixtures/xlsx/xiangyang-jxj-2021.xlsx  passed (2021)');
    expect(run.stderr).toBe('');
  });

  it('reads the same report as the CSV it was made from, from the first sheet that holds the tables', async () => {
    const fromXlsx = await loadReport('fixtures/xlsx/xiangyang-jxj-2021.xlsx');
    const fromCsv = await loadReport('fixtures/seed/xiangyang-jxj-2021.csv');
    expect(fromXlsx.data).toEqual(fromCsv.data);
    // sheet 1 is a cover page; the tables are on sheet 2, at the CSV's rows and columns
    expect(fromXlsx.sources.get('/requests/newReceived/total')).toEqual({ line: 23, column: 10, ref: 'J23' });
  });

  it('keeps each cell’s spreadsheet reference in the grid', async () => {
    const input = await readInput('fixtures/xlsx/xiangyang-jxj-2021.xlsx');
    expect(input.kind).toBe('grid');
    if (input.kind !== 'grid') return;
    const row = input.grid.rows[22]!;
    expect(row.cells[0]).toEqual({ text: '一、本年新收政府信息公开申请数量', line: 23, column: 1, ref: 'A23' });
    expect(row.cells[9]).toEqual({ text: '2', line: 23, column: 10, ref: 'J23' });
  });

  it('names cells by reference in findings and suggestions', () => {
    const run = cli('--lang', 'en', '--no-color', 'fixtures/xlsx/new-received-natural.xlsx');
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^ {2}J23 {2}error {4}total must equal the sum of the applicant columns/m);
    expect(run.stdout).toMatch(/^ {2}D47 {2}error {4}I \+ II must equal III\(7\) \+ IV/m);
    expect(run.stdout).toContain('  D23  hint     most likely wrong: I. new requests received this year · natural persons is 3, should be 2');
    const json = JSON.parse(cli('-f', 'json', 'fixtures/xlsx/new-received-natural.xlsx').stdout);
    expect(json.results[0].findings[0].location).toEqual({ line: 23, column: 10, ref: 'J23' });
    expect(json.results[0].suggestions[0].changes[0].location).toEqual({ line: 23, column: 4, ref: 'D23' });
  });

  it('a file that is not a workbook is an input error naming the file (exit 2)', () => {
    const run = cli('fixtures/xlsx/not-a-workbook.xlsx');
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^disclosure-check: fixtures\/xlsx\/not-a-workbook\.xlsx: not a readable XLSX workbook \(.+\)\n$/);
  });

  it('a workbook without the tables says which sheets it looked at (exit 2)', () => {
    const run = cli('fixtures/xlsx/cover-only.xlsx');
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      'disclosure-check: fixtures/xlsx/cover-only.xlsx: no sheet of the workbook holds the tables of a disclosure report (sheets: Sheet1)\n',
    );
  });

  it('directories include workbooks', () => {
    const run = cli('-f', 'json', 'fixtures/xlsx');
    const files = JSON.parse(run.stdout).results.map((r: { file: string }) => r.file);
    expect(files).toEqual([
      'fixtures/xlsx/cover-only.xlsx',
      'fixtures/xlsx/new-received-natural.xlsx',
      'fixtures/xlsx/not-a-workbook.xlsx',
      'fixtures/xlsx/xiangyang-jxj-2021.xlsx',
    ]);
  });

  it('names columns as spreadsheets do', () => {
    expect([0, 9, 25, 26, 51, 701, 702].map(columnName)).toEqual(['A', 'J', 'Z', 'AA', 'AZ', 'ZZ', 'AAA']);
  });
});
