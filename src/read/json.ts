import { parse, printParseErrorCode, visit, type ParseError } from 'jsonc-parser';
import { InputError, NOT_A_REPORT, TOOL, locatedReport, ownOutput, type Finding, type LocatedReport, type ReportData, type SourcePos } from '../model.js';
import { LineIndex } from './position.js';
import { LazyMap } from '../lazy-map.js';
import type { Text } from '../tables/index.js';

/** A report nests five objects deep; anything far deeper is not one, and is refused before parsing. */
export const MAX_JSON_DEPTH = 64;

/**
 * A number of more than 15 digits before its point is no count or fee: as in a CSV, it is kept as
 * text (as JSON.parse read it: a double holds no more), for a value finding, and never summed (two
 * near 1e308 would make Infinity). What such a number needs in the text: 16 digits in a row, or
 * a positive exponent (`1234567e9`); anything that matches is merely worth a look. A run of
 * digits is tried from its start only: from every digit, 10 MB of 99-digit numbers took a second.
 */
const TOO_LARGE = 1e15;
const MAY_BE_TOO_LARGE = /[eE]\+?\d|(?<!\d)\d{16}/;
const keepTooLarge = (_key: string, value: unknown) => (typeof value === 'number' && !(Math.abs(value) < TOO_LARGE) ? String(value) : value);

/** The canonical JSON is already a report: parse it strictly and remember where each value is. */
export function readJson(text: string, file: string): LocatedReport {
  const outside = outsideStrings(text);
  if (outside.depth > MAX_JSON_DEPTH) {
    const at = firstTooDeep(text, MAX_JSON_DEPTH);
    if (at !== undefined) {
      const where = new LineIndex(text).at(at);
      throw new InputError('json', {
        zh: `${file}：第 ${where.line} 行第 ${where.column} 列：JSON 嵌套超过 ${MAX_JSON_DEPTH} 层；报告只嵌套 5 层`,
        en: `${file}: line ${where.line}, column ${where.column}: JSON nested more than ${MAX_JSON_DEPTH} levels deep; a report nests 5`,
      });
    }
  }
  let data: unknown;
  try {
    // A reviver makes JSON.parse 4× slower: passed only when the text may hold a number too large.
    data = MAY_BE_TOO_LARGE.test(outside.rest) ? JSON.parse(text, keepTooLarge) : JSON.parse(text);
  } catch {
    const { zh, en } = syntaxError(text);
    throw new InputError('json', { zh: `${file}：${zh}`, en: `${file}: ${en}` });
  }
  // This tool's own output (-f json, -f sarif) saved beside the reports.
  if (isOwnOutput(data)) throw ownOutput(file, Object.hasOwn(data as object, 'runs') ? 'sarif' : 'json');
  // JSON of another shape that still holds a report (wrapped, in a list) is not skipped as no report;
  // JSON with no key a report has (a package.json, a JSON Schema, a list of anything else) is,
  // whatever words its values hold.
  const notReport = () => (reportShaped(data) ? 'unrecognised' : NOT_A_REPORT);
  if (data === null || typeof data !== 'object' || Array.isArray(data))
    throw new InputError(notReport(), {
      zh: `${file}：这个 JSON 不是报告对象（应为 { "format": …, "requests": … }）`,
      en: `${file}: the JSON is not a report object (expected { "format": …, "requests": … })`,
    });
  const report = data as ReportData;
  if (!['format', 'proactive', 'requests', 'appeals'].some((key) => Object.hasOwn(report, key)))
    throw new InputError(notReport(), {
      zh: `${file}：是 JSON 对象，但不是报告（"format"、"proactive"、"requests"、"appeals" 一项都没有）`,
      en: `${file}: a JSON object, but not a report (none of "format", "proactive", "requests", "appeals")`,
    });
  return locatedReport({
    data: report,
    format: report.format === '2019' ? '2019' : '2021',
    // worked out on first use: only a report with findings needs them (the walk costs as much as the rest of reading)
    sources: new LazyMap<string, SourcePos>((set) => positions(text, set)),
    raw: new Map(),
    // JSON.parse keeps the last of a key written twice, silently: fewer keys than the text has.
    findings: keysOf(data) === outside.colons ? [] : duplicateKeys(text),
  });
}

/** What `-f json` (`"tool"`, or before it said so its `results` and `summary`) and `-f sarif` (its driver's name) write. */
function isOwnOutput(data: unknown): boolean {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return false;
  const top = data as { tool?: unknown; runs?: unknown; results?: unknown; summary?: { passed?: unknown; failed?: unknown } };
  if (top.tool === TOOL && Object.hasOwn(top, 'results')) return true;
  // written before it said "tool": its shape
  if (Array.isArray(top.results) && typeof top.summary?.passed === 'number' && typeof top.summary.failed === 'number') return true;
  return Array.isArray(top.runs) && (top.runs[0] as { tool?: { driver?: { name?: unknown } } } | undefined)?.tool?.driver?.name === TOOL;
}

