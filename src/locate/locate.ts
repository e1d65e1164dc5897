import type { Grid, GridCell, GridRow } from '../read/grid.js';
import { InputError, type Finding, type LocatedReport, type ReportData, type SourcePos } from '../model.js';
import { formatDef, labelOf, type FormatDef, type GroupDef, type RowDef, type RowMatch, type TableDef } from '../tables/index.js';
import { normalizeLabel, numberingOf } from './normalize.js';
import { parseCell, type ParsedCell } from './value.js';
import { setAt } from '../pointer.js';
import { titleOf } from './title.js';

/** Header cells that mark where a table's numbers start (the first column's label). */
const FIRST_COLUMN_WORDS = ['自然人', '本年制发', '本年新制作', '本年处理决定', '处理决定数量', '收费金额', '上一年项目数量', '采购项目数量', '结果维持'];

interface RowLabels {
  /** Normalised label cells, in order. */
  labels: string[];
  /** Index of the first cell after the last label cell. */
  end: number;
}

/** The leading run of a row that is text, not numbers: its labels. Blank cells inside are padding. */
function splitLabels(row: GridRow): RowLabels {
  const labels: string[] = [];
  let end = 0;
  for (let i = 0; i < row.cells.length; i++) {
    const text = row.cells[i]!.text;
    const parsed = parseCell(text);
    if (parsed.kind === 'blank' && !parsed.placeholder) continue;
    if (parsed.kind !== 'text') break;
    labels.push(normalizeLabel(text));
    end = i + 1;
  }
  return { labels, end };
}

const matchesWords = (label: string, match: RowMatch): boolean =>
  match.words.some((words) => words.length > 0 && words.every((word) => label.includes(word)));

/**
 * Grid → report. Tables and rows are found by their labels: a heading or a header row says which
 * table we are in, group labels (（三）不予公开) say which items follow, and each data row is matched
 * on key words, then on its numbering within the current group.
 */
export function locate(grid: Grid, file: string): LocatedReport {
  const format = formatDef('2021');
  const state = new Locator(format, file);
  for (const row of grid.rows) state.row(row);
  return state.finish();
}

class Locator {
  private table: TableDef | undefined;
  private group: GroupDef | undefined;
  /** Column index where the current table's numbers start, from its header row. */
  private anchor: number | undefined;
  private readonly data: ReportData = {};
  private readonly sources = new Map<string, SourcePos>();
  private readonly raw = new Map<string, string>();
  private readonly findings: Finding[] = [];
  private readonly seen = new Map<string, number>();
  /** Agency and year from the title, when a line before the tables is one. */
  private title: ReturnType<typeof titleOf>;
  private lineBefore = '';

  constructor(
    private readonly format: FormatDef,
    private readonly file: string,
  ) {}

  row(row: GridRow): void {
    const { labels, end } = splitLabels(row);
    const hasValues = row.cells.slice(end).some((c) => parseCell(c.text).kind !== 'blank' || c.text.trim() !== '');

    if (!hasValues) {
      if (!this.title && this.seen.size === 0) {
        const text = row.cells.map((c) => c.text).join('');
        this.title = titleOf(text, this.lineBefore);
        if (text.trim()) this.lineBefore = text;
      }
      this.headingOrGroup(row, labels);
      return;
    }
    if (labels.length === 0) {
      this.unlabelled(row);
      return;
    }
    // Group labels written inline before the first item: `三、本年度办理结果 | （一）予以公开 | 0 …`.
    for (const label of labels.slice(0, -1)) this.enterGroup(label);
    const label = labels[labels.length - 1]!;
    const def = this.matchRow(label);
    if (!def) {
      this.findings.push({
        rule: 'structure.unknown-row',
        severity: 'warning',
        message: {
          zh: `第 ${row.line} 行“${label}”不是官方表格中的行，已忽略`,
          en: `line ${row.line}: "${label}" is not a row of the official tables; ignored`,
        },
        cells: [],
        location: { line: row.line, column: row.cells[0]?.column ?? 1 },
        raw: label,
      });
      return;
    }
    this.record(def, row, end);
  }

  /** A row without numbers: a section heading, a table header, or a group label. */
  private headingOrGroup(row: GridRow, labels: string[]): void {
    const joined = labels.join('');
    for (const table of this.format.tables) {
      if (table.headingWords.some((words) => words.every((w) => joined.includes(w)))) {
        if (table !== this.table) {
          this.table = table;
          this.group = undefined;
          this.anchor = undefined;
        }
      }
    }
    const first = row.cells.findIndex((c) => FIRST_COLUMN_WORDS.some((w) => normalizeLabel(c.text).startsWith(w)));
    if (first >= 0) {
      this.anchor = first;
      return;
    }
    for (const label of labels) this.enterGroup(label);
  }

  private enterGroup(label: string): void {
    const tables = this.table ? [this.table] : this.format.tables;
    for (const table of tables) {
      const group = table.groups.find(
        (g) => (g.match.number && numberingOf(label) === g.match.number) || matchesWords(label, g.match),
      );
      if (group) {
        this.table = table;
        this.group = group;
        return;
      }
    }
  }

  /** The row a label names: key words first, then numbering within the current group. */
  private matchRow(label: string): RowDef | undefined {
    const number = numberingOf(label);
    let best: RowDef | undefined;
    let bestScore = 0;
    for (const table of this.format.tables) {
      for (const def of table.rows) {
        const byWords = matchesWords(label, def.match);
        const inGroup = def.group !== undefined && def.group === this.group;
        const byNumber = number !== '' && number === def.match.number;
        if (!byWords && !(byNumber && inGroup)) continue;
        if (byWords && number !== '' && def.match.number && number !== def.match.number && !/^\d/.test(number)) continue;
        let score = 1;
        if (table === this.table) score += 4;
        if (inGroup) score += 2;
        if (byNumber) score += 1;
        if (byWords) score += 2;
        if (score > bestScore) {
          best = def;
          bestScore = score;
        }
      }
    }
    if (best) {
      this.table = this.format.tables.find((t) => t.rows.includes(best!));
      if (best.group) this.group = best.group;
      else if (this.table?.id !== 'requests' || !best.pointer.startsWith('/requests/results')) this.group = undefined;
    }
    return best;
  }

