import type { Grid, GridCell, GridRow } from '../read/grid.js';
import { InputError, NOT_A_REPORT, REPORT_WORDS, locatedReport, mentionsReport, type Finding, type LocatedReport, type ReportData, type SourcePos } from '../model.js';
import {
  formatDef,
  labelOf,
  VERSION_WORDS,
  withoutGloss,
  type ColumnDef,
  type FormatDef,
  type FormatVersion,
  type GroupDef,
  type RowDef,
  type RowMatch,
  type TableDef,
} from '../tables/index.js';
import { normalizeLabel, numberingOf } from './normalize.js';
import { parseCell, type ParsedCell } from './value.js';
import { getAt, setAt } from '../pointer.js';
import { DeferredMap } from '../lazy-map.js';
import { oncePer } from '../once.js';
import { titleOf } from './title.js';

/** Header cells that mark where a table's numbers start (the first column's label). */
const FIRST_COLUMN_WORDS = ['自然人', '本年制发', '本年新制作', '本年处理决定', '处理决定数量', '收费金额', '上一年项目数量', '采购项目数量', '结果维持'];

/** Where the header named a row's columns (`Locator.namedLayout`): cell indexes, those it lacks, the first and last. */
interface NamedLayout {
  at: (number | undefined)[];
  known: number[];
  missing: string[];
  first: number;
  final: number;
}

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
    // A placeholder before the first label (`/ | （二）部分公开 | …`, a merged label cell exported as `/`).
    if (parsed.kind === 'blank' && labels.length === 0 && labelAfter(row, i + 1)) continue;
    // A 序号 column: a row's number in its first cell, before its label.
    if (i === 0 && parsed.kind === 'number' && /^\s*\d{1,3}\s*$/.test(text) && labelAfter(row, 1)) continue;
    if (parsed.kind !== 'text') break;
    // Labels are words: after the first, a cell of no Chinese (`1e5`, `NaN`, 400 nines) or of
    // Chinese numerals only (`二`, `十二件`) is a value that is not a number, for a value finding at
    // its place, unless a label follows it: then it is an item's number in a cell of its own (`1、`).
    if (labels.length > 0 && !isWords(text) && !labelAfter(row, i + 1)) break;
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
  const format = formatDef(detectVersion(grid));
  const state = new Locator(format, file, grid.loose === true);
  for (const row of grid.rows) state.row(row);
  if (!state.foundAny() && !mentionsReport([...textsOf(grid)]))
    throw new InputError(NOT_A_REPORT, {
      zh: `${file}：不是信息公开年度报告（文中没有“${REPORT_WORDS}”字样）`,
      en: `${file}: not a disclosure report (the words ${REPORT_WORDS} appear nowhere in it)`,
    });
  const report = state.finish();
  if (grid.prose) report.prose = grid.prose;
  return report;
}

/** Every cell's and line's text of a grid, in reading order. */
function* textsOf(grid: Grid): Generator<string> {
  for (const row of grid.rows) for (const cell of row.cells) yield cell.text;
  for (const line of grid.prose ?? []) yield line.text;
}

/** A number written in Chinese numerals (`二`, `十二件`). */
const CHINESE_NUMBER = /^[一二三四五六七八九十百千万零〇两]+[件个条项]?$/;

/** Text that is words, as a label is: some Chinese, and not a number in Chinese numerals. */
const isWords = (text: string): boolean => hasWords(text) && !CHINESE_NUMBER.test(text.trim());

/** Whether a cell from `from` on is a label's words (the rest of a row whose number stood alone). */
function labelAfter(row: GridRow, from: number): boolean {
  for (let i = from; i < row.cells.length; i++) {
    const text = row.cells[i]!.text;
    if (parseCell(text).kind === 'text' && isWords(text)) return true;
  }
  return false;
}

/** Whether a cell has Chinese words (numbers, blanks and placeholders say nothing of the version). */
function hasWords(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 0x3400) return true;
  return false;
}

const count = (text: string, word: string): number => {
  let n = 0;
  for (let i = text.indexOf(word); i !== -1; i = text.indexOf(word, i + word.length)) n++;
  return n;
};

/**
 * The format version, from the labels (never the year: some 2022 reports use the 2019 tables).
 * Table 二's column headers differ between the versions; without a table 二, a （六）其他处理 row
 * with numbers of its own and no items under it is the 2019 layout.
 */
export function detectVersion(grid: Grid): FormatVersion {
  // The words of the table lines, normalised, in one string: prose may name anything, so only
  // table lines (or a table run together into one line) count.
  const words: string[] = [];
  const otherRows: GridRow[] = [];
  for (const row of grid.rows) {
    if (row.text && !/信\s*息\s*内\s*容/.test(row.cells[0]?.text ?? '')) continue;
    let other = false;
    for (const cell of row.cells)
      if (hasWords(cell.text)) {
        const label = normalizeLabel(cell.text);
        words.push(label);
        if (label.includes('其他处理')) other = true;
      }
    if (other) otherRows.push(row);
  }
  const all = words.join('|');
  const score = (version: FormatVersion) => VERSION_WORDS[version].reduce((n, word) => n + count(all, word), 0);
  const [old, current] = [score('2019'), score('2021')];
  if (old !== current) return old > current ? '2019' : '2021';
  // No table 二 to tell: a （六）其他处理 row with numbers of its own and no items is the 2019 layout.
  const otherItems = /不补正|缴纳费用|收费通知/.test(all);
  const singleOther = otherRows.some((row) => {
    const { labels, end } = splitLabels(row);
    return labels.length > 0 && labels[labels.length - 1]!.includes('其他处理') && row.cells.slice(end).some((c) => parseCell(c.text).kind === 'number');
  });
  return singleOther && !otherItems ? '2019' : '2021';
}

/** A cell with nothing written in it, or none at all (past a row's end). */
const emptyCell = (c: GridCell | undefined): boolean => !c || c.text.trim() === '';

/**
 * A cell before a row's numbers that may be padding: empty, or a placeholder (`/`, a merged label
 * cell exported as such). After the numbers, a placeholder is a value (`…,0,0,/`: 总计 blank).
 */
const padCell = (c: GridCell | undefined): boolean => !c || parseCell(c.text).kind === 'blank';

/**
 * A row's cells after its labels, without the padding around its numbers: the empty cells a line
 * ends with (`| 2 | ||`), merged label cells before the numbers (`,,2,0`, or `/,2,0`). With padding
 * on one side only, one reading. In a grid whose columns are aligned, a column `certain` from a row
 * above that had one reading is taken next, as a header's column is (`column`, its index in
 * `after`): with small counts and a blank 总计, a reading a column off adds up by chance
 * (`,,,0,0,0,1,0,1,`: 其他 1 as the 总计); a row shorter than the table is read there too
 * (`,（一）予以公开,,1,0,0,0,0,0`: its 总计 cell not written, not 自然人 blank). Else, when both
 * sides are padding (`|  | 2 | … | 2 | ||`: 自然人 blank, or 总计?), the reading whose 总计 is the
 * sum of the row; else the column a row above suggested (`,（二）部分公开,,,7,,,,,,,,` in a CSV
 * padded to 15 columns); in text, whose cells do not line up, the reading with as many cells
 * before its numbers as those rows (`leads`: where they start in the row and after its labels,
 * when both say the same); else the padding goes first. `how` the reading was found, for the rows
 * below: `one` reading only (padding on one side), a `short` row's one reading, numbers that `span`
 * the row's width between padding on both sides, or the only reading that `adds` up (a sum of three
 * numbers or more); undefined when the column, a guess or a sum that may be chance decided.
 */
