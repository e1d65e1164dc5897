/**
 * XLSX workbooks, read by a small synchronous reader of our own (ZIP in ./zip.ts): the sheet list,
 * the shared strings and each sheet's cells, found with regular expressions over the few
 * SpreadsheetML elements that hold them. A library's asynchronous streams and XML parser cost
 * ~4–9 ms per workbook; this reads one in a few tenths of a millisecond.
 *
 * The first sheet that holds the tables becomes the same Grid the CSV reader makes, each cell
 * keeping its spreadsheet reference (`J23`) so that findings point where a person looks in Excel
 * or WPS.
 */
import { InputError, NOT_A_REPORT, mentionsReport } from '../model.js';
import type { Grid, GridRow } from './grid.js';
import { openZip, refuse, Unreadable, type Zip } from './zip.js';

/** Words only a sheet holding the report's tables has (a cover or notes sheet does not). */
const TABLE_WORDS = ['本年新收', '上年结转', '主动公开政府信息', '行政复议'];

/** A table sheet wider or longer than this (a stray value at XFD1048576, say) is not a report's. */
const MAX_CELLS = 1_000_000;

/** 0 → A, 25 → Z, 26 → AA. */
export function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

export async function readXlsx(bytes: Uint8Array, file: string): Promise<Grid> {
  try {
    return readWorkbook(bytes, file);
  } catch (error) {
    if (error instanceof InputError) throw error;
    const reason = error instanceof Unreadable ? error.reason : error instanceof Error && error.message ? error.message.split('\n')[0]! : 'unknown error';
    const why = typeof reason === 'string' ? { zh: reason, en: reason } : reason;
    throw new InputError('xlsx', { zh: `${file}：不是可读取的 XLSX 工作簿（${why.zh}）`, en: `${file}: not a readable XLSX workbook (${why.en})` });
  }
}

/** What every sheet's cells are read with. */
interface Book {
  shared: string[];
  /** Whether a cell style (`s="3"`) formats numbers as dates. */
  isDate: (style: string) => boolean;
  date1904: boolean;
}

/** A cell that holds something; blank cells are left out. */
interface Cell {
  row: number;
  column: number;
  text: string;
}

function readWorkbook(bytes: Uint8Array, file: string): Grid {
  const zip = openZip(bytes);
  const { sheets, date1904 } = readSheetList(zip.text('xl/workbook.xml') ?? refuse({ zh: '缺少 xl/workbook.xml', en: 'no xl/workbook.xml' }));
  const parts = readRelationships(zip.text('xl/_rels/workbook.xml.rels') ?? refuse('no xl/_rels/workbook.xml.rels'));
  const book: Book = {
    shared: readSharedStrings(zip.text(parts.sharedStrings ?? 'xl/sharedStrings.xml') ?? ''),
    isDate: dateStyles(zip, parts.styles ?? 'xl/styles.xml'),
    date1904,
  };
  // Sheets are read in order until one holds the tables: the sheets after it are not read at all.
  // A part that several sheets name is read once: it holds no tables the second time either.
  let mentioned = false;
  const seen = new Set<string>();
  for (const sheet of sheets) {
    const path = parts.sheets.get(sheet.id);
    if (path === undefined) continue; // a chart sheet: no cells
    if (seen.has(path)) continue;
    seen.add(path);
    const cells = readCells(zip.text(path) ?? refuse(`no ${path}`), book);
    if (cells.some((cell) => TABLE_WORDS.some((w) => cell.text.includes(w)))) return gridOf(cells, sheet.name);
    mentioned ||= mentionsReport(cells.map((cell) => cell.text));
  }
  const names = sheets.map((s) => s.name);
  throw new InputError(mentioned ? 'unrecognised' : NOT_A_REPORT, {
    zh: `${file}：工作簿中没有哪个工作表含有信息公开年度报告的表格（工作表：${names.join('、') || '无'}）`,
    en: `${file}: no sheet of the workbook holds the tables of a disclosure report (sheets: ${names.join(', ') || 'none'})`,
  });
}

/**
 * Rows 1 to the last that holds something, each as wide as the widest (the shape read-excel-file
 * gave, which the locator was written against); blank cells have text ''.
 */
function gridOf(cells: Cell[], sheet: string): Grid {
  let height = 0;
  let width = 0;
  for (const cell of cells) {
    height = Math.max(height, cell.row);
    width = Math.max(width, cell.column);
  }
  if (height * width > MAX_CELLS) refuse(`sheet ${sheet} spans ${height} rows × ${width} columns`);
  const names = Array.from({ length: width }, (_, c) => columnName(c));
  const rows: GridRow[] = [];
  for (let r = 1; r <= height; r++) rows.push({ line: r, cells: names.map((name, c) => ({ text: '', line: r, column: c + 1, ref: `${name}${r}` })) });
  for (const cell of cells) rows[cell.row - 1]!.cells[cell.column - 1]!.text = cell.text;
  return { rows };
}

