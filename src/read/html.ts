import { InputError, type ProseLine } from '../model.js';
import { decode } from './decode.js';
import type { Grid, GridCell, GridRow } from './grid.js';
import { Element, MAX_HTML_DEPTH, Text, TooDeep, parseHtml, type Node } from './html-tree.js';
import { LineIndex } from './position.js';

/**
 * A saved page's bytes → text. The BOM decides; then the page's own `<meta charset>` (or the
 * `http-equiv` form), which is how GBK pages from government sites say what they are; otherwise
 * the same guess as for any text (UTF-8, else GB18030).
 */
export function decodeHtml(bytes: Uint8Array, file: string): string {
  const bom = (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) || (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (bom) return decode(bytes, file);
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  const declared = /<meta[^>]*?charset\s*=\s*["']?\s*([\w-]+)/i.exec(head)?.[1]?.toLowerCase();
  const label = declared && /^(gbk|gb2312|gb18030|x-gbk|cp936|euc-cn)$/.test(declared) ? 'gb18030' : declared;
  if (!label || label === 'utf-8' || label === 'utf8') return decode(bytes, file);
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label, { fatal: true });
  } catch {
    return decode(bytes, file); // a charset Node does not know: guess as for any text
  }
  try {
    return decoder.decode(bytes);
  } catch {
    throw new InputError('encoding', {
      zh: `${file}：网页声明的编码是 ${declared}，却无法按 ${declared} 读取`,
      en: `${file}: the page says it is ${declared} but is not readable as ${declared} text`,
    });
  }
}

/** Elements that end a line of text: their text is not run into the text beside them. */
const BLOCKS = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'center', 'dd', 'div', 'dl', 'dt', 'figcaption', 'figure', 'footer',
  'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'title', 'ul',
]);
const SKIP = new Set(['script', 'style', 'template', 'noscript', 'svg', 'math']);
const LAYOUT = new Set(['table', 'tbody', 'thead', 'tfoot', 'tr', 'td', 'th', 'caption']);

/** Blanks run together and trimmed (most cells are a number: nothing to do). */
const tidy = (text: string) => (/\s/.test(text) ? text.replace(/\s+/g, ' ').trim() : text);

/**
 * A saved report page → the grid of its `<table>`s, in document order, with rowspan and colspan
 * resolved (a spanned cell's text stays in its first row and column, the other places are blank,
 * so that every number keeps its column), and the text outside the tables as lines, for headings
 * and the prose rules. Text split over `<span>`s and `<p>`s inside a cell is joined.
 */
export function readHtml(text: string, file: string): Grid {
  // A browser counts a lone CR as a line break too (old Mac files).
  const lines = new LineIndex(text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text);
  try {
    return gridOf(parseHtml(text), lines);
  } catch (error) {
    if (error instanceof TooManyCells) {
      const { line, column } = lines.at(error.offset);
      const limit = MAX_PLACES.toLocaleString('en-US');
      throw new InputError('html', {
        zh: `${file}：第 ${line} 行第 ${column} 列：表格超过 ${limit} 个单元格（含 rowspan、colspan 展开的）；报告的表格只有几百个`,
        en: `${file}: line ${line}, column ${column}: tables of more than ${limit} cells (rowspan and colspan spread out); a report's have a few hundred`,
      });
    }
    if (!(error instanceof TooDeep)) throw error;
    const { line, column } = lines.at(error.offset);
    throw new InputError('html', {
      zh: `${file}：第 ${line} 行第 ${column} 列：元素嵌套超过 ${MAX_HTML_DEPTH} 层；报告网页只嵌套几十层`,
      en: `${file}: line ${line}, column ${column}: elements nested more than ${MAX_HTML_DEPTH} deep; a report page nests a few dozen`,
    });
  }
}

/**
 * The places a page's tables may have, rowspan and colspan spread out: far more than any report's
 * (a few hundred), and a bound on the memory a page takes. Spans are capped at 100 each, but rows
 * pushed right by the rowspans above them grow without end: 400 KB of spans would take 4 GB.
 */
export const MAX_PLACES = 1_000_000;

/** A page whose tables spread out beyond MAX_PLACES, at the `<td>` that went over. */
class TooManyCells extends Error {
  constructor(readonly offset: number) {
    super('too many table cells');
  }
}

