import { parse } from 'csv-parse/sync';
import { InputError } from '../model.js';
import type { Grid, GridRow } from './grid.js';

/** Spreadsheet exports come comma-, semicolon- or tab-separated; the first lines tell which. */
function sniffDelimiter(text: string): string {
  const head = text.slice(0, 2000);
  const count = (d: string) => head.split(d).length - 1;
  const candidates = [',', '\t', ';'].map((d) => [d, count(d)] as const);
  candidates.sort((a, b) => b[1] - a[1]);
  return candidates[0]![1] > 0 ? candidates[0]![0] : ',';
}

export function readCsv(text: string, file: string): Grid {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      delimiter: sniffDelimiter(text),
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      info: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    const e = error as { code?: string; lines?: number; message?: string };
    const where = e.lines ? `line ${e.lines}` : 'somewhere';
    const what = e.code === 'CSV_QUOTE_NOT_CLOSED' ? 'a quoted field is never closed' : (e.message ?? 'malformed CSV');
    throw new InputError('csv', `${file}: ${where}: ${what}`);
  }
  const rows: GridRow[] = [];
  let previousEnd = 0;
  for (const { record, info } of records) {
    const line = previousEnd + 1;
    previousEnd = info.lines;
    rows.push({ line, cells: record.map((text, i) => ({ text, line, column: i + 1 })) });
  }
  return { rows };
}