// ——— XML. Element names may carry a namespace prefix (`<x:c>`, as some writers put it). ———
//
// Every scan moves forward and looks at each character a bounded number of times, whatever the
// file holds: a tag ends at its first `>`, and the scan goes on after it; an element's end tag is
// searched for from where the element starts, and once one is missing it is missing for every
// later element of that name, which is then not searched for again. (A regular expression such as
// `<si>([\s\S]*?)</si>` retried at each of 200,000 `<si>` never closed reads the rest of the text
// from each of them: a 12 KB workbook took minutes.)

const P = '(?:[\\w.-]+:)?';

/** A start tag: its name, its attributes (the text between the name and `>` or `/>`), where it ends. */
interface Tag {
  /** Without its prefix: the pattern may name several elements (`row|c`). */
  name: string;
  attributes: string;
  selfClosing: boolean;
  /** Just after its `>`. */
  end: number;
}

/** Where the start tags of the elements named (`c`, `row|c`) begin: `<c` or `<x:c`, then a space, `>` or `/>`. */
const startTag = (names: string) => new RegExp(`<${P}(${names})(?=\\s|/?>)`, 'g');

/**
 * The first start tag the pattern finds at or after `from`; none when none is there, or when it
 * never ends (no `>` after it: no later one ends either).
 */
function nextTag(xml: string, pattern: RegExp, from: number): Tag | undefined {
  pattern.lastIndex = from;
  const m = pattern.exec(xml);
  if (!m) return undefined;
  const nameEnd = pattern.lastIndex;
  const gt = xml.indexOf('>', nameEnd);
  if (gt < 0) return undefined;
  const selfClosing = gt > nameEnd && xml.charCodeAt(gt - 1) === 0x2f; // `/>`
  const attributes = gt === nameEnd ? '' : xml.slice(nameEnd + 1, selfClosing ? gt - 1 : gt);
  return { name: m[1]!, attributes, selfClosing, end: gt + 1 };
}

/** Every start tag of an element, in order. */
function* startTags(xml: string, pattern: RegExp): Generator<Tag> {
  for (let tag = nextTag(xml, pattern, 0); tag; tag = nextTag(xml, pattern, tag.end)) yield tag;
}

/** The end tags of an element (`</c>`, `</x:c>`). */
const endTag = (name: string) => new RegExp(`</${P}${name}>`, 'g');

/**
 * Finds an element's end tags forward in one text: where one starts and where it ends, from a
 * position on. Once none is found from a position, none is from any later one, and the text is
 * not read again.
 */
function endTags(xml: string, pattern: RegExp): (from: number) => { start: number; end: number } | undefined {
  let missingFrom = Infinity;
  return (from) => {
    if (from >= missingFrom) return undefined;
    pattern.lastIndex = from;
    const m = pattern.exec(xml);
    if (m) return { start: m.index, end: pattern.lastIndex };
    missingFrom = from;
    return undefined;
  };
}

/**
 * An element's content, '' when empty or self-closing: each element's in order with `all`, else
 * the first's (`undefined` when there is none). An element never closed is passed over (a
 * self-closing one after it is still read).
 */
function element(name: string): { (xml: string): string | undefined; all(xml: string): string[] } {
  const start = startTag(name);
  const end = endTag(name);
  const contents = (xml: string, first: boolean): string[] => {
    const found: string[] = [];
    const endOf = endTags(xml, end);
    for (let tag = nextTag(xml, start, 0); tag; ) {
      let next = tag.end;
      if (tag.selfClosing) found.push('');
      else {
        const close = endOf(tag.end);
        if (close) {
          found.push(xml.slice(tag.end, close.start));
          next = close.end;
        }
      }
      if (first && found.length > 0) break;
      tag = nextTag(xml, start, next);
    }
    return found;
  };
  return Object.assign((xml: string) => contents(xml, true)[0], { all: (xml: string) => contents(xml, false) });
}

