import { parse, type DefaultTreeAdapterMap } from 'parse5';
import { InputError, type ProseLine } from '../model.js';
import { decode } from './decode.js';
import type { Grid, GridCell, GridRow } from './grid.js';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

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
    throw new InputError('encoding', `${file}: the page says it is ${declared} but is not readable as ${declared} text`);
  }
}

/** Elements that end a line of text: their text is not run into the text beside them. */
const BLOCKS = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'center', 'dd', 'div', 'dl', 'dt', 'figcaption', 'figure', 'footer',
  'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'title', 'ul',
]);
const SKIP = new Set(['script', 'style', 'template', 'noscript', 'svg', 'math']);

const isElement = (node: Node): node is Element => 'tagName' in node;
const childrenOf = (node: Node): Node[] => ('childNodes' in node ? (node.childNodes as Node[]) : []);
const tidy = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * A saved report page → the grid of its `<table>`s, in document order, with rowspan and colspan
 * resolved (a spanned cell's text stays in its first row and column, the other places are blank,
 * so that every number keeps its column), and the text outside the tables as lines, for headings
 * and the prose rules. Text split over `<span>`s and `<p>`s inside a cell is joined.
 */
export function readHtml(text: string): Grid {
  const document = parse(text, { sourceCodeLocationInfo: true });
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
  const walk = (node: Node): void => {
    if (isElement(node)) {
      if (SKIP.has(node.tagName)) return;
      // A table whose cells hold other tables lays out the page (old sites put the whole article in
      // one): its text is prose and its inner tables are the report's, in document order.
      if (node.tagName === 'table' && !holdsTable(node)) {
        flush();
        rows.push(...tableRows(node));
        return;
      }
      const block = BLOCKS.has(node.tagName) || LAYOUT.has(node.tagName);
      if (block) flush();
      for (const child of childrenOf(node)) walk(child);
      if (block) flush();
      return;
    }
    if (node.nodeName === '#text') {
      const value = (node as DefaultTreeAdapterMap['textNode']).value;
      if (value.trim() && !bufferLine) bufferLine = node.sourceCodeLocation?.startLine ?? 1;
      buffer += value;
      return;
    }
    for (const child of childrenOf(node)) walk(child); // the document, a fragment
  };
  walk(document);
  flush();
  return { rows, prose };
}

/** The rows of one table (not of the tables nested in its cells, which follow it). */
function tableRows(table: Element): GridRow[] {
  const trs: Element[] = [];
  const nested: Element[] = [];
  const collect = (node: Node) => {
    for (const child of childrenOf(node)) {
      if (!isElement(child)) continue;
      if (child.tagName === 'tr') {
        trs.push(child);
        for (const cell of childrenOf(child)) if (isElement(cell)) findTables(cell, nested);
      } else if (['thead', 'tbody', 'tfoot'].includes(child.tagName)) collect(child);
    }
  };
  collect(table);

  const grid: (GridCell | undefined)[][] = [];
  trs.forEach((tr, r) => {
    const row = (grid[r] ??= []);
    let column = 0;
    for (const td of childrenOf(tr)) {
      if (!isElement(td) || (td.tagName !== 'td' && td.tagName !== 'th')) continue;
      while (row[column]) column++;
      const span = (name: string) => Math.min(Math.max(Number.parseInt(td.attrs.find((a) => a.name === name)?.value ?? '1', 10) || 1, 1), 100);
      const rowspan = span('rowspan');
      const colspan = span('colspan');
      const where = td.sourceCodeLocation ?? tr.sourceCodeLocation;
      const line = where?.startLine ?? 1;
      const col = where?.startCol ?? 1;
      for (let dr = 0; dr < rowspan && r + dr < trs.length; dr++)
        for (let dc = 0; dc < colspan; dc++) {
          const target = (grid[r + dr] ??= []);
          target[column + dc] = { text: dr === 0 && dc === 0 ? cellText(td) : '', line, column: col };
        }
      column += colspan;
    }
  });
  const out: GridRow[] = grid.map((cells, r) => {
    const line = trs[r]!.sourceCodeLocation?.startLine ?? 1;
    const filled = Array.from(cells, (c) => c ?? { text: '', line, column: 1 });
    return { line: filled.find((c) => c.text)?.line ?? line, cells: filled };
  });
  for (const inner of nested) out.push(...tableRows(inner));
  return out.filter((r) => r.cells.some((c) => c.text !== ''));
}

const LAYOUT = new Set(['table', 'tbody', 'thead', 'tfoot', 'tr', 'td', 'th', 'caption']);

function holdsTable(table: Element): boolean {
  const found: Element[] = [];
  findTables(table, found);
  return found.length > 0;
}

function findTables(node: Node, into: Element[]): void {
  for (const child of childrenOf(node)) {
    if (!isElement(child)) continue;
    if (child.tagName === 'table') into.push(child);
    else findTables(child, into);
  }
}

/** A cell's text: its text nodes joined, a line break or a paragraph read as a space. */
function cellText(cell: Element): string {
  let text = '';
  const walk = (node: Node) => {
    if (isElement(node)) {
      if (SKIP.has(node.tagName) || node.tagName === 'table') return;
      const block = BLOCKS.has(node.tagName);
      if (block) text += ' ';
      for (const child of childrenOf(node)) walk(child);
      if (block) text += ' ';
    } else if (node.nodeName === '#text') text += (node as DefaultTreeAdapterMap['textNode']).value;
  };
  walk(cell);
  return tidy(text);
}
