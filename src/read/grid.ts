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
}

/** What a tabular reader hands to the locator. */
export interface Grid {
  rows: GridRow[];
}
