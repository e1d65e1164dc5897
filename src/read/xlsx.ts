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
import { InputError, NOT_A_REPORT, REPORT_WORDS } from '../model.js';
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
    const why = error instanceof Unreadable ? error.message : error instanceof Error && error.message ? error.message.split('\n')[0] : 'unknown error';
    throw new InputError('xlsx', `${file}: not a readable XLSX workbook (${why})`);
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
  const { sheets, date1904 } = readSheetList(zip.text('xl/workbook.xml') ?? refuse('no xl/workbook.xml'));
  const parts = readRelationships(zip.text('xl/_rels/workbook.xml.rels') ?? refuse('no xl/_rels/workbook.xml.rels'));
  const book: Book = {
    shared: readSharedStrings(zip.text(parts.sharedStrings ?? 'xl/sharedStrings.xml') ?? ''),
    isDate: dateStyles(zip, parts.styles ?? 'xl/styles.xml'),
    date1904,
  };
  // Sheets are read in order until one holds the tables: the sheets after it are not read at all.
  let mentioned = false;
  for (const sheet of sheets) {
    const path = parts.sheets.get(sheet.id);
    if (path === undefined) continue; // a chart sheet: no cells
    const cells = readCells(zip.text(path) ?? refuse(`no ${path}`), book);
    if (cells.some((cell) => TABLE_WORDS.some((w) => cell.text.includes(w)))) return gridOf(cells, sheet.name);
    mentioned ||= cells.some((cell) => cell.text.includes(REPORT_WORDS));
  }
  throw new InputError(
    mentioned ? 'unrecognised' : NOT_A_REPORT,
    `${file}: no sheet of the workbook holds the tables of a disclosure report (sheets: ${sheets.map((s) => s.name).join(', ') || 'none'})`,
  );
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

const P = '(?:[\\w.-]+:)?';

/** An element's content (`undefined` when absent, '' when empty or self-closing). */
function element(name: string): (xml: string) => string | undefined {
  const re = new RegExp(`<${P}${name}(?:\\s[^>]*?)?(?:/>|>([\\s\\S]*?)</${P}${name}>)`);
  return (xml) => {
    const m = re.exec(xml);
    return m ? (m[1] ?? '') : undefined;
  };
}

/** Every start tag of an element, for its attributes. */
const tags = (name: string) => new RegExp(`<${P}${name}(?:\\s([^>]*?))?/?>`, 'g');

