import { TOOL, type FileResult } from '../model.js';
import type { Lang } from '../tables/index.js';
import { whole, type SkippedFile, type StreamingFormatter } from './types.js';

function resultJson(r: FileResult, lang: Lang) {
  return {
    file: r.file,
    ...(r.format ? { format: r.format } : {}),
    ...(r.agency !== undefined ? { agency: r.agency } : {}),
    ...(r.year !== undefined ? { year: r.year } : {}),
    ...(r.previous ? { previous: r.previous } : {}),
    ok: r.ok,
    errorCount: r.errorCount,
    warningCount: r.warningCount,
    ...(r.hiddenWarnings ? { hiddenWarnings: r.hiddenWarnings } : {}),
    ...(r.fatal ? { fatal: { code: r.fatal.code, message: r.fatal.message[lang], messages: r.fatal.message } } : {}),
    findings: r.findings.map((f) => ({
      rule: f.rule,
      severity: f.severity,
      message: f.message[lang],
      messages: f.message,
      cells: f.cells,
      labels: (f.labels ?? []).map((l) => l[lang]),
      ...(f.expected !== undefined ? { expected: f.expected } : {}),
      ...(f.actual !== undefined ? { actual: f.actual } : {}),
      ...(f.difference !== undefined ? { difference: f.difference } : {}),
      ...(f.location ? { location: f.location } : {}),
      ...(f.raw !== undefined ? { raw: f.raw } : {}),
    })),
    ...(r.suggestions
      ? {
          suggestions: r.suggestions.map((s) => ({
            changes: s.changes.map((c) => ({
              cell: c.cell,
              from: c.from,
              to: c.to,
              ...(c.label ? { label: c.label[lang] } : {}),
              ...(c.location ? { location: c.location } : {}),
              ...(c.typo ? { typo: c.typo } : {}),
            })),
            resolves: s.resolves,
            ...(s.message ? { message: s.message[lang], messages: s.message } : {}),
          })),
        }
      : {}),
  };
}

/**
 * `JSON.stringify(value, null, 2)` as it reads nested `depth` levels deep: stringified inside
 * `depth` arrays, which V8 indents natively, and cut out of them (a third faster than indenting
 * every line with a regex, on every file of a batch).
 */
const nest = (value: unknown, depth: number): unknown => (depth === 0 ? value : [nest(value, depth - 1)]);
const frames: [number, number][] = [];
function indented(value: unknown, depth: number): string {
  const text = JSON.stringify(nest(value, depth), null, 2);
  const [before, after] = (frames[depth] ??= frame(depth));
  return text.slice(before, text.length - after);
}

/** How many characters the `depth` arrays around a value take before and after it. */
function frame(depth: number): [number, number] {
  const text = JSON.stringify(nest(0, depth), null, 2);
  const at = text.indexOf('0');
  return [at, text.length - at - 1];
}

/** A file the batch found but did not check, so that a CI job reading only this output can tell. */
const skippedJson = (f: SkippedFile, lang: Lang) => ({ file: f.file, code: f.code, message: f.message[lang], messages: f.message });

/**
 * The machine-readable shape CI scripts rely on (DESIGN.md); messages in the chosen language.
 * Printed result by result, byte for byte what `JSON.stringify({ tool, results, skipped, summary }, null, 2)` gives;
 * `"tool": "disclosure-check"` tells it from a report when it is saved beside them (src/read/json.ts).
 */
export const jsonStream: StreamingFormatter = ({ lang }) => {
  let count = 0;
  return {
    start: `{\n  "tool": ${JSON.stringify(TOOL)},\n  "results": [`,
    file: (r) => `${count++ === 0 ? '\n' : ',\n'}    ${indented(resultJson(r, lang), 2)}`,
    end: (summary, skipped = []) =>
      `${count > 0 ? '\n  ' : ''}],\n  "skipped": ${indented(skipped.map((f) => skippedJson(f, lang)), 1)},\n  "summary": ${indented(summary, 1)}\n}\n`,
  };
};

export const json = whole(jsonStream);