function alignedCells(
  def: RowDef,
  after: GridCell[],
  lead?: { column: number; certain: boolean } | { leads: number[] },
): { cells: GridCell[]; how?: 'one' | 'short' | 'span' | 'adds' } {
  const n = def.columns.length;
  const trim = (endFirst: boolean) => {
    let [from, to] = [0, after.length];
    for (const first of endFirst ? [false, true] : [true, false])
      while (to - from > n && (first ? padCell(after[from]) : emptyCell(after[to - 1]))) first ? from++ : to--;
    return after.slice(from, to);
  };
  let before = 0;
  while (before < after.length && padCell(after[before])) before++;
  let behind = 0;
  while (behind < after.length && emptyCell(after[after.length - 1 - behind])) behind++;
  // the column, when every number of the row is within the row's width from it
  const from = lead && 'column' in lead ? lead.column : -1;
  const column = from >= 0 && after.every((c, i) => (i >= from && i < from + n) || (i < from ? padCell(c) : emptyCell(c))) ? after.slice(from, from + n) : undefined;
  const certain = column && lead && 'certain' in lead && lead.certain;
  if (after.length <= n) return certain && before > 0 ? { cells: column } : { cells: trim(false), how: before === 0 ? 'one' : 'short' };
  // padding on one side only (most rows): one reading
  if (before === 0 || behind === 0) return { cells: trim(false), how: 'one' };
  const [padding, ends] = [trim(false), trim(true)];
  if (padding.length === ends.length && padding.every((c, i) => c === ends[i])) return { cells: padding, how: 'span' };
  if (certain) return { cells: column };
  if (!def.columns.some((c) => c.key === 'total')) return { cells: column ?? padding };
  const holds = (cells: GridCell[]) => {
    let sum = 0;
    let total: number | undefined;
    for (const [i, column] of def.columns.entries()) {
      const cell = parseCell(cells[i]?.text ?? '', column.kind);
      const value = cell.kind === 'number' ? cell.value : cell.kind === 'blank' ? 0 : undefined;
      if (value === undefined) return false;
      if (column.key === 'total') total = value;
      else sum += value;
    }
    return total === sum;
  };
  // a sum of three numbers or more says where the numbers are; fewer may add up by chance, a
  // column off, beside a blank 总计 (`,,,,1,,0,,1,`: 其他 1 and a blank 总计, or 科研机构 1 and 总计 1?)
  const nonZero = (c: GridCell) => {
    const v = parseCell(c.text);
    return v.kind === 'number' && v.value !== 0;
  };
  const tells = (cells: GridCell[]) => cells.slice(0, n).filter(nonZero).length >= 4; // the 总计 and three of its parts
  const [padLead, endsLead] = [after.indexOf(padding[0]!), after.indexOf(ends[0]!)];
  if (column) {
    // the one reading that adds up, else the column
    const adding = [...new Set([padLead, endsLead, from])].filter((start) => holds(after.slice(start, start + n)));
    if (adding.length !== 1) return { cells: column };
    const cells = after.slice(adding[0], adding[0]! + n);
    return tells(cells) ? { cells, how: 'adds' } : { cells };
  }
  if (holds(ends) !== holds(padding)) {
    const cells = holds(ends) ? ends : padding;
    return tells(cells) ? { cells, how: 'adds' } : { cells };
  }
  // (every lead must pick the same reading: in text, label cells are not aligned from row to row)
  const picks = (lead && 'leads' in lead ? lead.leads : []).map((lead) => (padLead === lead && endsLead !== lead ? padding : endsLead === lead && padLead !== lead ? ends : undefined));
  if (picks.length > 0 && picks[0] !== undefined && picks.every((p) => p === picks[0])) return { cells: picks[0] };
  // both or neither add up: the side with more empty cells is the padding (`,,2,…,0,` merged label
  // cells before; `|  | 1 | … | 2 | ||` a line's empty end cells after)
  let empty = 0; // (placeholders not counted: `,,/,…`'s `/` may be a value)
  while (empty < after.length && emptyCell(after[empty])) empty++;
  return { cells: behind > empty ? ends : padding };
}

/** The index of a row's last cell with something written in it; -1 when there is none. */
function lastFilled(row: GridRow): number {
  let last = row.cells.length - 1;
  while (last >= 0 && emptyCell(row.cells[last])) last--;
  return last;
}

/** Table 四's header row's first column: `结果维持` starts each of its groups, a group's width apart. */
function appealsHeaderAt(row: GridRow, appeals: TableDef): number | undefined {
  const at: number[] = [];
  row.cells.forEach((c, i) => {
    if (normalizeLabel(c.text).startsWith('结果维持')) at.push(i);
  });
  const width = appeals.rows[0]!.columns.length;
  return at.length === appeals.rows.length && at.every((i, g) => i === at[0]! + g * width) ? at[0] : undefined;
}

/** The report's sections after table 四 (五、存在的主要问题…, 六、其他需要报告的事项). */
const LATER_SECTION = /^[五六七][、.](?:存在|其他需要|主要问题|其他事项)/;

/** Table 三's results (三、本年度办理结果): a group whose items are the other groups' and its own. */
const RESULTS = '/requests/results';

/** Table 四's header words, in any arrangement (`行政诉讼（未经复议直接起诉）`, `复议后起诉`): only their characters. */
const APPEALS_HEADER = /^[行政复议诉讼未经直接起诉后结果维持纠正其他尚未审结总计件数量()、·-]+$/;

/** The JSON Pointers of a row's cells, built once per row definition. */
const cellPointers = oncePer((def: RowDef): string[] => def.columns.map((c) => `${def.pointer}/${c.key}`));

const positionOf = (cell: GridCell): SourcePos => (cell.ref ? { line: cell.line, column: cell.column, ref: cell.ref } : { line: cell.line, column: cell.column });

interface Candidate {
  table: TableDef;
  def: RowDef;
  byWords: boolean;
  byNumber: boolean;
}

/**
 * The rows a label could name, by its words or its numbering, whatever the locator's state: the
 * same few hundred labels recur in every report of a batch, so this is worked out once per label.
 */
const candidateCache = new Map<FormatDef, Map<string, Candidate[]>>();

function candidates(format: FormatDef, label: string): Candidate[] {
  let cache = candidateCache.get(format);
  if (!cache) candidateCache.set(format, (cache = new Map()));
  let list = cache.get(label);
  if (list) return list;
  list = [];
  const number = numberingOf(label);
  for (const table of format.tables)
    for (const def of table.rows) {
      const byWords = matchesWords(label, def.match);
      const byNumber = number !== '' && number === def.match.number;
      if (!byWords && !byNumber) continue;
      // Words of one row under another's numbering (（二）… naming 予以公开) is not that row; item numbers are loose.
      if (byWords && number !== '' && def.match.number && number !== def.match.number && !/^\d/.test(number)) continue;
      list.push({ table, def, byWords, byNumber });
    }
  if (cache.size > 10_000) cache.clear(); // bounded: labels from odd input must not pile up
  cache.set(label, list);
  return list;
}

