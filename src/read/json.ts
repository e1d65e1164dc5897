import { parse, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { InputError, type LocatedReport, type ReportData, type SourcePos } from '../model.js';
import { LineIndex } from './position.js';

/** The canonical JSON is already a report: parse it strictly and remember where each value is. */
export function readJson(text: string, file: string): LocatedReport {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    if (error instanceof RangeError) throw new InputError('json', `${file}: JSON nested too deeply to read`);
    throw new InputError('json', `${file}: ${syntaxError(text)}`);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data))
    throw new InputError('json', `${file}: the JSON is not a report object (expected { "format": …, "requests": … })`);
  const report = data as ReportData;
  return {
    data: report,
    format: report.format === '2019' ? '2019' : '2021',
    sources: positions(text),
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
