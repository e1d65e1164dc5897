/**
 * XLSX workbooks (read-excel-file, loaded only for .xlsx). The first sheet that holds the tables
 * becomes the same Grid the CSV reader makes, each cell keeping its spreadsheet reference (`J23`) so
 * that findings point where a person looks in Excel or WPS.
 */
import readXlsxFile from 'read-excel-file/node';
import { InputError } from '../model.js';
import type { Grid, GridRow } from './grid.js';

/** Words only a sheet holding the report's tables has (a cover or notes sheet does not). */
const TABLE_WORDS = ['本年新收', '上年结转', '主动公开政府信息', '行政复议'];

/** 0 → A, 25 → Z, 26 → AA. */
export function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

type Value = string | number | boolean | Date | null;

export async function readXlsx(bytes: Uint8Array, file: string): Promise<Grid> {
  let sheets: { sheet: string; data: Value[][] }[];
  try {
    // Numbers as written in the file, so that 0.1 stays "0.1" and the locator reads them like CSV text.
    sheets = (await readXlsxFile(Buffer.from(bytes), { parseNumber: (text: string) => text, trim: false })) as typeof sheets;
  } catch (error) {
    const why = error instanceof Error && error.message ? error.message.split('\n')[0] : 'unknown error';
    throw new InputError('xlsx', `${file}: not a readable XLSX workbook (${why})`);
  }
  const holdsTables = (data: Value[][]) => data.some((row) => row.some((v) => typeof v === 'string' && TABLE_WORDS.some((w) => v.includes(w))));
  const chosen = sheets.find((s) => holdsTables(s.data));
  if (!chosen)
    throw new InputError(
      'unrecognised',
      `${file}: no sheet of the workbook holds the tables of a disclosure report (sheets: ${sheets.map((s) => s.sheet).join(', ') || 'none'})`,
    );
  const rows: GridRow[] = chosen.data.map((values, r) => ({
    line: r + 1,
    cells: values.map((value, c) => ({ text: textOf(value), line: r + 1, column: c + 1, ref: `${columnName(c)}${r + 1}` })),
  }));
  return { rows };
}

function textOf(value: Value): string {
  if (value === null) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value);
}
