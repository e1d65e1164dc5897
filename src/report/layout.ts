/**
 * The official tables laid out as the template draws them (merged cells and all), derived from the
 * table definition, for the html formatter.
 */
import { BALANCE_NOTE, type FormatDef, type RowDef, type TableDef } from '../tables/index.js';

/** One cell of the drawn table: a label, or the value cell of a pointer. */
export interface LayoutCell {
  text?: string;
  /** The value cell of this JSON Pointer. */
  pointer?: string;
  /** The label cell of this row pointer (so that findings about a whole row can mark it). */
  row?: string;
  header?: boolean;
  colspan?: number;
  rowspan?: number;
}

/** A row of the drawn table; `title` rows are one line of text above a block (第二十条第（一）项). */
export interface LayoutRow {
  title?: string;
  cells: LayoutCell[];
}

export interface LayoutTable {
  id: string;
  heading: string;
  /** Blocks drawn as separate tables, one after the other (table 二 has four). */
  blocks: LayoutRow[][];
}

export function layout(format: FormatDef): LayoutTable[] {
  return format.tables.map((table) => ({
    id: table.id,
    heading: table.label.zh,
    blocks: table.id === 'requests' ? [requestsLayout(table)] : table.id === 'appeals' ? [appealsLayout(table)] : proactiveLayout(table),
  }));
}

const valueCells = (row: RowDef): LayoutCell[] => row.columns.map((c) => ({ pointer: `${row.pointer}/${c.key}` }));

/** Table 二: blocks of `信息内容 | columns…` under a 第二十条 heading; a new block where the columns change. */
function proactiveLayout(table: TableDef): LayoutRow[][] {
  const blocks: LayoutRow[][] = [];
  let previous: RowDef | undefined;
  for (const row of table.rows) {
    const heading = row.section !== previous?.section ? row.section : undefined;
    if (!previous || heading || previous.columns !== row.columns) {
      const block: LayoutRow[] = [];
      if (heading) block.push({ title: heading, cells: [] });
      block.push({ cells: [{ text: '信息内容', header: true }, ...row.columns.map((c) => ({ text: c.label.zh, header: true }))] });
      blocks.push(block);
    }
    blocks[blocks.length - 1]!.push({ cells: [{ text: row.label.zh, row: row.pointer }, ...valueCells(row)] });
    previous = row;
  }
  return blocks;
}

/** Table 三: three label columns (result, group, item), then 自然人 | 法人或其他组织 ×5 | 总计. */
function requestsLayout(table: TableDef): LayoutRow[] {
  const columns = table.rows[0]!.columns;
  const middle = columns.slice(1, -1);
  const rows: LayoutRow[] = [
    { cells: [{ text: BALANCE_NOTE, header: true, colspan: 3, rowspan: 3 }, { text: '申请人情况', header: true, colspan: columns.length }] },
    {
      cells: [
        { text: columns[0]!.label.zh, header: true, rowspan: 2 },
        { text: '法人或其他组织', header: true, colspan: middle.length },
        { text: columns[columns.length - 1]!.label.zh, header: true, rowspan: 2 },
      ],
    },
    { cells: middle.map((c) => ({ text: c.label.zh, header: true })) },
  ];
  const parentOf = (pointer: string) => table.groups.find((g) => pointer.startsWith(`${g.pointer}/`));
  const seen = new Set<string>();
  for (const row of table.rows) {
    const cells: LayoutCell[] = [];
    const group = row.group;
    const outer = group ? (parentOf(group.pointer) ?? group) : undefined;
    if (!group || !outer) cells.push({ text: row.label.zh, row: row.pointer, colspan: 3 });
    else {
      if (!seen.has(outer.pointer)) {
        seen.add(outer.pointer);
        const span = table.rows.filter((r) => r.pointer.startsWith(`${outer.pointer}/`)).length;
        cells.push({ text: outer.label.zh, rowspan: span });
      }
      if (outer === group) cells.push({ text: row.label.zh, row: row.pointer, colspan: 2 });
      else {
        if (!seen.has(group.pointer)) {
          seen.add(group.pointer);
          cells.push({ text: group.label.zh, rowspan: table.rows.filter((r) => r.group === group).length });
        }
        cells.push({ text: row.label.zh, row: row.pointer });
      }
    }
    rows.push({ cells: [...cells, ...valueCells(row)] });
  }
  return rows;
}

/** Table 四: its rows are drawn side by side: 行政复议 | 行政诉讼 (未经复议直接起诉 | 复议后起诉), one row of values. */
function appealsLayout(table: TableDef): LayoutRow[] {
  const parts = table.rows.map((row) => {
    const [top, sub] = row.label.zh.split(' · ') as [string, string | undefined];
    return { row, top, sub };
  });
  const top: LayoutCell[] = [];
  const second: LayoutCell[] = [];
  for (let i = 0; i < parts.length; ) {
    const { top: name, sub } = parts[i]!;
    let j = i;
    let width = 0;
    while (j < parts.length && parts[j]!.top === name) width += parts[j++]!.row.columns.length;
    top.push({ text: name, header: true, colspan: width, ...(sub ? {} : { rowspan: 2 }) });
    for (const part of parts.slice(i, j)) if (part.sub) second.push({ text: part.sub, header: true, colspan: part.row.columns.length });
    i = j;
  }
  return [
    { cells: top },
    { cells: second },
    { cells: table.rows.flatMap((r) => r.columns.map((c) => ({ text: c.label.zh, header: true }))) },
    { cells: table.rows.flatMap(valueCells) },
  ];
}
