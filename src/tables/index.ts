import { FORMAT_2021 } from './format2021.js';
import { FORMAT_2019 } from './format2019.js';
import type { ColumnDef, FormatDef, FormatVersion, RowDef, TableDef, Text } from './types.js';
import { oncePer } from '../once.js';

export * from './types.js';
export { APPLICANT_COLUMNS, BALANCE_NOTE } from './format2021.js';
export { VERSION_WORDS } from './format2019.js';

const FORMATS: Record<string, FormatDef> = { '2021': FORMAT_2021, '2019': FORMAT_2019 };

/** Every defined format version. */
export const FORMAT_VERSIONS = Object.keys(FORMATS) as FormatVersion[];

export function formatDef(version: FormatVersion = '2021'): FormatDef {
  const def = FORMATS[version];
  if (!def) throw new Error(`format ${version} is not defined`);
  return def;
}

export interface CellDef {
  pointer: string;
  table: TableDef;
  row: RowDef;
  column: ColumnDef;
}

/** Every cell of a format, keyed by JSON Pointer, in template order. */
export const cells = oncePer((format: FormatDef): Map<string, CellDef> => {
  const index = new Map<string, CellDef>();
  for (const table of format.tables)
    for (const row of table.rows)
      for (const column of row.columns) {
        const pointer = `${row.pointer}/${column.key}`;
        index.set(pointer, { pointer, table, row, column });
      }
  return index;
});

/** The words a person reads for a cell or a row: `一、本年新收政府信息公开申请数量 · 总计`. */
export function labelOf(format: FormatDef, pointer: string): Text {
  const cell = cells(format).get(pointer);
  if (cell) {
    const groupZh = cell.row.group && cell.row.group.pointer !== '/requests/results' ? `${cell.row.group.label.zh} ` : '';
    const groupEn = cell.row.group && cell.row.group.pointer !== '/requests/results' ? `${cell.row.group.label.en} ` : '';
    return {
      zh: `${groupZh}${cell.row.label.zh} · ${cell.column.label.zh}`,
      en: `${groupEn}${cell.row.label.en} · ${cell.column.label.en}`,
    };
  }
  for (const table of format.tables) {
    const row = table.rows.find((r) => r.pointer === pointer);
    if (row) return row.label;
    const group = table.groups.find((g) => g.pointer === pointer);
    if (group) return group.label;
    if (`/${table.id}` === pointer) return table.label;
  }
  // A row laid out as the other version has it (a 2021 report's single-row （六）): its words.
  for (const other of Object.values(FORMATS))
    if (other !== format && (cells(other).has(pointer) || other.tables.some((t) => t.rows.some((r) => r.pointer === pointer))))
      return labelOf(other, pointer);
  return { zh: pointer, en: pointer };
}

/** A label without its gloss: `（二）部分公开（区分处理的，…）` → `（二）部分公开`. */
export const withoutGloss = (label: string): string => label.replace(/（(?:区分|单位).*$/, '');

/** A short name for a row in formulas: `一`, `（七）总计`, `（三）1` (`I`, `(7) total`, `(3)1`). */
export function shortRowLabel(format: FormatDef, rowPointer: string): Text {
  for (const table of format.tables) {
    const row = table.rows.find((r) => r.pointer === rowPointer);
    if (!row) continue;
    if (table.id !== 'requests') return row.label;
    const number = row.match.number ?? '';
    const group = row.group && row.group.pointer !== '/requests/results' ? row.group : undefined;
    if (group) {
      const item = number.replace('.', '');
      return { zh: `${group.label.zh.slice(0, 3)}${item}`, en: `${group.label.en.split(' ')[0]}${item}` };
    }
    if (row.group) return { zh: withoutGloss(row.label.zh), en: row.label.en };
    return { zh: number.replace('、', ''), en: row.label.en.split('.')[0]! };
  }
  for (const other of Object.values(FORMATS))
    if (other !== format && other.tables.some((t) => t.rows.some((r) => r.pointer === rowPointer))) return shortRowLabel(other, rowPointer);
  // A group written as one row (a single-row （三）不予公开): the group's label.
  const group = format.tables.flatMap((t) => t.groups).find((g) => g.pointer === rowPointer);
  if (group) return { zh: withoutGloss(group.label.zh), en: group.label.en };
  return { zh: rowPointer, en: rowPointer };
}
