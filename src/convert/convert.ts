/**
 * A located report → the canonical JSON or the spreadsheet CSV, so that a published report's data
 * can be taken out of its page. Both layouts derive from the table definition; the CSV is the layout
 * of the seed spreadsheet export (a title line, then each table under its heading).
 */
import { locatedReport, type LocatedReport } from '../model.js';
import { getAt, setAt } from '../pointer.js';
import { APPLICANT_COLUMNS, BALANCE_NOTE, formatDef, type FormatDef, type RowDef, type TableDef } from '../tables/index.js';

export type ConvertTarget = 'json' | 'csv';

export function convert(report: LocatedReport, to: ConvertTarget): string {
  return to === 'json' ? toJson(report) : toCsv(report);
}

/** A report of the format with every cell 0: what `init` writes, and what passes the checker. */
export function blankReport(format: FormatDef): LocatedReport {
  const data: Record<string, unknown> = { format: format.version };
  for (const table of format.tables) for (const row of table.rows) for (const c of row.columns) setAt(data, `${row.pointer}/${c.key}`, 0);
  return locatedReport({ data, format: format.version, sources: new Map(), raw: new Map(), findings: [] });
}

/** The rows a report has, in template order: a group written as one row stands where its items would. */
function rowsOf(report: LocatedReport, table: TableDef): RowDef[] {
  const out: RowDef[] = [];
  const single = new Set(report.singleRowGroups ?? []);
  for (const row of table.rows) {
    if (row.group && single.has(row.group.pointer)) {
      if (!out.some((r) => r.pointer === row.group!.pointer)) {
        const parent = table.groups.find((g) => row.group!.pointer.startsWith(`${g.pointer}/`));
        out.push({ pointer: row.group.pointer, label: row.group.label, columns: row.columns, match: row.group.match, ...(parent ? { group: parent } : {}) });
      }
      continue;
    }
    out.push(row);
  }
  return out;
}

/** The canonical JSON, keys in template order, one row per line as in the seed report. */
export function toJson(report: LocatedReport): string {
  const format = formatDef(report.format);
  const out: Record<string, unknown> = { format: format.version };
  for (const key of ['agency', 'year']) if (report.data[key] !== undefined) out[key] = report.data[key];
  for (const table of format.tables)
    for (const row of rowsOf(report, table))
      for (const column of row.columns) {
        const value = getAt(report.data, `${row.pointer}/${column.key}`);
        if (value !== undefined) setAt(out, `${row.pointer}/${column.key}`, value);
      }
  return `${serialize(out, '')}\n`;
}

function serialize(value: unknown, indent: string): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return '{}';
  if (entries.every(([, v]) => v === null || typeof v !== 'object'))
    return `{ ${entries.map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(', ')} }`;
  const inner = `${indent}  `;
  return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${serialize(v, inner)}`).join(',\n')}\n${indent}}`;
}

const field = (value: unknown): string => {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};
const line = (cells: unknown[]) => cells.map(field).join(',');


/** The spreadsheet CSV of the seed export: the template's layout, each cell in its place. */
export function toCsv(report: LocatedReport): string {
  const format = formatDef(report.format);
  const agency = typeof report.data.agency === 'string' ? report.data.agency : '（机关名称）';
  const year = typeof report.data.year === 'number' ? `${report.data.year}年` : '';
  const out: string[] = [line([`${agency}${year}政府信息公开工作年度报告`])];
  for (const table of format.tables) {
    if (!table.rows.some((r) => present(report, r))) continue;
    out.push('', line([table.label.zh]));
    if (table.id === 'proactive') out.push(...proactiveCsv(report, table));
    else if (table.id === 'requests') out.push(...requestsCsv(report, table));
    else out.push(...appealsCsv(report, table));
  }
  return `${out.join('\n')}\n`;
}

const valuesOf = (report: LocatedReport, row: RowDef) => row.columns.map((c) => getAt(report.data, `${row.pointer}/${c.key}`));

/** Rows the report does not have are left out, so that reading the CSV finds them missing again. */
const present = (report: LocatedReport, row: RowDef) => getAt(report.data, row.pointer) !== undefined;

function proactiveCsv(report: LocatedReport, table: TableDef): string[] {
  const out: string[] = [];
  let section: string | undefined;
  let columns: RowDef['columns'] | undefined;
  for (const row of table.rows.filter((r) => present(report, r))) {
    if (row.section !== section) {
      section = row.section;
      if (section) out.push(line([section]));
      columns = undefined;
    }
    if (row.columns !== columns) {
      columns = row.columns;
      out.push(line(['信息内容', ...row.columns.map((c) => c.label.zh)]));
    }
    out.push(line([row.label.zh, ...valuesOf(report, row)]));
  }
  return out;
}

function requestsCsv(report: LocatedReport, table: TableDef): string[] {
  const applicants = APPLICANT_COLUMNS.map((c) => c.label.zh);
  const legal = applicants.slice(1, -1);
  const out = [
    line([BALANCE_NOTE, '', '', '申请人情况', ...Array(applicants.length - 1).fill('')]),
    line(['', '', '', applicants[0], '法人或其他组织', ...Array(legal.length - 1).fill(''), applicants[applicants.length - 1]]),
    line(['', '', '', '', ...legal, '']),
  ];
  const results = table.groups.find((g) => g.pointer === '/requests/results');
  let resultsStarted = false;
  const groupsStarted = new Set<string>();
  for (const row of rowsOf(report, table).filter((r) => present(report, r))) {
    const labels: string[] = ['', '', ''];
    if (!row.group) labels[0] = row.label.zh;
    else if (row.group === results) {
      if (!resultsStarted) labels[0] = results.label.zh;
      labels[1] = row.label.zh;
    } else {
      if (!groupsStarted.has(row.group.pointer)) labels[1] = row.group.label.zh;
      groupsStarted.add(row.group.pointer);
      labels[2] = row.label.zh;
    }
    if (row.group) resultsStarted = true;
    out.push(line([...labels, ...valuesOf(report, row)]));
  }
  return out;
}

function appealsCsv(report: LocatedReport, table: TableDef): string[] {
  const [first, ...litigation] = table.rows;
  const width = table.rows.reduce((n, r) => n + r.columns.length, 0);
  const top = Array<string>(width).fill('');
  const sub = Array<string>(width).fill('');
  top[0] = first!.label.zh;
  let at = first!.columns.length;
  top[at] = litigation[0]!.label.zh.split(' · ')[0]!;
  for (const row of litigation) {
    sub[at] = row.label.zh.split(' · ').pop()!;
    at += row.columns.length;
  }
  const header = [line(top), line(sub), line(table.rows.flatMap((r) => r.columns.map((c) => c.label.zh)))];
  return table.rows.every((r) => present(report, r)) ? [...header, line(table.rows.flatMap((r) => valuesOf(report, r)))] : header;
}