  /** Takes a labelled row's numbers, using the header's column when the layout is a spreadsheet's. */
  private record(def: RowDef, row: GridRow, end: number): void {
    const n = def.columns.length;
    let cells: (GridCell | undefined)[];
    if (this.anchor !== undefined && end <= this.anchor && this.anchor < row.cells.length) {
      cells = row.cells.slice(this.anchor, this.anchor + n);
    } else {
      cells = row.cells.slice(end);
      const blank = (c: GridCell | undefined) => !c || c.text.trim() === '';
      while (cells.length > n && blank(cells[0])) cells.shift();
      while (cells.length > n && blank(cells[cells.length - 1])) cells.pop();
      if (cells.length > n) {
        this.findings.push({
          rule: 'structure.extra-cells',
          severity: 'error',
          message: {
            zh: `第 ${row.line} 行“${labelOf(this.format, def.pointer).zh}”有 ${cells.length} 个数值，应为 ${n} 个`,
            en: `line ${row.line}: "${labelOf(this.format, def.pointer).en}" has ${cells.length} numbers; the template has ${n}`,
          },
          cells: [def.pointer],
          location: { line: row.line, column: cells[n]!.column },
        });
        cells = cells.slice(0, n);
      }
    }
    if (this.seen.has(def.pointer)) {
      this.findings.push({
        rule: 'structure.duplicate-row',
        severity: 'error',
        message: {
          zh: `“${def.label.zh}”出现两次（第 ${this.seen.get(def.pointer)} 行和第 ${row.line} 行），采用第一次`,
          en: `"${def.label.en}" appears twice (lines ${this.seen.get(def.pointer)} and ${row.line}); the first is used`,
        },
        cells: [def.pointer],
        location: { line: row.line, column: row.cells[0]?.column ?? 1 },
      });
      return;
    }
    this.seen.set(def.pointer, row.line);
    const lastColumn = row.cells[row.cells.length - 1]?.column ?? 0;
    def.columns.forEach((column, i) => {
      const pointer = `${def.pointer}/${column.key}`;
      const cell = cells[i];
      const position: SourcePos = cell
        ? { line: cell.line, column: cell.column, ...(cell.ref ? { ref: cell.ref } : {}) }
        : { line: row.line, column: lastColumn + 1 + (i - cells.length) };
      this.sources.set(pointer, position);
      this.put(pointer, parseCell(cell?.text ?? '', column.kind), cell?.text ?? '', position);
    });
  }

  private put(pointer: string, parsed: ParsedCell, text: string, position: SourcePos): void {
    this.raw.set(pointer, text);
    if (parsed.kind === 'number') {
      setAt(this.data, pointer, parsed.value);
      if (parsed.note === 'yuan') {
        const label = labelOf(this.format, pointer);
        this.findings.push({
          rule: 'value.unit-converted',
          severity: 'warning',
          message: {
            zh: `${label.zh}写作“${text.trim()}”（元），已换算为 ${parsed.value} 万元`,
            en: `${label.en} is written "${text.trim()}" (yuan); read as ${parsed.value} (10,000 yuan)`,
          },
          cells: [pointer],
          actual: parsed.value,
          location: position,
          raw: text,
        });
      }
    } else if (parsed.kind === 'blank') {
      setAt(this.data, pointer, null);
    } else {
      // Kept as text: the schema reports it as a value finding quoting what was written.
      setAt(this.data, pointer, text.trim());
    }
  }

  /** A row of numbers with no label: table 四's single row of 15, taken by position. */
  private unlabelled(row: GridRow): void {
    const appeals = this.format.tables.find((t) => t.id === 'appeals')!;
    const numbers = row.cells.slice(0);
    while (numbers.length > 15 && numbers[numbers.length - 1]!.text.trim() === '') numbers.pop();
    if (this.table === appeals && numbers.length === 15) {
      let i = 0;
      for (const def of appeals.rows) {
        if (this.seen.has(def.pointer)) continue;
        this.seen.set(def.pointer, row.line);
        for (const column of def.columns) {
          const cell = numbers[i++]!;
          const pointer = `${def.pointer}/${column.key}`;
          const position = { line: cell.line, column: cell.column, ...(cell.ref ? { ref: cell.ref } : {}) };
          this.sources.set(pointer, position);
          this.put(pointer, parseCell(cell.text, column.kind), cell.text, position);
        }
      }
      return;
    }
    this.findings.push({
      rule: 'structure.unknown-row',
      severity: 'warning',
      message: {
        zh: `第 ${row.line} 行有数字但没有行名，已忽略`,
        en: `line ${row.line} has numbers but no row label; ignored`,
      },
      cells: [],
      location: { line: row.line, column: row.cells[0]?.column ?? 1 },
    });
  }

  finish(): LocatedReport {
    if (this.seen.size === 0)
      throw new InputError(
        'unrecognised',
        `${this.file}: no table of a disclosure report found (no row such as “一、本年新收政府信息公开申请数量”)`,
      );
    return {
      data: { format: this.format.version, ...(this.title?.agency ? { agency: this.title.agency } : {}), ...(this.title ? { year: this.title.year } : {}), ...this.data },
      format: this.format.version,
      sources: this.sources,
      raw: this.raw,
      findings: this.findings,
    };
  }
}
