import type { ProseLine } from '../model.js';

/** A cell of a table as written in the input, with where it was written. */
export interface GridCell {
  text: string;
  line: number;
  column: number;
  /** Spreadsheet-style reference when the input has one (`J23`). */
  ref?: string;
}

/** One row of a table as it appears in the input: a CSV record or a `a | b | c` line. */
export interface GridRow {
  line: number;
  cells: GridCell[];
  /** A line of text with no cell separators (text and HTML input): prose, a heading, or a table run together. */
  text?: true;
}

/** What a tabular reader hands to the locator. */
export interface Grid {
  rows: GridRow[];
  /** The lines outside the tables, for the prose rules (text and HTML input). */
  prose?: ProseLine[];
  /**
   * Set when a column's cells need not share an index from row to row: text, where a table's
   * merged cells are dropped (`（二）部分公开 | 0 | …` beside `| 1.属于国家秘密 | 0 | …`). In a
   * CSV, a workbook or a page's table (its spans expanded), they do.
   */
  loose?: true;
}