function gridOf(page: Element, lines: LineIndex): Grid {
  const places = { left: MAX_PLACES };
  const rows: GridRow[] = [];
  const prose: ProseLine[] = [];
  let buffer = '';
  let bufferLine = 0;
  const flush = () => {
    const line = tidy(buffer);
    if (line) {
      rows.push({ line: bufferLine, cells: [{ text: line, line: bufferLine, column: 1 }], text: true });
      prose.push({ line: bufferLine, text: line });
    }
    buffer = '';
    bufferLine = 0;
  };
  const walk = (node: Node, depth: number): void => {
    if (node instanceof Text) {
      // The line of a run of text is where the first of its text nodes with more than blanks starts.
      if (!bufferLine && /\S/.test(node.value)) bufferLine = lines.at(node.start).line;
      buffer += node.value;
      return;
    }
    if (!(node instanceof Element) || SKIP.has(node.tag)) return;
    if (depth > MAX_HTML_DEPTH) throw new TooDeep(Math.max(node.start, 0)); // the tree is as deep as the parser's stack was; this is a guard
    // A table whose cells hold other tables lays out the page (old sites put the whole article in
    // one): its text is prose and its inner tables are the report's, in document order.
    if (node.tag === 'table' && !node.holdsTable) {
      flush();
      for (const row of tableRows(node, lines, places)) rows.push(row); // not push(...): a table may have 100,000 rows
      return;
    }
    const block = BLOCKS.has(node.tag) || LAYOUT.has(node.tag);
    if (block) flush();
    for (const child of node.children) walk(child, depth + 1);
    if (block) flush();
  };
  walk(page, 0);
  flush();
  return { rows, prose };
}

/** The rows of a table that holds no other table. */
function tableRows(table: Element, lines: LineIndex, places: { left: number }): GridRow[] {
  const trs: Element[] = [];
  for (const child of table.children) {
    if (!(child instanceof Element)) continue;
    if (child.tag === 'tr') trs.push(child);
    else if (child.tag === 'thead' || child.tag === 'tbody' || child.tag === 'tfoot')
      for (const tr of child.children) if (tr instanceof Element && tr.tag === 'tr') trs.push(tr);
  }

  const grid: (GridCell | undefined)[][] = trs.map(() => []);
  for (let r = 0; r < trs.length; r++) {
    const row = grid[r]!;
    let column = 0;
    for (const td of trs[r]!.children) {
      if (!(td instanceof Element) || (td.tag !== 'td' && td.tag !== 'th')) continue;
      while (row[column]) column++;
      const rowspan = span(td.rowspan);
      const colspan = span(td.colspan);
      places.left -= Math.min(rowspan, trs.length - r) * colspan;
      if (places.left < 0) throw new TooManyCells(Math.max(td.start, 0));
      // A cell is where its `<td>` starts.
      const { line, column: col } = lines.at(td.start);
      const text = cellText(td);
      for (let dr = 0; dr < rowspan && r + dr < trs.length; dr++)
        for (let dc = 0; dc < colspan; dc++) grid[r + dr]![column + dc] = { text: dr === 0 && dc === 0 ? text : '', line, column: col };
      column += colspan;
    }
  }

  const out: GridRow[] = [];
  for (let r = 0; r < trs.length; r++) {
    const cells = grid[r]!;
    const first = cells.find((c) => c?.text);
    if (!first) continue; // a row with no text is left out
    // A row implied by a cell (`<table><td>`) has no line of its own.
    const start = trs[r]!.start;
    const line = start < 0 ? 1 : lines.at(start).line;
    for (let c = 0; c < cells.length; c++)
      if (!cells[c]) {
        // a place no cell covers, left of one a rowspan brought down: blank, and counted as well
        if (--places.left < 0) throw new TooManyCells(Math.max(start, 0));
        cells[c] = { text: '', line, column: 1 };
      }
    out.push({ line: first.line, cells: cells as GridCell[] });
  }
  return out;
}

const span = (value: string | undefined) => (value === undefined ? 1 : Math.min(Math.max(Number.parseInt(value, 10) || 1, 1), 100));

/** A cell's text: its text nodes joined, a line break or a paragraph read as a space. */
const cellText = (cell: Element): string => tidy(textOf(cell));

function textOf(element: Element, depth = 0): string {
  if (depth > MAX_HTML_DEPTH) throw new TooDeep(Math.max(element.start, 0));
  let text = '';
  for (const child of element.children)
    if (child instanceof Text) text += child.value;
    else if (child instanceof Element && !SKIP.has(child.tag)) text += BLOCKS.has(child.tag) ? ` ${textOf(child, depth + 1)} ` : textOf(child, depth + 1);
  return text;
}