/** An attribute's value, entities decoded; a prefix on its name (`r:id`) is ignored. */
function attribute(name: string): (attributes: string) => string | undefined {
  const re = new RegExp(`(?:^|\\s)${P}${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`);
  return (attributes) => {
    const m = re.exec(attributes);
    return m ? decodeXml(m[1] ?? m[2] ?? '') : undefined;
  };
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const ENTITY = /&(?:#x([0-9a-f]+)|#(\d+)|(amp|lt|gt|quot|apos));|<!\[CDATA\[([\s\S]*?)\]\]>|<!--[\s\S]*?-->/gi;

/** Text content: the five entities, character references, CDATA sections; comments dropped. */
function decodeXml(text: string): string {
  if (!text.includes('&') && !text.includes('<')) return text;
  return text.replace(ENTITY, (all, hex?: string, decimal?: string, named?: string, cdata?: string) => {
    if (cdata !== undefined) return cdata;
    if (named) return ENTITIES[named.toLowerCase()] ?? all;
    if (hex === undefined && decimal === undefined) return ''; // a comment
    const code = hex ? parseInt(hex, 16) : Number(decimal);
    return code <= 0x10ffff ? String.fromCodePoint(code) : all;
  });
}

/** `_x000D_`: a character XML 1.0 cannot hold, as SpreadsheetML writes it in strings (ST_Xstring). */
const unescapeXstring = (text: string) =>
  text.includes('_x') ? text.replace(/_x([0-9a-f]{4})_/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text;

// ——— The workbook's parts ———

const SHEET = tags('sheet');
const WORKBOOK_PR = new RegExp(`<${P}workbookPr(?:\\s([^>]*?))?/?>`);
const nameOf = attribute('name');
const idOf = attribute('id');
const date1904Of = attribute('date1904');

/** The sheets in the workbook's order, with their relationship ids; and the date system. */
function readSheetList(xml: string): { sheets: { name: string; id: string }[]; date1904: boolean } {
  const sheets: { name: string; id: string }[] = [];
  for (const m of xml.matchAll(SHEET)) {
    const name = nameOf(m[1] ?? '');
    if (name !== undefined) sheets.push({ name: unescapeXstring(name), id: idOf(m[1] ?? '') ?? '' });
  }
  const flag = date1904Of(WORKBOOK_PR.exec(xml)?.[1] ?? '');
  return { sheets, date1904: flag === '1' || flag === 'true' };
}

const RELATIONSHIP = tags('Relationship');
const relationshipId = attribute('Id');
const typeOf = attribute('Type');
const targetOf = attribute('Target');

/** Where the sheets (by relationship id), the shared strings and the styles are. */
function readRelationships(xml: string): { sheets: Map<string, string>; sharedStrings?: string; styles?: string } {
  const parts: { sheets: Map<string, string>; sharedStrings?: string; styles?: string } = { sheets: new Map() };
  for (const m of xml.matchAll(RELATIONSHIP)) {
    const attributes = m[1] ?? '';
    const type = typeOf(attributes)?.replace(/.*\//, '');
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

const STRING_ITEM = new RegExp(`<${P}si(?:\\s[^>]*?)?(?:/>|>([\\s\\S]*?)</${P}si>)`, 'g');
/** A `<t>` of a string, or a phonetic run (`<rPh>`, a reading of East Asian text), which is not the string's text. */
const TEXT_RUN = new RegExp(`<${P}rPh\\b(?:[^>]*?/>|[\\s\\S]*?</${P}rPh>)|<${P}t(?:\\s[^>]*?)?>([\\s\\S]*?)</${P}t>`, 'g');

function readSharedStrings(xml: string): string[] {
  return Array.from(xml.matchAll(STRING_ITEM), (m) => richText(m[1] ?? ''));
}

/** A string item (`<si>`, `<is>`): its `<t>`, or its rich-text runs' `<t>`s joined. */
function richText(xml: string): string {
  let text = '';
  for (const m of xml.matchAll(TEXT_RUN)) if (m[1] !== undefined) text += decodeXml(m[1]);
  return unescapeXstring(text);
}

// ——— Dates: numbers shown with a date format ———

/** Built-in number formats that are dates (ECMA-376 18.8.30, with the Chinese, Japanese, Korean and Thai ones). */
const DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47]);
for (let id = 50; id <= 58; id++) DATE_FORMATS.add(id);
for (let id = 71; id <= 81; id++) DATE_FORMATS.add(id);

const NUMBER_FORMAT = tags('numFmt');
const BASE_STYLES = element('cellStyleXfs');
const CELL_STYLES = element('cellXfs');
const XF = tags('xf');
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
  for (const m of xml.matchAll(NUMBER_FORMAT)) {
    const id = Number(numFmtIdOf(m[1] ?? ''));
    const code = formatCodeOf(m[1] ?? '');
    if (id >= 100 && code !== undefined) codes.set(id, code);
  }
  const formats = (part: string | undefined) => Array.from((part ?? '').matchAll(XF), (m) => m[1] ?? '');
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
      .replace(/\[[^\]]*\]/g, '')
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
const ROW_OR_CELL = new RegExp(`<${P}(row|c)(?:\\s([^>]*?))?(/?)>`, 'g');
const CELL_END = new RegExp(`</${P}c>`, 'g');
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
  ROW_OR_CELL.lastIndex = 0;
  for (let m: RegExpExecArray | null; (m = ROW_OR_CELL.exec(data)); ) {
    const attributes = m[2] ?? '';
    const ref = refOf(attributes);
    if (m[1] === 'row') {
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
    if (m[3] !== '/') {
      CELL_END.lastIndex = ROW_OR_CELL.lastIndex;
      const end = CELL_END.exec(data) ?? refuse(`cell ${ref ?? columnName(c - 1) + r} is not closed`);
      content = data.slice(ROW_OR_CELL.lastIndex, end.index);
      ROW_OR_CELL.lastIndex = CELL_END.lastIndex;
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