class Locator {
  private table: TableDef | undefined;
  private group: GroupDef | undefined;
  /** Column index where the current table's numbers start, from its header row. */
  private anchor: number | undefined;
  private readonly data: ReportData = {};
  /** Where each cell is, and its text as written: read only for reports with findings. */
  private readonly sources = new DeferredMap<string, SourcePos>();
  private readonly raw = new DeferredMap<string, string>();
  private readonly findings: Finding[] = [];
  private readonly seen = new Map<string, number>();
  /** Agency and year from the title, when a line before the tables is one. */
  private title: ReturnType<typeof titleOf>;
  private lineBefore = '';
  /** Groups written as one row of numbers (the other version's layout), by pointer. */
  private readonly singleRowGroups: string[] = [];
  /** Table 二 lines whose cells ran together (`规章000规范性文件898989`): it cannot be read. */
  private readonly runTogether: { line: number; column: number; text: string }[] = [];
  /** The last row located, in reading order, and table headings seen, for telling a cut-off page. */
  private last: { def: RowDef; line: number } | undefined;
  private readonly headings: { table: TableDef; line: number }[] = [];
  /** A short text line that matched nothing: the first half of a label split across lines. */
  private pending: { label: string; line: number } | undefined;
  /** Table 三's applicant columns its header does not have (`other`, `total`). */
  private readonly missingColumns = new Set<string>();
  /** Where the header of table 三 names each applicant column (`自然人` → 3), by the column's key. */
  private named = new Map<string, number>();
  /** `namedLayout` by row columns, for the header `named` holds now (emptied when it changes). */
  private namedLayouts = new Map<readonly ColumnDef[], NamedLayout | null>();
  /** The line of a section heading after table 四 (`五、存在的主要问题及改进情况`): the page goes on past it. */
  private laterSection: number | undefined;
  /** Numbers without a label came first in table 三 (a text not in row order, `pdftotext` without -layout): no label takes the next line's numbers. */
  private numbersFirst = false;
  /** Lines of text in a row naming a row of the tables, without numbers: more than one, and numbers after them are not the last one's. */
  private bareLabels = 0;
  /** How many cells stand between a row's labels and its numbers, in the table's last row that said so clearly; `certain` when it could be read one way only. */
  private lead: { table: TableDef | undefined; at: number; after: number; certain: boolean; votes?: Map<number, number> } | undefined;
  /** Where table 四's header puts its first column (`结果维持` three times, a group apart), when it does. */
  private appealsHeaderAt: number | undefined;
  /** Table 四's groups filled from a row's blank cells only: the next row of numbers may hold them. */
  private appealsPadding: RowDef[] = [];
  /** Group rows with numbers of their own beside their items: each column's number and place. */
  private readonly subtotals: { group: GroupDef; line: number; values: { key: string; value: unknown; at: SourcePos }[] }[] = [];
  /** The last row table 四's numbers were read from, and how many rows have come since. */
  private appealsRowSeen: { row: GridRow; since: number } | undefined;

  constructor(
    private readonly format: FormatDef,
    private readonly file: string,
    /** Whether a column's cells may stand at different indexes from row to row (`Grid.loose`). */
    private readonly loose: boolean,
  ) {}