/** An attribute's value, entities decoded; a prefix on its name (`r:id`) is ignored. */
function attribute(name: string): (attributes: string) => string | undefined {
  const re = new RegExp(`(?:^|\\s)${P}${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`);
  return (attributes) => {
    const m = re.exec(attributes);
    return m ? decodeXml(m[1] ?? m[2] ?? '') : undefined;
  };
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
/** An entity or character reference, or the start of a CDATA section or a comment (their ends are searched for apart). */
const MARKUP = /&(?:#x([0-9a-f]+)|#(\d+)|(amp|lt|gt|quot|apos));|<!(\[CDATA\[|--)/gi;

/** Text content: the five entities, character references, CDATA sections; comments dropped. */
function decodeXml(text: string): string {
  if (!text.includes('&') && !text.includes('<')) return text;
  let out = '';
  let done = 0;
  // A CDATA section or a comment without its end is left as it is, as is every later one.
  let noCdataEnd = false;
  let noCommentEnd = false;
  MARKUP.lastIndex = 0;
  for (let m: RegExpExecArray | null; (m = MARKUP.exec(text)); ) {
    const [all, hex, decimal, named, opening] = m;
    let replacement: string;
    if (opening !== undefined) {
      const cdata = opening !== '--';
      if (cdata ? noCdataEnd : noCommentEnd) continue;
      const close = text.indexOf(cdata ? ']]>' : '-->', MARKUP.lastIndex);
      if (close < 0) {
        if (cdata) noCdataEnd = true;
        else noCommentEnd = true;
        continue;
      }
      replacement = cdata ? text.slice(MARKUP.lastIndex, close) : '';
      MARKUP.lastIndex = close + 3;
    } else if (named) {
      replacement = ENTITIES[named.toLowerCase()] ?? all;
    } else {
      const code = hex ? parseInt(hex, 16) : Number(decimal);
      replacement = code <= 0x10ffff ? String.fromCodePoint(code) : all;
    }
    out += text.slice(done, m.index) + replacement;
    done = MARKUP.lastIndex;
  }
  return out + text.slice(done);
}

/** `_x000D_`: a character XML 1.0 cannot hold, as SpreadsheetML writes it in strings (ST_Xstring). */
const unescapeXstring = (text: string) =>
  text.includes('_x') ? text.replace(/_x([0-9a-f]{4})_/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text;

// ——— The workbook's parts ———

const SHEET = startTag('sheet');
const WORKBOOK_PR = startTag('workbookPr');
const nameOf = attribute('name');
const idOf = attribute('id');
const date1904Of = attribute('date1904');

/** The sheets in the workbook's order, with their relationship ids; and the date system. */
function readSheetList(xml: string): { sheets: { name: string; id: string }[]; date1904: boolean } {
  const sheets: { name: string; id: string }[] = [];
  for (const { attributes } of startTags(xml, SHEET)) {
    const name = nameOf(attributes);
    if (name !== undefined) sheets.push({ name: unescapeXstring(name), id: idOf(attributes) ?? '' });
  }
  const flag = date1904Of(nextTag(xml, WORKBOOK_PR, 0)?.attributes ?? '');
  return { sheets, date1904: flag === '1' || flag === 'true' };
}

const RELATIONSHIP = startTag('Relationship');
const relationshipId = attribute('Id');
const typeOf = attribute('Type');
const targetOf = attribute('Target');

/** Where the sheets (by relationship id), the shared strings and the styles are. */
function readRelationships(xml: string): { sheets: Map<string, string>; sharedStrings?: string; styles?: string } {
  const parts: { sheets: Map<string, string>; sharedStrings?: string; styles?: string } = { sheets: new Map() };
  for (const { attributes } of startTags(xml, RELATIONSHIP)) {
    const type = lastSegment(typeOf(attributes));
    const target = targetOf(attributes);
    if (target === undefined) continue;
    // Targets are relative to xl/; a few writers give them from the root (`/xl/worksheets/sheet1.xml`).
    const path = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
    if (type === 'worksheet') parts.sheets.set(relationshipId(attributes) ?? '', path);
    else if (type === 'sharedStrings') parts.sharedStrings = path;
    else if (type === 'styles') parts.styles = path;
  }
  return parts;
}

/** A relationship type's last segment (`…/relationships/worksheet` → `worksheet`). */
const lastSegment = (type: string | undefined) => type?.slice(type.lastIndexOf('/') + 1);

const STRING_ITEM = element('si');

/** The string items; one never closed is not one (a cell that refers to it is refused). */
function readSharedStrings(xml: string): string[] {
  return STRING_ITEM.all(xml).map(richText);
}

/** A `<t>` of a string, or a phonetic run (`<rPh>`, a reading of East Asian text), which is not the string's text. */
const TEXT_RUN = new RegExp(`<${P}(rPh\\b|t(?=[\\s/>]))`, 'g');
const TEXT_END = endTag('t');
const PHONETIC_END = endTag('rPh');

/** A string item (`<si>`, `<is>`): its `<t>`, or its rich-text runs' `<t>`s joined. */
function richText(xml: string): string {
  let text = '';
  const textEnd = endTags(xml, TEXT_END);
  const phoneticEnd = endTags(xml, PHONETIC_END);
  for (let tag = nextTag(xml, TEXT_RUN, 0); tag; ) {
    let next = tag.end;
    if (tag.name === 'rPh') {
      // the reading's `<t>`s are passed over; a reading never closed is no reading
      if (!tag.selfClosing) next = phoneticEnd(tag.end)?.end ?? tag.end;
    } else if (!tag.selfClosing) {
      // (`<t/>`, `<t xml:space="preserve"/>`: an empty run, as some writers put it)
      const end = textEnd(tag.end);
      if (!end) break; // a `<t>` never closed: no text after it
      text += decodeXml(xml.slice(tag.end, end.start));
      next = end.end;
    }
    tag = nextTag(xml, TEXT_RUN, next);
  }
  return unescapeXstring(text);
}

// ——— Dates: numbers shown with a date format ———

/** Built-in number formats that are dates (ECMA-376 18.8.30, with the Chinese, Japanese, Korean and Thai ones). */
const DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47]);
for (let id = 50; id <= 58; id++) DATE_FORMATS.add(id);
for (let id = 71; id <= 81; id++) DATE_FORMATS.add(id);

const NUMBER_FORMAT = startTag('numFmt');
const BASE_STYLES = element('cellStyleXfs');
const CELL_STYLES = element('cellXfs');
const XF = startTag('xf');
const numFmtIdOf = attribute('numFmtId');
const formatCodeOf = attribute('formatCode');
const xfIdOf = attribute('xfId');

/**
 * Which cell styles format numbers as dates, read from the styles part when a number first has a
 * style: a date is a number in the file, told apart only by its format.
 */
function dateStyles(zip: Zip, path: string): (style: string) => boolean {
  let dates: boolean[] | undefined;
  return (style) => {
    dates ??= readDateStyles(zip.text(path) ?? '');
    return dates[Number(style)] === true;
  };
}

function readDateStyles(xml: string): boolean[] {
  const codes = new Map<number, string>();
  for (const { attributes } of startTags(xml, NUMBER_FORMAT)) {
    const id = Number(numFmtIdOf(attributes));
    const code = formatCodeOf(attributes);
    if (id >= 100 && code !== undefined) codes.set(id, code);
  }
  const formats = (part: string | undefined) => Array.from(startTags(part ?? '', XF), (tag) => tag.attributes);
  const base = formats(BASE_STYLES(xml)).map((attributes) => numFmtIdOf(attributes));
  return formats(CELL_STYLES(xml)).map((attributes) => {
    const xfId = Number(xfIdOf(attributes) ?? 0);
    // A cell style without a number format of its own has its base style's.
    const id = Number(numFmtIdOf(attributes) ?? (xfId ? base[xfId] : undefined));
    if (DATE_FORMATS.has(id)) return true;
    const code = codes.get(id);
    return code !== undefined && isDateFormat(code);
  });
}

const DATE_TOKENS = new Set(['y', 'yy', 'yyyy', 'm', 'mm', 'mmm', 'mmmm', 'mmmmm', 'd', 'dd', 'ddd', 'dddd', 'h', 'hh', 's', 'ss']);
for (const token of ['am', 'pm', 'a', 'p', 'aaa', 'aaaa', 'aaaaa', 'e', 'ee', 'eeee']) DATE_TOKENS.add(token);

/**
 * A format's text up to its last `]`: there every `[` has its `]` after it, so that taking out
 * `[…]` (colours, locales, conditions) reads each character once; after it, a `[` never closed is
 * left as it is (`/\[[^\]]*\]/g` over the whole text would read on to the end from each of them).
 */
const BRACKETS = /^[\s\S]*\]/;
const withoutBrackets = (text: string) => text.replace(/\[[^\]]*\]/g, '');

