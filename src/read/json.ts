import { parseTree, printParseErrorCode, visit, type Node } from 'jsonc-parser';
import { InputError, type LocatedReport, type ReportData, type SourcePos } from '../model.js';
import { LineIndex } from './position.js';
import { formatDef, type FormatVersion } from '../tables/index.js';

const defined = (version: FormatVersion): boolean => {
  try {
    return formatDef(version) !== undefined;
  } catch {
    return false;
  }
};

/** A report nests five objects deep; anything far deeper is not one, and is refused before parsing. */
export const MAX_JSON_DEPTH = 64;

/** The canonical JSON is already a report: parse it strictly and remember where each value is. */
export function readJson(text: string, file: string): LocatedReport {
  const deep = depthExceeded(text, MAX_JSON_DEPTH);
  if (deep !== undefined) {
    const where = new LineIndex(text).at(deep);
    throw new InputError('json', `${file}: line ${where.line}, column ${where.column}: JSON nested more than ${MAX_JSON_DEPTH} levels deep; a report nests 5`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new InputError('json', `${file}: ${syntaxError(text)}`);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data))
    throw new InputError('json', `${file}: the JSON is not a report object (expected { "format": …, "requests": … })`);
  const report = data as ReportData;
  if (report.format === '2019' && !defined('2019'))
    throw new InputError('unsupported-format', `${file}: a report in the 2019 format ("format": "2019"); this version checks the 2021 tables only`);
  return {
    data: report,
    format: report.format === '2019' ? '2019' : '2021',
    sources: new LazySources(() => positions(text)),
    raw: new Map(),
    findings: [],
  };
}

function positions(text: string): Map<string, SourcePos> {
  const sources = new Map<string, SourcePos>();
  let tree: Node | undefined;
  try {
    tree = parseTree(text, [], { disallowComments: true });
  } catch {
    return sources; // too deep for the position walk; findings then go without a line
  }
  if (!tree) return sources;
  const lines = new LineIndex(text);
  const walk = (node: Node, pointer: string, depth: number): void => {
    if (depth > 8 || node.type !== 'object') return;
    for (const property of node.children ?? []) {
      const [key, value] = property.children ?? [];
      if (!key || !value) continue;
      const child = `${pointer}/${String(key.value).replace(/~/g, '~0').replace(/\//g, '~1')}`;
      sources.set(child, lines.at(value.offset));
      walk(value, child, depth + 1);
    }
  };
  walk(tree, '', 0);
  return sources;
}

/** The offset of the first `{` or `[` that opens more than `limit` levels, outside strings. */
function depthExceeded(text: string, limit: number): number | undefined {
  // Strings are skipped whole by the regex engine; only brackets are counted here.
  const tokens = /"(?:[^"\\]|\\.)*"?|[{[]|[}\]]/g;
  let depth = 0;
  for (let m = tokens.exec(text); m !== null; m = tokens.exec(text)) {
    const c = m[0].charCodeAt(0);
    if (c === 123 || c === 91) {
      if (++depth > limit) return m.index;
    } else if (c === 125 || c === 93) depth--;
  }
  return undefined;
}

/**
 * Source positions, worked out on first use: only a report with findings needs them, and most
 * reports in a batch have none (the position walk costs as much as the rest of reading).
 */
class LazySources extends Map<string, SourcePos> {
  private compute: (() => Map<string, SourcePos>) | undefined;

  constructor(compute: () => Map<string, SourcePos>) {
    super();
    this.compute = compute;
  }

  private fill(): void {
    const compute = this.compute;
    if (!compute) return;
    this.compute = undefined;
    for (const [key, value] of compute()) super.set(key, value);
  }

  override get(key: string): SourcePos | undefined {
    this.fill();
    return super.get(key);
  }
  override has(key: string): boolean {
    this.fill();
    return super.has(key);
  }
  override get size(): number {
    this.fill();
    return super.size;
  }
  override entries(): MapIterator<[string, SourcePos]> {
    this.fill();
    return super.entries();
  }
  override keys(): MapIterator<string> {
    this.fill();
    return super.keys();
  }
  override values(): MapIterator<SourcePos> {
    this.fill();
    return super.values();
  }
  override [Symbol.iterator](): MapIterator<[string, SourcePos]> {
    this.fill();
    return super[Symbol.iterator]();
  }
  override forEach(callback: (value: SourcePos, key: string, map: Map<string, SourcePos>) => void, thisArg?: unknown): void {
    this.fill();
    super.forEach(callback, thisArg);
  }
}

/** What jsonc-parser's error codes mean, in the words of a person fixing the file. */
const SYNTAX: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'malformed number',
  PropertyNameExpected: 'a property name in double quotes is expected',
  ValueExpected: 'a value is expected',
  ColonExpected: 'a colon is expected',
  CommaExpected: 'a comma is expected',
  CloseBraceExpected: 'a closing } is expected',
  CloseBracketExpected: 'a closing ] is expected',
  EndOfFileExpected: 'text after the end of the JSON',
  InvalidCommentToken: 'comments are not allowed',
  UnexpectedEndOfComment: 'comments are not allowed',
  UnexpectedEndOfString: 'a string is never closed',
  UnexpectedEndOfNumber: 'malformed number',
  InvalidUnicode: 'malformed \\u escape',
  InvalidEscapeCharacter: 'malformed escape in a string',
  InvalidCharacter: 'a control character inside a string',
};

/**
 * Where and why JSON.parse refused the text, in one line. V8's own message sometimes quotes the
 * input (newlines and all) and gives no position; jsonc-parser's scanner names the first error.
 */
function syntaxError(text: string): string {
  let first: { code: string; offset: number } | undefined;
  visit(
    text,
    { onError: (error, offset) => void (first ??= { code: printParseErrorCode(error), offset }) },
    { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false },
  );
  if (!first) return 'not valid JSON';
  const where = new LineIndex(text).at(first.offset);
  return `line ${where.line}, column ${where.column}: not valid JSON (${SYNTAX[first.code] ?? first.code})`;
}