  row(row: GridRow): void {
    // (table 四's own header words between its rows of numbers, `复议后起诉`, do not count)
    // (counted up to 2: only whether a row is the next one matters)
    if (this.appealsRowSeen && this.appealsRowSeen.since < 2 && !row.cells.every((c) => c.text.trim() === '' || APPEALS_HEADER.test(normalizeLabel(c.text)))) this.appealsRowSeen.since++;
    this.titleLine(row);
    if (row.text) {
      if (this.runTogetherLine(row)) return;
      const split = this.spaced(row);
      if (!split) {
        this.textLine(row);
        return;
      }
      row = split;
    }
    const pending = this.pending;
    this.pending = undefined;
    const split = splitLabels(row);
    let { end } = split;
    let labels = this.itemApart(split.labels);
    // A number with words in a row's first number cell (`2.重复申请 | 约3 | 0 | …`, `行政强制 | 约3`)
    // is that row's value (a value finding quotes it), not a second label: the row would be lost.
    if (labels.length >= 2 && labels === split.labels && this.valueWithWords(labels[labels.length - 1]!) && this.matchRow(labels[labels.length - 2]!, false)) {
      labels = labels.slice(0, -1);
      end--;
    }
    const hasValues = row.cells.slice(end).some((c) => parseCell(c.text).kind !== 'blank' || c.text.trim() !== '');

    if (!hasValues) {
      // `（六）其他处理 |  |  | …`: a row whose every cell is blank is still that row.
      const label = labels[labels.length - 1];
      // (A heading padded with empty cells, as spreadsheets export it, is not a row.)
      const blankRow =
        label !== undefined &&
        row.cells.length > end &&
        (numberingOf(label) !== '' || this.table?.id === 'proactive') &&
        this.headingTables(labels).length === 0;
      // Its groups are entered first, as for a row with numbers: `（五）不予处理 | 1.信访举报投诉类申请`
      // is group 五's item 1, not the item 1 of the group above.
      // (By its words only: a label's first half, `（三）不予公开 | 1.属于`, is not item 1 by its number;
      // it waits for its second half.)
      const [table, group] = [this.table, this.group];
      let def: RowDef | undefined;
      if (blankRow && labels.slice(0, -1).every((l) => numberingOf(l) !== '')) {
        for (const group of labels.slice(0, -1)) this.enterGroup(group);
        def = this.matchRow(label!, false);
        if (def && !matchesWords(label!, def.match)) def = undefined;
        if (!def) {
          [this.table, this.group] = [table, group];
          def = this.matchRow(label!, false);
          if (def) for (const group of labels.slice(0, -1)) this.enterGroup(group);
        }
      }
      if (def) {
        this.matchRow(label!);
        this.record(def, row, end);
        return;
      }
      this.headingOrGroup(row, labels);
      // The first half of a label split across lines, alone or after its group's (`（六）其他处理 | 1.申请人…其政府`).
      const last = labels[labels.length - 1];
      // In text, a label may go on over a line more, its numbers on the line after (a PDF's text:
      // `5.要求行政机关确认或重新出具` / `已获取信息` / `0 0 0 0 0 0 0`)
      if (labels.length === 1 && this.goesOn(pending, last!)) this.pending = { label: pending!.label + last, line: pending!.line };
      else if (last !== undefined && this.pendingCandidate(last) && labels.slice(0, -1).every((l) => numberingOf(l) !== '')) this.pending = { label: last, line: row.line };
      return;
    }
    if (labels.length === 0) {
      // In text, numbers alone on the line after a numbered label without them: that row's (a
      // PDF's text, its label cell taller than its numbers). Not in table 四, whose numbers go
      // under a header of several lines.
      const def = this.numbersOf(pending, row.cells.slice(end).filter((c) => c.text.trim() !== '').length);
      if (def) {
        this.matchRow(pending!.label);
        this.record(def, row, end);
      } else this.unlabelled(row);
      return;
    }
    // Group labels written inline before the first item: `三、本年度办理结果 | （一）予以公开 | 0 …`.
    for (const label of labels.slice(0, -1)) this.enterGroup(label);
    let label = labels[labels.length - 1]!;
    let def = this.matchRow(label);
    // A label split across lines: `（二）部分公开（区分处理的，只计这一情` / `形，不计其他情形） | 4 | …`.
    if (!def && pending && labels.length === 1) {
      def = this.matchRow(pending.label + label);
      if (def) label = pending.label + label;
    }
    // A group written as one row of numbers where this format has items: the 2019 （六）其他处理.
    if (!def) {
      const group = this.groupOf(label, true);
      if (group) {
        this.recordGroup(group, row, end);
        return;
      }
    }
    // table 四's row with a number with words first (`约3 | 0 | …`)
    if (!def && labels.length === 1 && this.table?.id === 'appeals' && this.valueWithWords(label) && this.appealsRow(row)) return;
    // `件数 | 3 | 1 | …`: a label column beside table 四's numbers, which the header names
    if (!def && labels.length === 1 && /^(?:件数|数量|案件数量?|件)(?:\((?:件|个)\))?$/.test(label) && this.appealsRow(row, end)) return;
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

  /** A label that is rather a number written with words (`约3`, `3人次`): digits, no numbering, no row's or group's name. */
  private valueWithWords(label: string): boolean {
    return /\d/.test(label) && numberingOf(label) === '' && !this.matchRow(label, false) && !this.groupOf(label);
  }

  /** Before the first table: is this line the title (agency and year), or the line above it? */
  private titleLine(row: GridRow): void {
    if (this.title || this.seen.size > 0) return;
    if (!row.text && row.cells.some((c) => parseCell(c.text).kind === 'number')) return;
    const text = row.cells.map((c) => c.text).join('');
    this.title = titleOf(text, this.lineBefore);
    if (text.trim()) this.lineBefore = text;
  }

  /** The tables whose heading or header words a row's labels hold. */
  private headingTables(labels: string[]): TableDef[] {
    const joined = labels.join('');
    return this.format.tables.filter((table) => table.headingWords.some((words) => words.every((w) => joined.includes(w))));
  }

  /** A row without numbers: a section heading, a table header, or a group label. */
  private headingOrGroup(row: GridRow, labels: string[], strict = false): void {
    if (this.table?.id === 'appeals' && labels[0] !== undefined && LATER_SECTION.test(labels[0])) this.laterSection = row.line;
    for (const table of this.headingTables(labels)) {
      this.headings.push({ table, line: row.line });
      if (table !== this.table) {
        this.table = table;
        this.group = undefined;
        this.anchor = undefined;
        this.appealsHeaderAt = undefined;
        this.named = new Map();
        this.namedLayouts = new Map();
      }
    }
    const first = row.cells.findIndex((c) => FIRST_COLUMN_WORDS.some((w) => normalizeLabel(c.text).startsWith(w)));
    if (this.table?.id === 'requests') this.nameColumns(row);
    if (this.table?.id === 'appeals') this.appealsHeaderAt = appealsHeaderAt(row, this.table) ?? this.appealsHeaderAt;
    if (first >= 0) {
      this.anchor = first;
      return;
    }
    for (const label of labels) this.enterGroup(label, strict);
  }

  /** `strict`: a line of text enters a group only by the group's numbering and words both. */
  private enterGroup(label: string, strict = false): void {
    const tables = this.table ? [this.table] : this.format.tables;
    for (const table of tables) {
      const byNumber = (g: GroupDef) => g.match.number !== undefined && numberingOf(label) === g.match.number;
      const group = table.groups.find((g) => (strict ? byNumber(g) && matchesWords(label, g.match) : byNumber(g) || matchesWords(label, g.match)));
      if (group) {
        // (三、本年度办理结果 among the items of its （六）其他处理, where a PDF draws the cell that spans them all: still in （六）)
        if (this.table === table && this.group?.pointer.startsWith(`${group.pointer}/`)) return;
        this.table = table;
        this.group = group;
        return;
      }
    }
  }

  /** The row a label names: key words first, then numbering within the current group. */
  private matchRow(label: string, move = true): RowDef | undefined {
    let best: RowDef | undefined;
    let bestScore = 0;
    for (const { table, def, byWords, byNumber } of candidates(this.format, label)) {
      const inGroup = def.group !== undefined && def.group === this.group;
      if (!byWords && !(byNumber && inGroup)) continue;
      let score = 1;
      if (table === this.table) score += 4;
      if (inGroup) score += 2;
      if (byNumber) score += 1;
      // (words that name an item with the label's own number beat that number in the group the
      // reader is in: `1.本机关不掌握…` after （三）'s items, its group's label drawn below it;
      // words of another item do not: `3.其他（申请人撤回申请、重复申请等）` is （六）'s 3)
      if (byWords) score += byNumber ? 4 : 2;
      if (score > bestScore) {
        best = def;
        bestScore = score;
      }
    }
    if (best && move) {
      this.table = this.format.tables.find((t) => t.rows.includes(best!));
      if (best.group) this.group = best.group;
      else if (this.table?.id !== 'requests' || !best.pointer.startsWith('/requests/results')) this.group = undefined;
    }
    return best;
  }

  /**
   * A row with more numbers than the template has columns: an error, never dropped in silence.
   * `left`: the cells of the table a row's numbers had left to fill (table 四 over rows).
   */
  private extraCells(def: RowDef | TableDef, row: GridRow, count: number, first: GridCell, left?: number): void {
    const pointer = 'pointer' in def ? def.pointer : `/${def.id}`;
    const label = labelOf(this.format, pointer);
    const n = 'pointer' in def ? def.columns.length : def.rows.reduce((sum, r) => sum + r.columns.length, 0);
    this.findings.push({
      rule: 'structure.extra-cells',
      severity: 'error',
      message:
        left === undefined
          ? { zh: `第 ${row.line} 行“${label.zh}”有 ${count} 个数值，应为 ${n} 个`, en: `line ${row.line}: "${label.en}" has ${count} numbers; the template has ${n}` }
          : { zh: `第 ${row.line} 行“${label.zh}”有 ${count} 个数值，表中只余 ${left} 格`, en: `line ${row.line}: "${label.en}" has ${count} numbers; only ${left} cells of the table are left` },
      cells: [pointer],
      location: { line: row.line, column: first.column },
    });
  }

  /** The header row's applicant columns by name, each where its own cell is (`商业企业` under `法人或其他组织`). */
  private nameColumns(row: GridRow): void {
    // the header is above the rows: a label row further down (`其他`) names no column
    if (this.table!.rows.some((r) => this.seen.has(r.pointer))) return;
    const columns = this.table!.rows[0]!.columns;
    row.cells.forEach((cell, i) => {
      const text = normalizeLabel(cell.text);
      const column = columns.find((c) => c.label.zh === text);
      if (column) this.named.set(column.key, i);
      if (column) this.namedLayouts.clear();
    });
  }

  /**
   * A row's cells under the header's columns by their names, when the header names the row's
   * columns each in a place of its own and either in another order than the template's (`其他`
   * before `自然人`: taken by position from 自然人, the values would go to the wrong applicants) or
   * without one or two of them (no `其他` column: `missing`, read as no cell at all, said once by
   * `structure.missing-column`, rather than every row's 总计 failing). In the template's order and
   * complete, the header's first column says it all (`anchor`).
   */
  private byName(def: RowDef, row: GridRow, end: number): { cells: (GridCell | undefined)[]; missing: string[] } | undefined {
    if (this.named.size === 0 || this.table?.id !== 'requests' || !this.named.has('natural')) return undefined;
    let layout = this.namedLayouts.get(def.columns);
    if (layout === undefined) this.namedLayouts.set(def.columns, (layout = this.namedLayout(def.columns)));
    if (layout === null) return undefined;
    const { at, known, missing, first, final } = layout;
    if (first < end) return undefined; // the labels are where the header says numbers are
    if (missing.length > 0) {
      // a header short of a column, over a row that has a number beyond its last: not the row's header
      if (lastFilled(row) > final) return undefined;
      // nor over a row with a number in a column the header leaves unnamed (其他's header cell blank)
      if (row.cells.some((c, i) => i > first && i < final && !known.includes(i) && c.text.trim() !== '')) return undefined;
    }
    return { cells: at.map((i) => (i === undefined ? undefined : row.cells[i])), missing };
  }

  /**
   * The header's columns for a row's columns, the same for every row under that header (`byName`
   * asks once per row): null when the header does not name them apart, or names them in the
   * template's order and complete.
   */
  private namedLayout(columns: readonly ColumnDef[]): NamedLayout | null {
    const at = columns.map((c) => this.named.get(c.key));
    const known = at.filter((i): i is number => i !== undefined);
    if (known.length < columns.length - 2 || new Set(known).size !== known.length) return null;
    const missing = columns.filter((_, k) => at[k] === undefined).map((c) => c.key);
    if (missing.length === 0 && at.every((i, k) => i === at[0]! + k)) return null; // the template's order
    return { at, known, missing, first: Math.min(...known), final: Math.max(...known) };
  }

  /** Takes a labelled row's numbers, using the header's column when the layout is a spreadsheet's. */
  private record(def: RowDef, row: GridRow, end: number): void {
    this.bareLabels = 0;
    const n = def.columns.length;
    let cells: (GridCell | undefined)[];
    const named = this.byName(def, row, end);
    if (named) {
      cells = named.cells;
      for (const key of named.missing) this.missingColumns.add(key);
    }
    // The header's column, when this row is laid out on the header's grid: only padding (merged
    // label cells, blank or a placeholder `/`) between its labels and that column. A row whose
    // numbers follow its label at once is not (a table continued in a second <table> after a page
    // break, without the label columns).
    else if (this.anchor !== undefined && end <= this.anchor && this.anchor < row.cells.length && row.cells.slice(end, this.anchor).every((c) => parseCell(c.text).kind === 'blank')) {
      cells = row.cells.slice(this.anchor, this.anchor + n);
      const beyond = row.cells.slice(this.anchor + n).filter((c) => c.text.trim() !== '');
      if (beyond.length > 0) this.extraCells(def, row, n + beyond.length, beyond[0]!);
    } else if (this.strayBeforeAnchor(row, end, n)) {
      // a number typed into the label columns, the row's own numbers under the header: those are
      // read, the stray one is the error (read from it, every value would be one column off)
      const stray = row.cells.slice(end, this.anchor).filter((c) => parseCell(c.text).kind !== 'blank');
      this.extraCells(def, row, n + stray.length, stray[0]!);
      cells = row.cells.slice(this.anchor, this.anchor! + n);
    } else {
      const after = row.cells.slice(end);
      // (where the numbers start in the table's last row with padding on one side only, for the
      // next row with padding on both sides: in the row's cells and after its labels; in a grid
      // whose columns are aligned, the same column)
      const known = this.lead && this.lead.table === this.table ? this.lead : undefined;
      const aligned = alignedCells(def, after, known && (this.loose ? { leads: [known.at - end, known.after] } : { column: known.at - end, certain: known.certain }));
      cells = aligned.cells;
      // learnt from a row with one reading (in text, from one with padding on one side or a short
      // one); in an aligned grid, certain only from a full row, and until one is, also from a short
      // row or one whose only reading that adds up says where its numbers are
      // (`一、本年新收…,,,9,2,1,0,1,2,15,,,,,`, every row padded to the sheet)
      const certain = aligned.how === 'one' || aligned.how === 'span';
      const learns = this.loose ? aligned.how === 'one' || aligned.how === 'short' : certain || (aligned.how !== undefined && !known?.certain);
      if (learns && cells.length > 0) {
        const i = after.indexOf(cells[0]!);
        if (certain && !this.loose) {
          // the column most rows read one way start at (the first on a tie): one row laid out
          // otherwise (compact, `,（七）总计,2,0,0,0,0,0,2`) does not move the table's column
          const votes = known?.votes ?? new Map<number, number>();
          votes.set(end + i, (votes.get(end + i) ?? 0) + 1);
          const at = [...votes].reduce((best, next) => (next[1] > best[1] ? next : best))[0];
          if (!known || known.at !== at || !known.certain) this.lead = { table: this.table, at, after: at - end, certain, votes };
        } else if (!known || known.after !== i || known.at !== end + i || known.certain !== certain) this.lead = { table: this.table, at: end + i, after: i, certain };
      }
      if (cells.length > n) {
        this.extraCells(def, row, cells.length, cells[n]!);
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
    this.last = { def, line: row.line };
    const lastColumn = row.cells[row.cells.length - 1]?.column ?? 0;
    const pointers = cellPointers(def);
    const values: Record<string, unknown> = {};
    def.columns.forEach((column, i) => {
      if (named?.missing.includes(column.key)) return; // no such column: no cell, said once
      const cell = cells[i];
      const position = cell ? positionOf(cell) : { line: row.line, column: lastColumn + 1 + (i - cells.length) };
      this.sources.set(pointers[i]!, position);
      values[column.key] = this.value(pointers[i]!, parseCell(cell?.text ?? '', column.kind), cell?.text ?? '', position);
    });
    setAt(this.data, def.pointer, values);
  }

  /**
   * Whether a row has numbers in the label columns before the header's first column (`anchor`) and,
   * from that column on, no more than its `n` numbers: more numbers than the template's, the extra
   * ones where no column is. (A row of exactly `n` numbers starting before the header's column is
   * a table laid out otherwise, read from its first number.)
   */
  private strayBeforeAnchor(row: GridRow, end: number, n: number): boolean {
    if (this.anchor === undefined || end > this.anchor || this.anchor >= row.cells.length) return false;
    const last = lastFilled(row);
    if (last < this.anchor || last >= this.anchor + n) return false;
    const padding = row.cells.slice(end, this.anchor).map((c) => parseCell(c.text).kind);
    return padding.every((kind) => kind === 'blank' || kind === 'number') && last - end + 1 - padding.filter((kind) => kind === 'blank').length > n;
  }

  /** A cell's value for the report (a number, null for a blank, the text when it is not a number); notes a unit converted. */
  private value(pointer: string, parsed: ParsedCell, text: string, position: SourcePos): unknown {
    this.raw.set(pointer, text);
    if (parsed.kind === 'blank') return null;
    // Kept as text: the schema reports it as a value finding quoting what was written.
    if (parsed.kind === 'text') return text.trim();
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
    return parsed.value;
  }

  /**
   * Table 四's numbers come without labels: its header names the columns. Five a group, in the
   * template's order: one row of 15, or the groups over two or three rows (`3 1 2 4 10` then the
   * 10 of 诉讼). A row is read up to its last number; as many groups as its cells reach are filled
   * (a blank group is a blank group), and groups filled from trailing blank cells alone are taken
   * by the next row of numbers when it comes. An empty first column (the table one column right)
   * is skipped.
   */
  private unlabelled(row: GridRow): void {
    if (this.appealsRow(row)) return;
    if (this.table?.id === 'requests') this.numbersFirst = true;
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

  /** Table 四's numbers, read into its groups (see `unlabelled`), from cell `from` on; false when the row is not that. */
  private appealsRow(row: GridRow, from = 0): boolean {
    const appeals = this.format.tables.find((t) => t.id === 'appeals')!;
    if (this.table === appeals) {
      if (this.appealsAligned(row, from, appeals)) return true;
      const cells = from === 0 ? row.cells : row.cells.slice(from);
      let last = cells.length;
      while (last > 0 && emptyCell(cells[last - 1])) last--;
      // one column right only when the numbers do not fit otherwise: a blank first value and the
      // empty cells a line ends with (`|  | 0 | … | 0 | ||`) are not a shifted table
      const start = last > 15 && emptyCell(cells[0]) ? 1 : 0;
      let groups = Math.ceil((last - start) / 5);
      let open = appeals.rows.filter((def) => !this.seen.has(def.pointer));
      // (only by the row right after the one that left them blank: not by a row of another section)
      const next = this.appealsRowSeen?.since === 1;
      if (groups > open.length && this.appealsPadding.length > 0 && next) {
        for (const def of this.appealsPadding) this.seen.delete(def.pointer);
        this.appealsPadding = [];
        open = appeals.rows.filter((def) => !this.seen.has(def.pointer));
      }
      // the whole table in one row, or the rest of it in the next, with a number too many (a value
      // typed twice): the groups are read, the rest is an error, rather than no table at all
      const whole = open.length === appeals.rows.length && this.appealsRowSeen === undefined;
      if (groups > open.length && open.length > 0 && (whole || next)) {
        const size = open.reduce((sum, r) => sum + r.columns.length, 0);
        this.extraCells(appeals, row, last - start, cells.slice(start + size).find((c) => !emptyCell(c))!, whole ? undefined : size);
        last = start + size;
        groups = open.length;
      }
      if (groups > 0 && groups <= open.length) {
        const take = Math.max(groups, Math.min(open.length, Math.floor((cells.length - start) / 5)));
        this.appealsRowSeen = { row, since: 0 };
        open.slice(0, take).forEach((def, g) => {
          this.last = { def, line: row.line };
          if (g >= groups) this.appealsPadding.push(def);
          this.fillGroup(def, row, (j) => cells[start + g * def.columns.length + j]);
        });
        return true;
      }
    }
    return false;
  }

  /**
   * Table 四's numbers read under the header's columns, when the header places them and every number
   * of the row is under it: a row that fills some groups only (`,,,,,1,0,0,0,1,0,0,0,0,0`, the first
   * group in the row above) is read where it stands, not from its first number on.
   */
  private appealsAligned(row: GridRow, from: number, appeals: TableDef): boolean {
    const at = this.appealsHeaderAt;
    // (a label column the header does not have, `件数 | 1 | 2 | …`, puts the numbers off its columns)
    if (at === undefined || from > at) return false;
    const cells = row.cells;
    const width = appeals.rows[0]!.columns.length;
    const touched = new Set<RowDef>();
    for (let i = from; i < cells.length; i++) {
      if (emptyCell(cells[i])) continue;
      if (i < at || i >= at + appeals.rows.length * width) return false;
      touched.add(appeals.rows[Math.floor((i - at) / width)]!);
    }
    // each group it fills must be open, or left blank by the row just before (padding)
    const padding = this.appealsRowSeen?.since === 1 ? this.appealsPadding : [];
    if (touched.size === 0 || [...touched].some((def) => this.seen.has(def.pointer) && !padding.includes(def))) return false;
    this.appealsPadding = this.appealsPadding.filter((def) => !touched.has(def));
    this.appealsRowSeen = { row, since: 0 };
    appeals.rows.forEach((def, g) => {
      const first = at + g * width;
      // a group this row leaves blank, its cells there: blank, unless the next row holds it
      const blank = !touched.has(def) && !this.seen.has(def.pointer) && first + width <= cells.length;
      if (!touched.has(def) && !blank) return;
      if (blank) this.appealsPadding.push(def);
      this.last = { def, line: row.line };
      this.fillGroup(def, row, (j) => cells[first + j]);
    });
    return true;
  }

  /** `规章 0 0 0`: a text line whose cells are separated by spaces, when its label is a row's. */
  private spaced(row: GridRow): GridRow | undefined {
    const text = row.cells[0]!.text;
    const tokens = [...text.matchAll(/\S+/g)];
    if (tokens.length < 2) return undefined;
    let first = tokens.findIndex((t) => parseCell(t[0]).kind !== 'text');
    if (first < 0 || tokens.slice(first).some((t) => parseCell(t[0]).kind === 'text')) return undefined;
    const column = row.cells[0]!.column;
    const numbers = tokens.slice(first);
    const cells: GridCell[] = [];
    if (first === 0) {
      // the numbers of the label on the line above (`numbersOf`), read as one row with it
      if (this.numbersOf(this.pending, numbers.length)) cells.push({ text: this.pending!.label, line: row.line, column });
      else {
        // table 四's numbers: all 15, or a group or two to a line (more: one too many, said by appealsRow),
        // while it has groups to fill and the next section has not begun (its prose may list years)
        const appeals = this.table?.id === 'appeals' ? this.table : undefined;
        if (!appeals || numbers.length < 5 || this.laterSection !== undefined || appeals.rows.every((r) => this.seen.has(r.pointer) && !this.appealsPadding.includes(r))) return undefined;
      }
    } else {
      // The words before the numbers: one label (spaces inside it, `商业 企业`), or a group's labels
      // and then the row's (`三、本年度办理结果 （一）予以公开 0 0 …`), each starting with its numbering.
      const words = tokens.slice(0, first);
      const whole = words.map((t) => t[0]).join('');
      const joined = this.pending && numberingOf(normalizeLabel(whole)) === '' ? this.pending.label + normalizeLabel(whole) : undefined;
      if (this.matchRow(normalizeLabel(whole), false)) cells.push({ text: whole, line: row.line, column });
      // the end of the label on the line above, then its numbers (`（二）部分公开（区` / `分处理的，…） 0 0 …`)
      else if (joined !== undefined && this.continued(joined)) cells.push({ text: joined, line: row.line, column });
      else {
        const labels: { text: string; index: number }[] = [];
        for (const t of words)
          if (labels.length === 0 || numberingOf(normalizeLabel(t[0])) !== '') labels.push({ text: t[0], index: t.index! });
          else labels[labels.length - 1]!.text += t[0];
        const groups = labels.slice(0, -1);
        // one label, a group's, written as one row of numbers (the 2019 （六）其他处理, see `row`)
        const group = groups.length === 0 && numberingOf(normalizeLabel(whole)) !== '' && this.table?.id === 'requests' && this.groupOf(normalizeLabel(whole), true);
        if (group && numbers.length * 2 >= this.table!.rows[0]!.columns.length) cells.push({ text: whole, line: row.line, column });
        else {
          if (groups.length === 0 || !groups.every((g) => numberingOf(normalizeLabel(g.text)) !== '')) return undefined;
          if (!this.matchRow(normalizeLabel(labels[labels.length - 1]!.text), false)) return undefined;
          for (const l of labels) cells.push({ text: l.text, line: row.line, column: column + l.index });
        }
      }
    }
    for (const t of numbers) cells.push({ text: t[0], line: row.line, column: column + t.index! });
    return { line: row.line, cells };
  }

  /** `第二十条第（一）项信息内容本年制发件数…规章000行政规范性文件4920`: the page lost its cell borders. */
  private runTogetherLine(row: GridRow): boolean {
    const cell = row.cells[0]!;
    const label = normalizeLabel(cell.text);
    const info = label.indexOf('信息内容');
    if (!label.includes('第二十条') || info < 0 || !/\d/.test(label.slice(info))) return false;
    this.runTogether.push({ line: row.line, column: cell.column, text: cell.text });
    this.table = this.format.tables.find((t) => t.id === 'proactive');
    this.group = undefined;
    this.anchor = undefined;
    return true;
  }

  /** A line of text: a heading or a group label, or prose (ignored here). */
  private textLine(row: GridRow): void {
    const label = normalizeLabel(row.cells[0]!.text);
    if (label.length > 40 || /[。;；]/.test(label)) {
      this.pending = undefined; // prose: no label goes on over it
      return;
    }
    this.headingOrGroup(row, [label], true);
    // (after its group's label, `（三）不予公开  2.其他法律行政` / `法规禁止公开` / `0 0 …`: the item's goes on)
    const item = this.itemApart([label]).at(-1)!;
    const pending = this.pending;
    const goesOn = this.goesOn(pending, item);
    if (!goesOn && numberingOf(item) !== '' && this.matchRow(item, false)) this.bareLabels++;
    this.pending = goesOn ? { label: pending!.label + item, line: pending!.line } : this.pendingCandidate(item) ? { label: item, line: row.line } : undefined;
  }

  /**
   * In text, whether a line of words alone goes on with the label of the line above, which had no
   * numbers either (a PDF's text: `5.要求行政机关确认或重新出具` / `已获取信息` / `0 0 0 0 0 0 0`):
   * it has no numbering of its own, and the two make a label still.
   */
  private goesOn(pending: { label: string } | undefined, label: string): boolean {
    return this.loose && pending !== undefined && numberingOf(pending.label) !== '' && numberingOf(label) === '' && this.pendingCandidate(pending.label + label);
  }

  /**
   * In text, the row whose numbers stand alone on the line after its numbered label (a PDF's text,
   * the label's cell taller than its numbers). Not in table 四, whose numbers go under a header of
   * several lines.
   */
  private numbersOf(pending: { label: string } | undefined, count: number): RowDef | undefined {
    // (labels one under another, then numbers, or numbers before labels: not this layout)
    if (!this.loose || pending === undefined || this.numbersFirst || this.bareLabels > 1) return undefined;
    const def = this.continued(pending.label);
    // (not a page number, `- 3 -`, `3 / 5`: about as many numbers as the row has columns)
    return def && count * 2 >= def.columns.length ? def : undefined;
  }

  /** The row of table 三 a label put together over lines names, with the numbering it starts with (none: no row). */
  private continued(label: string): RowDef | undefined {
    if (this.table?.id !== 'requests') return undefined;
    const def = this.matchRow(label, false);
    return def && def.match.number === numberingOf(label) ? def : undefined;
  }

  /** Could this be the first half of a row label (not a page footer, not a sentence)? */
  private pendingCandidate(label: string): boolean {
    return /[\u4e00-\u9fff]/.test(label) && label.length <= 40 && !/[。;；:]$/.test(label);
  }

  /**
   * A group's label and its first item's written in one cell (`（三）不予公开 1.属于国家秘密`, with a
   * space, a colon, a 、 or a line break between them): the two labels, as two cells would give them.
   */
  private itemApart(labels: string[]): string[] {
    const last = labels[labels.length - 1];
    const m = last?.[0] !== '(' ? null : /^(\([一二三四五六七八九十]+\)[^\d]+?)[:、,]?(\d+[.、．].+)$/.exec(last);
    if (!m || !this.groupOf(m[1]!)) return labels;
    return [...labels.slice(0, -1), m[1]!, normalizeLabel(m[2]!)];
  }

  /** A group of the current format that a label names, when the label is not one of its rows. */
  private groupOf(label: string, withNumbers = false): GroupDef | undefined {
    const number = numberingOf(label);
    const tables = this.table ? [this.table, ...this.format.tables.filter((t) => t !== this.table)] : this.format.tables;
    for (const table of tables)
      for (const group of table.groups) {
        // (三、本年度办理结果 only with numbers of its own, a subtotal: as a label it is the group `enterGroup` enters)
        if (group.pointer === RESULTS && !withNumbers) continue;
        const byNumber = number !== '' && number === group.match.number;
        if ((byNumber || number === '') && matchesWords(label, group.match) && table.rows.some((r) => r.group === group)) return group;
      }
    return undefined;
  }

  /** Records a group's single row of numbers at the group's pointer, with its items' columns. */
  private recordGroup(group: GroupDef, row: GridRow, end: number): void {
    const item = this.format.tables.flatMap((t) => t.rows).find((r) => r.group === group)!;
    // after its items: a subtotal, not the items' row; 三、本年度办理结果's own numbers are one wherever they are
    if (this.itemsSeen(group.pointer) || group.pointer === RESULTS) {
      const { cells } = alignedCells({ ...item, pointer: group.pointer }, row.cells.slice(end));
      const values = item.columns.map((c, i) => {
        const cell = cells[i];
        const parsed = parseCell(cell?.text ?? '', c.kind);
        return { key: c.key, value: parsed.kind === 'number' ? parsed.value : parsed.kind === 'blank' ? null : cell?.text, at: cell ? positionOf(cell) : { line: row.line, column: 1 } };
      });
      this.subtotal(group, row.line, values);
      if (group.pointer === RESULTS) [this.table, this.group] = [this.format.tables.find((t) => t.groups.includes(group)), group];
      return;
    }
    this.table = this.format.tables.find((t) => t.rows.includes(item));
    this.group = group;
    if (!this.singleRowGroups.includes(group.pointer)) this.singleRowGroups.push(group.pointer);
    const parent = this.table?.groups.find((g) => group.pointer.startsWith(`${g.pointer}/`));
    this.record({ pointer: group.pointer, label: group.label, columns: item.columns, match: group.match, ...(parent ? { group: parent } : {}) }, row, end);
  }

  /**
   * Table 四's groups that no row of numbers reached, when a row filled the others (`1 0 0 0 1 0 0 0
   * 0 0`, its last five cells trimmed by the export): blank, as a row's trailing blank cells are.
   */
  private appealsRest(): void {
    if (!this.appealsRowSeen) return;
    const appeals = this.format.tables.find((t) => t.id === 'appeals')!;
    const { row } = this.appealsRowSeen;
    // one group alone (5 numbers) may be a page cut off after it, unless the next section follows: `truncation` says so
    if (appeals.rows.filter((def) => this.seen.has(def.pointer)).length < 2 && !(this.laterSection !== undefined && this.laterSection > row.line)) return;
    for (const def of appeals.rows) if (!this.seen.has(def.pointer)) this.fillGroup(def, row, () => undefined);
  }

  /** A table 四 group's values from a row's cells (`cellAt` its j-th; none: blank, placed after the row's last cell). */
  private fillGroup(def: RowDef, row: GridRow, cellAt: (j: number) => GridCell | undefined): void {
    this.seen.set(def.pointer, row.line);
    const pointers = cellPointers(def);
    const values: Record<string, unknown> = {};
    def.columns.forEach((column, j) => {
      const cell = cellAt(j);
      const position = cell ? positionOf(cell) : { line: row.line, column: (row.cells[row.cells.length - 1]?.column ?? 0) + 1 };
      this.sources.set(pointers[j]!, position);
      values[column.key] = this.value(pointers[j]!, parseCell(cell?.text ?? '', column.kind), cell?.text ?? '', position);
    });
    setAt(this.data, def.pointer, values);
  }

  /**
   * A subtotal set aside must still be right: a published number that is not the sum of the items
   * under it is an error (`structure.subtotal`), as a wrong 总计 is.
   */
  private subtotalSums(): void {
    for (const { group, values } of this.subtotals) {
      // (the results' items are every result under them but the total)
      const items = this.format.tables.flatMap((t) => t.rows).filter((r) => r.pointer.startsWith(`${group.pointer}/`) && r.pointer !== `${RESULTS}/total`);
      for (const { key, value, at } of values) {
        if (typeof value !== 'number') continue; // blank, a placeholder or text: nothing stated to add up
        let sum = 0;
        const cells: string[] = [];
        for (const item of items) {
          const v = (getAt(this.data, item.pointer) as Record<string, unknown> | undefined)?.[key];
          if (v !== null && typeof v !== 'number') {
            sum = NaN;
            break;
          }
          sum += v ?? 0;
          cells.push(`${item.pointer}/${key}`);
        }
        const stated = value;
        if (Number.isNaN(sum) || Math.round((stated - sum) * 1e6) === 0) continue;
        const column = items[0]!.columns.find((c) => c.key === key)!.label;
        this.findings.push({
          rule: 'structure.subtotal',
          severity: 'error',
          message: {
            zh: `第 ${at.line} 行“${group.label.zh}”的小计 · ${column.zh} 为 ${stated}，其下各项之和为 ${sum}`,
            en: `line ${at.line}: the subtotal of "${group.label.en}" · ${column.en} is ${stated}; its items add up to ${sum}`,
          },
          cells,
          expected: sum,
          actual: stated,
          difference: stated - sum,
          location: at,
        });
      }
    }
  }

  /** `structure.missing-column`: once per column table 三's header lacks, naming every cell it would hold. */
  private columnsMissing(): void {
    const requests = this.format.tables.find((t) => t.id === 'requests')!;
    for (const key of this.missingColumns) {
      const column = requests.rows[0]!.columns.find((c) => c.key === key)!;
      const line = this.headings.find((h) => h.table === requests)?.line;
      this.findings.push({
        rule: 'structure.missing-column',
        severity: 'error',
        message: {
          zh: `表三没有“${column.label.zh}”列：这一列的单元格无法检查`,
          en: `table III has no "${column.label.en}" column: its cells cannot be checked`,
        },
        cells: requests.rows.filter((r) => this.seen.has(r.pointer)).map((r) => `${r.pointer}/${key}`),
        ...(line !== undefined ? { location: { line, column: 1 } } : {}),
      });
    }
  }

  /** Whether any item of a group has been read. */
  private itemsSeen(pointer: string): boolean {
    return this.format.tables.some((t) => t.rows.some((r) => r.group?.pointer === pointer && this.seen.has(r.pointer)));
  }

  /** A group's own row of numbers beside its items: not in the template, set aside with a warning, and its numbers kept to check. */
  private subtotal(group: GroupDef, line: number, values: { key: string; value: unknown; at: SourcePos }[]): void {
    this.subtotals.push({ group, line, values });
    this.findings.push({
      rule: 'structure.unknown-row',
      severity: 'warning',
      message: {
        zh: `第 ${line} 行“${group.label.zh}”有自己的一行数字（小计），官方表格中这一组只有各项；已忽略，按各项检查`,
        en: `line ${line}: "${group.label.en}" has numbers of its own (a subtotal), where the official tables have only its items; ignored, the items are checked`,
      },
      cells: [],
      location: { line, column: 1 },
    });
  }

  /** Whether anything of a report was found: a row, a table heading, a table run together. */
  foundAny(): boolean {
    return this.seen.size > 0 || this.headings.length > 0 || this.runTogether.length > 0;
  }

  finish(): LocatedReport {
    if (this.seen.size === 0) {
      const found = this.runTogether.length
        ? { zh: `；第 ${this.runTogether[0]!.line} 行的表二单元格连在了一起`, en: `; table 二 at line ${this.runTogether[0]!.line} has its cells run together` }
        : this.headings.length
          ? {
              zh: `；只在第 ${this.headings[0]!.line} 行找到标题“${this.headings[0]!.table.label.zh}”，没有其下的行`,
              en: `; found only the heading ${this.headings[0]!.table.label.zh} at line ${this.headings[0]!.line}, without its rows`,
            }
          : { zh: '', en: '' };
      throw new InputError('unrecognised', {
        zh: `${this.file}：没有找到信息公开年度报告的表格（没有“一、本年新收政府信息公开申请数量”这样的行）${found.zh}`,
        en: `${this.file}: no table of a disclosure report found (no row such as “一、本年新收政府信息公开申请数量”)${found.en}`,
      });
    }
    this.appealsRest(); // (first: the places it notes must be in before the subtotals read them)
    // A group row with numbers before its items: a subtotal the template does not have. The items
    // are the report's; the row is set aside (it would stand in for them as a one-row group).
    for (const pointer of [...this.singleRowGroups]) {
      if (!this.itemsSeen(pointer)) continue;
      this.singleRowGroups.splice(this.singleRowGroups.indexOf(pointer), 1);
      const group = this.format.tables.flatMap((t) => t.groups).find((g) => g.pointer === pointer)!;
      const node = getAt(this.data, pointer) as Record<string, unknown>;
      const values: { key: string; value: unknown; at: SourcePos }[] = [];
      // (an item read later took the place of a column of the same key: （六）'s 3.其他 is `other`)
      for (const column of this.format.tables.flatMap((t) => t.rows).find((r) => r.group === group)!.columns)
        if (node[column.key] === null || typeof node[column.key] !== 'object') {
          values.push({ key: column.key, value: node[column.key], at: this.sources.map.get(`${pointer}/${column.key}`) ?? { line: this.seen.get(pointer)!, column: 1 } });
          delete node[column.key];
        }
      this.subtotal(group, this.seen.get(pointer)!, values);
    }
    this.subtotalSums();
    this.columnsMissing();
    this.truncation();
    this.unreadable();
    return locatedReport({
      data: {
        format: this.format.version,
        ...(this.title?.agency ? { agency: this.title.agency } : {}),
        ...(this.title ? { year: this.title.year } : {}),
        ...this.data,
      },
      format: this.format.version,
      sources: this.sources.map,
      raw: this.raw.map,
      findings: this.findings,
      singleRowGroups: this.singleRowGroups.length ? this.singleRowGroups : undefined,
    });
  }

  /**
   * A page cut off inside a table (a truncated download, a copy that stopped short) is not a report
   * with missing rows: it cannot be checked. It is one when its last table stops before its last
   * row and nothing of the template after that is there, not even the heading of a later table.
   */
  private truncation(): void {
    if (!this.last) return;
    const { def, line } = this.last;
    const rows = this.format.tables.flatMap((t) => t.rows);
    const index = rows.indexOf(def);
    const after = index >= 0 ? rows.slice(index + 1) : [];
    if (after.length === 0 || after.some((r) => this.seen.has(r.pointer))) return;
    const table = this.format.tables.find((t) => t.rows.includes(def))!;
    // A page that ends after a whole table has missing tables (findings), not a cut-off one.
    if (!after.some((r) => table.rows.includes(r))) return;
    const later = this.format.tables.slice(this.format.tables.indexOf(table) + 1);
    if (this.headings.some((h) => later.includes(h.table) && h.line > line)) return;
    const name = (t: TableDef) => t.label.zh.split('、')[0]!;
    const rowName = (r: RowDef) => withoutGloss(r.label.zh);
    const rest = after.filter((r) => table.rows.includes(r)).slice(0, 1);
    const missing = {
      zh: [...rest.map((r) => `“${rowName(r)}”一行及表${name(table)}其余部分`), ...later.map((t) => `表${name(t)}`)].join('、'),
      en: [...rest.map((r) => `row ${rowName(r)} and the rest of table ${name(table)}`), ...later.map((t) => `table ${name(t)}`)].join(', '),
    };
    throw new InputError('truncated', {
      zh: `${this.file}：页面不完整：表${name(table)}在第 ${line} 行（${withoutGloss(def.label.zh)}）之后中断；缺少${missing.zh}`,
      en: `${this.file}: the page stops short: table ${name(table)} stops after row ${withoutGloss(def.label.zh)} at line ${line}; missing ${missing.en}`,
    });
  }

  /** Table 二 run together into lines: one finding for the table, and one for each row not even named. */
  private unreadable(): void {
    if (this.runTogether.length === 0) return;
    const table = this.format.tables.find((t) => t.id === 'proactive')!;
    if (table.rows.some((r) => this.seen.has(r.pointer))) return;
    const first = this.runTogether[0]!;
    const quoted = first.text.length > 30 ? `${first.text.slice(0, 30)}…` : first.text;
    this.findings.push({
      rule: 'structure.missing-table',
      severity: 'error',
      message: {
        zh: `表“${table.label.zh}”的单元格连在一起，无法读出数字（第 ${first.line} 行“${quoted}”）；其余表格照常检查`,
        en: `table "${table.label.en}" has its cells run together, so its numbers cannot be read (line ${first.line}: "${quoted}"); the other tables are checked`,
      },
      cells: [`/${table.id}`],
      location: { line: first.line, column: first.column },
      raw: first.text,
    });
    const text = this.runTogether.map((r) => normalizeLabel(r.text)).join('');
    for (const row of table.rows) {
      if (matchesWords(text, row.match)) continue;
      this.findings.push({
        rule: 'structure.missing-row',
        severity: 'error',
        message: {
          zh: `表“${table.label.zh}”缺少“${row.label.zh}”一行`,
          en: `table "${table.label.en}" has no row "${row.label.en}"`,
        },
        cells: [row.pointer],
        location: { line: first.line, column: first.column },
      });
    }
  }
}