/**
 * Whether a custom number format (`yyyy"年"m"月"d"日"`) shows a date: every token left once quoted
 * text, escapes, colours and locales are taken out is a date or time part (as read-excel-file decides).
 */
function isDateFormat(code: string): boolean {
  const sections = code.toLowerCase().replace(/;@$/, '').replace(/\\./g, ' ').split(';');
  return sections.some((section) => {
    const tokens = section
      .replace(/"[^"]*"/g, ' ')
      .replace(/(\[?[smhd]{1,2}\]?)[.,]00?0?/g, '$1')
      .replace(/\[([smhd]{1,2})\]/g, '$1')
      .replace(BRACKETS, withoutBrackets)
      .split(/[^a-z0#?%]+/)
      .filter((token) => token !== '');
    return tokens.length > 0 && tokens.every((token) => DATE_TOKENS.has(token));
  });
}

/** A date serial as `2021-03-04` (as read-excel-file's dates were shown); days from 1899-12-30, or 1904-01-01. */
function dateText(serial: string, date1904: boolean): string {
  const days = Number(serial) + (date1904 ? 1462 : 0);
  const date = new Date(Math.floor((days - 25569) * 86_400_000));
  return Number.isNaN(date.getTime()) ? serial : date.toISOString().slice(0, 10);
}

// ——— A sheet's cells ———

const SHEET_DATA = element('sheetData');
/** A row's or a cell's start tag; a cell's content is then read up to its end tag. */
const ROW_OR_CELL = startTag('row|c');
const CELL_END = endTag('c');
const VALUE = element('v');
const INLINE_STRING = element('is');
const refOf = attribute('r');
const typeAttribute = attribute('t');
const styleOf = attribute('s');

/**
 * The cells of a sheet that hold something, in order. A row or a cell without its `r` attribute
 * follows the one before; rows or cells out of order are refused, as spreadsheet programs do.
 */
function readCells(xml: string, book: Book): Cell[] {
  const data = SHEET_DATA(xml) ?? '';
  const cells: Cell[] = [];
  let row = 0;
  let column = 0;
  const cellEnd = endTags(data, CELL_END);
  for (let tag = nextTag(data, ROW_OR_CELL, 0); tag; tag = nextTag(data, ROW_OR_CELL, tag.end)) {
    const { attributes } = tag;
    const ref = refOf(attributes);
    if (tag.name === 'row') {
      const next = ref === undefined ? row + 1 : Number(ref);
      if (!Number.isInteger(next) || next <= row) refuse(`row ${ref} out of order`);
      row = next;
      column = 0;
      continue;
    }
    const [r, c] = ref === undefined ? [row, column + 1] : cellAddress(ref);
    if (r < row || (r === row && c <= column)) refuse(`cell ${ref} out of order`);
    row = r;
    column = c;
    let content = '';
    if (!tag.selfClosing) {
      const end = cellEnd(tag.end) ?? refuse(`cell ${ref ?? columnName(c - 1) + r} is not closed`);
      content = data.slice(tag.end, end.start);
      tag.end = end.end; // the scan goes on after the cell
    }
    const text = cellText(attributes, content, book, ref ?? `${columnName(c - 1)}${r}`);
    if (text !== '') cells.push({ row, column, text });
  }
  return cells;
}

/** `AB12` → [12, 28]. */
function cellAddress(ref: string): [number, number] {
  let column = 0;
  let i = 0;
  for (let code = ref.charCodeAt(0) | 0x20; code >= 97 && code <= 122 && i < 3; code = ref.charCodeAt(++i) | 0x20) column = column * 26 + code - 96;
  const row = Number(ref.slice(i));
  if (i === 0 || !/^\d{1,7}$/.test(ref.slice(i)) || row === 0) refuse(`cell reference "${ref}"`);
  return [row, column];
}

/**
 * A cell's text: numbers as written in the file (0.1 stays "0.1", as in a CSV export), strings
 * shared or inline, a formula's cached result, a formula's error (`#DIV/0!`) as written.
 */
function cellText(attributes: string, content: string, book: Book, ref: string): string {
  const type = typeAttribute(attributes) ?? 'n';
  const value = content && VALUE(content);
  if (type === 'inlineStr') {
    const inline = INLINE_STRING(content);
    return inline === undefined ? '' : richText(inline);
  }
  if (!value) return '';
  const text = decodeXml(value);
  switch (type) {
    case 'n': {
      const style = styleOf(attributes);
      return style !== undefined && book.isDate(style) ? dateText(text, book.date1904) : text;
    }
    case 's':
      return book.shared[Number(text)] ?? refuse(`cell ${ref}: no shared string ${text}`);
    case 'str':
      return unescapeXstring(text);
    case 'b':
      // read-excel-file gave booleans, which the reader wrote as "true" / "false".
      return text === '1' ? 'true' : text === '0' ? 'false' : refuse(`cell ${ref}: boolean ${text}`);
    case 'e':
      return text;
    case 'd': {
      const date = new Date(text);
      return Number.isNaN(date.getTime()) ? refuse(`cell ${ref}: date ${text}`) : date.toISOString().slice(0, 10);
    }
    default:
      return refuse(`cell ${ref}: type "${type}"`);
  }
}
