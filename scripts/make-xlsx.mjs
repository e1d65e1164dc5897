// Writes a CSV report as an XLSX workbook, the way a spreadsheet user would keep it: a cover sheet
// first (no tables), then the tables in the CSV's layout, numbers as numbers. Used to make the XLSX
// fixtures: node scripts/make-xlsx.mjs fixtures/seed/xiangyang-jxj-2021.csv fixtures/xlsx/xiangyang-jxj-2021.xlsx
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import writeExcelFile from 'write-excel-file/node';

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error('usage: node scripts/make-xlsx.mjs <report.csv> <out.xlsx>');
  process.exit(2);
}
const rows = parse(readFileSync(input, 'utf8'), { relax_column_count: true, skip_empty_lines: false });
const cell = (text) => (text === '' ? null : /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text);
const tables = rows.map((row) => row.map(cell));
const cover = [['政府信息公开工作年度报告'], ['本工作簿第二张工作表为报告表格。']];
await writeExcelFile([
  { sheet: '说明', data: cover },
  { sheet: '报表', data: tables },
]).toFile(output);
console.log(`wrote ${output}`);
