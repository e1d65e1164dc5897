import type { ProseLine } from '../model.js';
import type { Grid, GridCell, GridRow } from './grid.js';

/** A line that is only a cell separator: the one-cell-per-line layout of a copied web table. */
const LONE_SEPARATOR = /^\s*\|+\s*$/;

/** Splits a `a | b | c |` line into cells, each with the column it starts at. */
function cellsOf(text: string, line: number): GridCell[] {
  const cells: GridCell[] = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i < text.length && text[i] !== '|') continue;
    const raw = text.slice(start, i);
    const value = raw.trim();
    // a value where it starts; a blank cell just inside its opening bar, not at the bar that closes it
    const lead = value === '' ? 0 : raw.length - raw.trimStart().length;
    cells.push({ text: value, line, column: start + lead + 1 });
    start = i + 1;
  }
  // Trailing empty cells stay: `（六）其他处理 |  |  | …` is a row of blanks; the locator drops the
  // ones a row does not need (`a | b | |||`).
  return cells;
}

/**
 * The published report as text (copied from the page or a PDF's text layer) → a grid of its table
 * rows, in reading order, and its prose lines. Tables come flattened to `a | b | c` lines, or one
 * cell per line with a lone `|` between cells; every other line is kept as a one-cell text row,
 * so that the locator sees headings, and as prose, so that the prose rules see the statements.
 */
export function readText(text: string): Grid {
  const lines = text.split(/\r\n|\r|\n/);
  const rows: GridRow[] = [];
  let current: GridRow | undefined;
  /** A lone `|` was the last line: the next line is the current row's next cell. */
  let continues = false;
  /** The line before was blank (its number): before a lone `|`, it was a blank cell, a row's first. */
  let blankBefore: number | undefined;
  lines.forEach((content, index) => {
    const line = index + 1;
    const blankCell = blankBefore;
    blankBefore = content.trim() === '' ? line : undefined;
    if (LONE_SEPARATOR.test(content)) {
      // `总计` / (blank) / `|` / `0`: a row of one cell per line whose first value is blank
      // (after a table's row, not after prose: `text` / (blank) / `|` / `text` is no table)
      const after = rows[rows.length - 1];
      if (!current && blankCell !== undefined && after !== undefined && !after.text && after.cells.length > 1)
        rows.push((current = { line: blankCell, cells: [{ text: '', line: blankCell, column: 1 }] }));
      if (current) {
        // `||` on its own line: the cells between the bars are blank.
        const bars = content.trim().length;
        for (let i = 1; i < bars; i++) current.cells.push({ text: '', line, column: content.indexOf('|') + i + 1 });
        delete current.text;
        continues = true;
      }
      return;
    }
    if (continues && current) {
      continues = false;
      const cells = content.includes('|') ? cellsOf(content, line) : [{ text: content.trim(), line, column: content.length - content.trimStart().length + 1 }];
      for (const cell of cells) current.cells.push(cell); // not push(...cells): a line may hold a million
      return;
    }
    continues = false;
    if (content.trim() === '') {
      current = undefined;
      return;
    }
    if (content.includes('|')) current = { line, cells: cellsOf(content, line) };
    else current = { line, cells: [{ text: content.trim(), line, column: content.length - content.trimStart().length + 1 }], text: true };
    rows.push(current);
  });
  const prose: ProseLine[] = rows.filter((r) => r.text).map((r) => ({ line: r.line, text: r.cells[0]!.text }));
  return { rows, prose, loose: true };
}