/** Keys a report, or something holding one, has: the canonical tables, or words a report's own JSON would use. */
const REPORT_KEYS = new Set(['proactive', 'requests', 'appeals', 'report']);
const REPORT_KEY_WORDS = /报告|信息公[开開]|本年新收|行政复议/;

/**
 * Whether JSON that is no canonical report still looks like one, or like something holding one
 * (`{ "report": … }`, a list of reports): a key a report has, at any depth. A JSON Schema
 * (`$schema` at the top: the report's own schema names every key) is a document of another kind.
 */
function reportShaped(data: unknown): boolean {
  if (data !== null && typeof data === 'object' && !Array.isArray(data) && typeof (data as { $schema?: unknown }).$schema === 'string') return false;
  const stack: unknown[] = [data];
  while (stack.length > 0) {
    const value = stack.pop();
    if (value === null || typeof value !== 'object') continue;
    if (Array.isArray(value)) {
      for (const item of value) stack.push(item);
      continue;
    }
    for (const key of Object.keys(value)) {
      if (REPORT_KEYS.has(key) || REPORT_KEY_WORDS.test(key)) return true;
      stack.push((value as Record<string, unknown>)[key]);
    }
  }
  return false;
}

const escapeKey = (key: string) => (key.includes('~') || key.includes('/') ? key.replace(/~/g, '~0').replace(/\//g, '~1') : key);

/**
 * The report's metadata only (`agency`, `year`), read without parsing the whole file: what pairing
 * reports by year needs from every file before the first is checked. The canonical JSON holds
 * these keys at the top level only; the full read checks everything else.
 */
export function readJsonHead(text: string): LocatedReport {
  const data: ReportData = {};
  const agency = /"agency"\s*:\s*"([^"\\]*(?:\\.[^"\\]*)*)"/.exec(text); // unrolled: `"(?:[^"\\]|\\.)*` backtracks a step per character
  if (agency) {
    try {
      data.agency = JSON.parse(`"${agency[1]}"`) as string;
    } catch {
      // an agency that is not a valid JSON string: the full read will say so
    }
  }
  const year = /"year"\s*:\s*"?(\d{4})\b/.exec(text);
  if (year) data.year = Number(year[1]);
  return locatedReport({ data, format: '2021', sources: new Map(), raw: new Map(), findings: [] });
}

/**
 * Keys written twice in one object (a row pasted twice): JSON.parse keeps the last silently, so
 * it is said here, where the text is still at hand. Run only when `scan` saw an object key twice.
 */
function duplicateKeys(text: string): Finding[] {
  const findings: Finding[] = [];
  const open: Map<string, number>[] = [];
  visit(
    text,
    {
      onObjectBegin: () => void open.push(new Map()),
      onObjectEnd: () => void open.pop(),
      onObjectProperty: (key, _offset, _length, line, character, path) => {
        const keys = open[open.length - 1];
        if (!keys) return;
        const first = keys.get(key);
        if (first === undefined) {
          keys.set(key, line + 1);
          return;
        }
        const pointer = `${path().map((k) => `/${escapeKey(String(k))}`).join('')}/${escapeKey(key)}`;
        const lines = first === line + 1 ? { zh: `第 ${first} 行`, en: `line ${first}` } : { zh: `第 ${first} 行和第 ${line + 1} 行`, en: `lines ${first} and ${line + 1}` };
        findings.push({
          rule: 'structure.duplicate-row',
          severity: 'error',
          message: {
            zh: `“${key}”在同一对象中写了两次（${lines.zh}），采用后一次`,
            en: `"${key}" is written twice in one object (${lines.en}); the last is used`,
          },
          cells: [pointer],
          location: { line: line + 1, column: character + 1 },
        });
      },
    },
    { disallowComments: true },
  );
  return findings;
}

/** jsonc-parser's error codes (`CloseBraceExpected`), in Chinese; in English, its words (`close brace expected`). */
const SYNTAX_ZH: Record<string, string> = {
  InvalidSymbol: '无效的符号',
  InvalidNumberFormat: '数字格式无效',
  PropertyNameExpected: '此处应为属性名',
  ValueExpected: '此处应为值',
  ColonExpected: '此处应为冒号',
  CommaExpected: '此处应为逗号',
  CloseBraceExpected: '此处应为右花括号',
  CloseBracketExpected: '此处应为右方括号',
  EndOfFileExpected: '此处应为文件结尾',
  InvalidCommentToken: 'JSON 中不允许注释',
  UnexpectedEndOfComment: '注释没有结束',
  UnexpectedEndOfString: '字符串没有结束',
  UnexpectedEndOfNumber: '数字没有结束',
  InvalidUnicode: '无效的 Unicode 转义',
  InvalidEscapeCharacter: '无效的转义字符',
  InvalidCharacter: '无效的字符',
};

/** Where and what the first syntax error is: JSON.parse's own message has no position on Node 20. */
function syntaxError(text: string): Text {
  const invalid = { zh: '不是有效的 JSON', en: 'not valid JSON' };
  const errors: ParseError[] = [];
  try {
    parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  } catch {
    return invalid;
  }
  const first = errors[0];
  if (!first) return invalid;
  const where = new LineIndex(text).at(first.offset);
  const code = printParseErrorCode(first.error);
  const what = code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return {
    zh: `第 ${where.line} 行第 ${where.column} 列：${invalid.zh}（${SYNTAX_ZH[code] ?? what}）`,
    en: `line ${where.line}, column ${where.column}: ${invalid.en} (${what})`,
  };
}

/**
 * Where each object property's value starts (down to 8 objects deep; nothing inside arrays), in
 * one pass of jsonc-parser's visitor over text JSON.parse has accepted: no tree is built.
 */
function positions(text: string, set: (pointer: string, position: SourcePos) => void): void {
  const lines = new LineIndex(text);
  type Walked = { pointer: string; depth: number } | null;
  const open: Walked[] = []; // each open object or array; null: its properties are not recorded
  let next: Walked = null; // the property whose value comes next, when recorded
  const value = (offset: number): Walked => {
    const property = next;
    next = null;
    if (property) set(property.pointer, lines.at(offset));
    return property;
  };
  try {
    visit(
      text,
      {
        onObjectBegin: (offset) => {
          const object = open.length === 0 ? { pointer: '', depth: 0 } : value(offset);
          open.push(object && object.depth <= 8 ? object : null);
        },
        onObjectProperty: (name) => {
          const parent = open[open.length - 1];
          next = parent ? { pointer: `${parent.pointer}/${escapeKey(name)}`, depth: parent.depth + 1 } : null;
        },
        onObjectEnd: () => void open.pop(),
        onArrayBegin: (offset) => {
          value(offset);
          open.push(null);
        },
        onArrayEnd: () => void open.pop(),
        onLiteralValue: (_value, offset) => void value(offset),
      },
      { disallowComments: true },
    );
  } catch {
    // too deep for the visitor's recursion: findings then go without a line
  }
}

/**
 * The text with each escape (`\"`, `\\`, `\n`) made two plain characters: its strings then hold no
 * backslash but one before a line break (which ends a string token, as an escape cannot), and every
 * offset stays. One global replace, by the regex engine; a pattern that matched escapes inside
 * strings overflowed its stack on a string of millions of them.
 */
const unescaped = (text: string) => (text.includes('\\') ? text.replace(/\\./g, '__') : text);

/** A string, whole, or to the end of the text when it is never closed (one match, not one try per quote). */
const STRING = String.raw`"[^"\\]*"?`;
const STRINGS = new RegExp(STRING, 'g');
/** Strings and brackets, for `firstTooDeep`. */
const BRACKETS = new RegExp(String.raw`${STRING}|[{[]|[}\]]`, 'g');

/**
 * The text with its strings taken out (by the regex engine, at once): what is left of a report is
 * a few hundred brackets, colons and numbers, which tell how deep it nests (as `firstTooDeep`,
 * which reads strings alike, counts it), how many keys it writes, and whether a number may be too
 * large for a double.
 */
function outsideStrings(text: string): { rest: string; depth: number; colons: number } {
  const rest = unescaped(text).replace(STRINGS, '');
  let colons = 0;
  let open = 0;
  let depth = 0;
  for (let i = 0; i < rest.length; i++) {
    const c = rest.charCodeAt(i);
    if (c === 58) colons++;
    else if (c === 123 || c === 91) depth = Math.max(depth, ++open);
    else if (c === 125 || c === 93) open = Math.max(0, open - 1);
  }
  return { rest, depth, colons };
}

/** How many keys the objects of parsed JSON hold, all told (walked without recursion). */
function keysOf(data: unknown): number {
  let keys = 0;
  const stack: unknown[] = [data];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object') continue;
    const children = Array.isArray(node) ? (node as unknown[]) : Object.values(node);
    if (!Array.isArray(node)) keys += children.length;
    for (const child of children) if (child !== null && typeof child === 'object') stack.push(child);
  }
  return keys;
}

/** Where the first `{` or `[` that opens more than `limit` levels is (outside strings), if any. */
function firstTooDeep(text: string, limit: number): number | undefined {
  // Strings are skipped whole by the regex engine; only brackets are looked at here.
  const tokens = new RegExp(BRACKETS);
  const plain = unescaped(text);
  let depth = 0;
  for (let m = tokens.exec(plain); m !== null; m = tokens.exec(plain)) {
    const c = m[0].charCodeAt(0);
    if (c === 123 || c === 91) {
      if (++depth > limit) return m.index;
    } else if (c === 125 || c === 93) depth = Math.max(0, depth - 1);
  }
  return undefined;
}
