/** Words shown to people, in both languages the tool speaks. */
export interface Text {
  zh: string;
  en: string;
}

export type Lang = keyof Text;

/** What a cell may hold: a count (integer ≥ 0), an amount (万元, decimal ≥ 0), or a signed change. */
export type CellKind = 'count' | 'amount' | 'delta';

export interface ColumnDef {
  key: string;
  label: Text;
  kind: CellKind;
}

/**
 * One data row of an official table. `match` tells the locator how to recognise the row's label:
 * every word of one of the `words` alternatives must occur in the normalised label, or the label
 * starts with `number` inside the row's `group`.
 */
export interface RowDef {
  /** JSON Pointer of the row in the canonical report, e.g. `/requests/results/denied/stateSecret`. */
  pointer: string;
  label: Text;
  /** The group label the row sits under in the template, e.g. `（三）不予公开`. */
  group?: GroupDef;
  columns: ColumnDef[];
  match: RowMatch;
  /** Table 二's sub-heading the row is printed under, e.g. `第二十条第（一）项` (layout of writers). */
  section?: string;
}

export interface RowMatch {
  /** Numbering as printed, normalised: `一、`, `(一)`, `1.`. */
  number?: string;
  /** Alternatives; each is a list of words that must all occur. */
  words: string[][];
}

export interface GroupDef {
  /** JSON Pointer of the group object, e.g. `/requests/results/denied`. */
  pointer: string;
  label: Text;
  match: RowMatch;
}

export type TableId = 'proactive' | 'requests' | 'appeals';

export interface TableDef {
  id: TableId;
  /** Section heading, e.g. `二、主动公开政府信息情况`. */
  label: Text;
  /** Words that identify the section heading or the table's header. */
  headingWords: string[][];
  rows: RowDef[];
  /** Group labels that carry no numbers of their own. */
  groups: GroupDef[];
}

export type FormatVersion = '2021' | '2019';

export interface FormatDef {
  version: FormatVersion;
  tables: TableDef[];
}
