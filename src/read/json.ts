import { parse, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { InputError, type LocatedReport, type ReportData, type SourcePos } from '../model.js';
import { LineIndex } from './position.js';

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
    // A number too large for a double (1e400) is kept as the text it was, for the schema to
    // report: JSON.parse reads it as Infinity, which would be written back as null.
    data = JSON.parse(text, (_key, value: unknown) => (typeof value === 'number' && !Number.isFinite(value) ? String(value) : value));
  } catch {
    throw new InputError('json', `${file}: ${syntaxError(text)}`);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data))
    throw new InputError('json', `${file}: the JSON is not a report object (expected { "format": …, "requests": … })`);
  const report = data as ReportData;
  if (!['format', 'proactive', 'requests', 'appeals'].some((key) => Object.hasOwn(report, key)))
    throw new InputError('unrecognised', `${file}: a JSON object, but not a report (none of "format", "proactive", "requests", "appeals")`);
  return {
    data: report,
    format: report.format === '2019' ? '2019' : '2021',
    sources: new LazySources(() => positions(text)),
    raw: new Map(),
    findings: [],
  };
}

/** Where and what the first syntax error is: JSON.parse's own message has no position on Node 20. */
function syntaxError(text: string): string {
  const errors: ParseError[] = [];
  try {
    parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  } catch {
    return 'not valid JSON';
  }
  const first = errors[0];
  if (!first) return 'not valid JSON';
  const where = new LineIndex(text).at(first.offset);
  const what = printParseErrorCode(first.error).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return `line ${where.line}, column ${where.column}: not valid JSON (${what})`;
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
