/**
 * The values that pass between pipeline stages. Every stage speaks in these terms, so a stage only
 * needs to know the shape of what the stage before it hands over.
 */
import type { FormatVersion, Text } from './tables/index.js';

/** Where a value sits in the input: 1-based line and column (CSV: field number; XLSX: `ref`). */
export interface SourcePos {
  line: number;
  column: number;
  ref?: string;
}

export type Severity = 'error' | 'warning';
export type RuleClass = 'official' | 'derived' | 'heuristic';

export interface Finding {
  rule: string;
  severity: Severity;
  message: Text;
  /** JSON Pointers of the cells (or rows) the finding is about; the first is the one to fix. */
  cells: string[];
  /** The official labels of `cells`, in the same order (filled in by the pipeline). */
  labels?: Text[];
  expected?: number;
  actual?: number | null;
  difference?: number;
  /** Where the cell to fix is in the input, when the input says. */
  location?: SourcePos;
  /** The raw text of the input, for findings about what was written. */
  raw?: string;
}

/** A cell value as the canonical JSON holds it: a number, or null for a blank. */
export type CellValue = number | null;

/** The canonical report. Typed loosely: until the schema has validated it, anything may be there. */
export type ReportData = Record<string, unknown>;

/** A line of a published report's text that is not part of a table, as the page has it. */
export interface ProseLine {
  line: number;
  text: string;
}

/** The output of the locate stage (or the JSON reader): the report, and where each value came from. */
export interface LocatedReport {
  data: ReportData;
  format: FormatVersion;
  /** JSON Pointer → source position. */
  sources: Map<string, SourcePos>;
  /** JSON Pointer → raw text, for cells read from text (what the person wrote). */
  raw: Map<string, string>;
  /** Findings the reader and locator made on the way (blanks, placeholders, unknown rows). */
  findings: Finding[];
  /** The prose of a published report (text or HTML input), for the `text.*` rules. */
  prose?: ProseLine[];
  /**
   * Groups published as one row of numbers where this format has items (a 2021 report's
   * （六）其他处理 in the 2019 layout): their numbers are at `<group>/<column>`, and the rules read
   * that row in place of the items.
   */
  singleRowGroups?: string[];
}

/**
 * A report with every field, in one order, whichever reader made it: the stages after reading then
 * see one object shape, which V8 optimises best (a field added to some reports only would give
 * those another shape for every stage to handle). No difference was measurable on the bench.
 */
export function locatedReport(fields: LocatedReport): LocatedReport {
  const { data, format, sources, raw, findings, prose, singleRowGroups } = fields;
  return { data, format, sources, raw, findings, prose, singleRowGroups };
}

export interface FatalError {
  code: string;
  /** One line naming the file (and the place in it), in both languages. */
  message: Text;
}

/** One cell a suggestion would change; `typo` names a slip of the pen that explains the error. */
export interface SuggestedChange {
  cell: string;
  from: CellValue;
  to: number;
  /** The cell's official label (filled in by the check stage). */
  label?: Text;
  location?: SourcePos;
  typo?: 'transposition';
}

/** A smallest set of changes that makes every failing arithmetic rule pass; `resolves`: one rule id per finding. */
export interface Suggestion {
  changes: SuggestedChange[];
  resolves: string[];
  message?: Text;
}

/** What a formatter receives for one file. */
export interface FileResult {
  file: string;
  format?: FormatVersion;
  ok: boolean;
  errorCount: number;
  warningCount: number;
  findings: Finding[];
  /** When arithmetic rules fail: the smallest sets of cells whose change fixes them all, best first. */
  suggestions?: Suggestion[];
  /** Who published the report and for which year, when the report says (title or metadata). */
  agency?: string;
  year?: number;
  /** Last year's report that the cross-year rules compared this one with. */
  previous?: { file: string; year?: number };
  fatal?: FatalError;
  /** The report's values (canonical JSON), for formatters that draw the tables (html). */
  report?: ReportData;
  /** Its warnings that `--quiet` does not show (`warningCount` counts those shown): the warning gate still counts them. */
  hiddenWarnings?: number;
}

/** An input problem that stops a file from being checked at all: exit code 2. */
export class InputError extends Error {
  constructor(
    readonly code: string,
    /** What is said, in both languages; the error's own `message` is the English. */
    readonly text: Text,
  ) {
    super(text.en);
    this.name = 'InputError';
  }
}

/**
 * The code of a file that is no disclosure report at all: a README.txt or a package.json beside the
 * reports. Refused when named; skipped, with a note, when a directory or a pattern found it.
 */
export const NOT_A_REPORT = 'not-a-report';

/** The code of an old Excel workbook (.xls), which is not read: named, it is refused; found, skipped with a note. */
export const OLD_EXCEL = 'xls';

/** This tool's name, as its own outputs say it (json `"tool"`, sarif's driver): how they are told from a report. */
export const TOOL = 'disclosure-check';

/**
 * The code of this tool's own output (`-f json`, `-f sarif`, `-f html`, the stylish or github text)
 * saved where the reports are (`-o reports/check.html`): named, it is refused; found, skipped with a note.
 */
export const OWN_OUTPUT = 'own-output';

/** Files a directory or a pattern found that are skipped, with a note, rather than failing the batch. */
export const skippedInBatch = (code: string | undefined): boolean => code === NOT_A_REPORT || code === OLD_EXCEL || code === OWN_OUTPUT;

/** The InputError of a file that is this tool's own output, in the format `format`. */
export const ownOutput = (file: string, format: string): InputError =>
  new InputError(OWN_OUTPUT, {
    zh: `${file}：是 disclosure-check 自己的输出（-f ${format}），不是报告`,
    en: `${file}: the output of disclosure-check itself (-f ${format}), not a report`,
  });

/** Words every disclosure report has, in its title and its tables' headers; a file without them is not one. */
export const REPORT_WORDS = '信息公开';

/**
 * Whether a text has REPORT_WORDS anywhere, as reports write them: in traditional characters too
 * (信息公開), spaced out (a PDF's text layer: 信 息 公 开), or broken over lines or cells.
 */
export const mentionsReport = (texts: readonly string[]): boolean => {
  for (const text of texts) if (text.includes(REPORT_WORDS)) return true; // the usual case, at once
  return /信\s*息\s*公\s*[开開]/.test(texts.join('\n'));
};

/** The result of a file that could not be checked at all (exit code 2). */
export function unreadableResult(file: string, code: string, message: Text): FileResult {
  return { file, ok: false, errorCount: 0, warningCount: 0, findings: [], fatal: { code, message } };
}
