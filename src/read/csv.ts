import { InputError } from '../model.js';
import type { Grid, GridCell, GridRow } from './grid.js';

/** Spreadsheet exports come comma-, semicolon- or tab-separated; the first lines tell which. */
function sniffDelimiter(text: string): Separator {
  const head = text.slice(0, 2000);
  const count = (d: string) => {
    let n = 0;
    for (let i = head.indexOf(d); i !== -1; i = head.indexOf(d, i + 1)) n++;
    return n;
  };
  const candidates = (Object.keys(UNQUOTED) as Separator[]).map((d) => [d, count(d)] as const);
  candidates.sort((a, b) => b[1] - a[1]);
  return candidates[0]![1] > 0 ? candidates[0]![0] : ',';
}

/** An unquoted cell, up to the separator or the end of the line (sticky: matched where lastIndex says). */
const UNQUOTED = { ',': /[^,\r\n]*/y, '\t': /[^\t\r\n]*/y, ';': /[^;\r\n]*/y };
type Separator = keyof typeof UNQUOTED;

const QUOTE = 34; // "
const LF = 10;
const CR = 13;

/**
 * CSV (RFC 4180, as Excel and WPS write it) → grid. Hand-written rather than a library because
 * exports have rows of every length, and a parser that treats that as an error to relax costs more
 * than the rest of the check; this one also knows the line each cell starts on. Lenient where
 * exports are sloppy (a quote inside an unquoted cell, text after a closing quote is kept as
 * written); a quoted cell that never closes is an input error naming the line it opens on.
 */
export function readCsv(text: string, file: string): Grid {
  const separator = sniffDelimiter(text);
  const delimiter = separator.charCodeAt(0);
  // Matched by the regex engine, not a loop over characters: fast from the first file of a batch.
  const unquoted = UNQUOTED[separator];
  const rows: GridRow[] = [];
  const n = text.length;
  let line = 1;
  let i = 0;
  let cells: GridCell[] = [];
  let rowLine = 1;
  while (i <= n) {
    // One cell, starting at i.
    const cellLine = line;
    let value = '';
    if (text.charCodeAt(i) === QUOTE) {
      i++;
      let start = i;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q === -1)
          throw new InputError('csv', { zh: `${file}：第 ${cellLine} 行：带引号的单元格没有结束的引号`, en: `${file}: line ${cellLine}: a quoted field is never closed` });
        value += text.slice(start, q);
        i = q + 1;
        if (text.charCodeAt(i) === QUOTE) {
          value += '"';
          start = ++i;
          continue;
        }
        break;
      }
      line += countLines(value);
    }
    // Unquoted cell, or what follows a closing quote: up to the delimiter or the end of the line.
    unquoted.lastIndex = i;
    unquoted.test(text);
    value += text.slice(i, unquoted.lastIndex);
    i = unquoted.lastIndex;
    cells.push({ text: value, line: cellLine, column: cells.length + 1 });
    const c = text.charCodeAt(i);
    if (c === delimiter) {
      i++;
      continue;
    }
    // End of a record: a line break, or the end of the text. An empty line is no record: it says
    // nothing, and millions of them (under the size limit) would cost a row object each.
    if (cells.length > 1 || value !== '') rows.push({ line: rowLine, cells });
    cells = [];
    if (c === CR && text.charCodeAt(i + 1) === LF) i++;
    i++;
    line++;
    rowLine = line;
    if (i >= n) break; // a final line break ends the last record; it does not start one
  }
  return { rows };
}

/** Line breaks inside a quoted cell (CRLF counts once). */
function countLines(s: string): number {
  let lines = 0;
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c === LF || (c === CR && s.charCodeAt(k + 1) !== LF)) lines++;
  }
  return lines;
}
