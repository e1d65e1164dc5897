/**
 * One file through the stages: read → locate → validate → check. Returns a result; input problems
 * that stop a file come back as `fatal`, never as an exception.
 */
import { InputError, type FileResult, type Finding, type LocatedReport } from './model.js';
import { readInput } from './read/index.js';
import { locate } from './locate/locate.js';
import { markSingleRowGroups } from './locate/groups.js';
import { validate } from './validate/validate.js';
import { check } from './check/evaluate.js';
import { suggest } from './check/suggest.js';
import { compareYears, identityOf, pairConsecutive } from './check/history.js';
import { checkProse } from './check/text.js';
import { formatDef, labelOf } from './tables/index.js';

export async function loadReport(file: string): Promise<LocatedReport> {
  const input = await readInput(file);
  const report = input.kind === 'report' ? input.report : locate(input.grid, file);
  markSingleRowGroups(report);
  return report;
}

/** Locator findings that already say what the schema would say about everything under their cells. */
const COVERING = new Set(['structure.missing-table', 'structure.missing-row', 'structure.single-row-group']);

export async function checkReport(report: LocatedReport): Promise<Finding[]> {
  const covered = report.findings.filter((f) => COVERING.has(f.rule)).flatMap((f) => f.cells);
  const under = (pointer: string | undefined) => pointer !== undefined && covered.some((c) => pointer === c || pointer.startsWith(`${c}/`));
  const schema = (await validate(report)).filter((f) => !under(f.cells[0]));
  const invalid = new Set(schema.filter((f) => f.rule.startsWith('value.')).flatMap((f) => f.cells));
  const findings = [...report.findings, ...schema, ...check(report, invalid), ...checkProse(report)];
  return findings.sort(byPlace);
}

export async function checkFile(file: string): Promise<FileResult> {
  try {
    const report = await loadReport(file);
    return resultOf(file, report, await checkReport(report));
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return { file, ok: false, errorCount: 0, warningCount: 0, findings: [], fatal: { code: error.code, message: error.message } };
  }
}

/**
 * Several files, with the cross-year rules: each report is compared with `previous` when given
 * (`--previous`), otherwise with the report of the same agency for the year before, when the batch
 * holds one. Fails with an InputError only when `previous` cannot be read.
 */
export async function checkFiles(files: string[], previous?: string, onFile: (file: string) => void = () => {}): Promise<FileResult[]> {
  const last = previous === undefined ? undefined : await loadReport(previous);
  const loaded: { file: string; report?: LocatedReport; failed?: FileResult }[] = [];
  for (const file of files) {
    try {
      loaded.push({ file, report: await loadReport(file) });
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      loaded.push({ file, failed: { file, ok: false, errorCount: 0, warningCount: 0, findings: [], fatal: { code: error.code, message: error.message } } });
    }
  }
  const pairs = last ? undefined : pairConsecutive(loaded.map((l) => (l.report ? identityOf(l.report) : {})));
  const results: FileResult[] = [];
  for (const [i, { file, report, failed }] of loaded.entries()) {
    if (!report) {
      results.push(failed!);
      onFile(file);
      continue;
    }
    const before = last ? { file: previous!, report: last } : pairs!.has(i) ? { file: loaded[pairs!.get(i)!]!.file, report: loaded[pairs!.get(i)!]!.report! } : undefined;
    const findings = await checkReport(report);
    if (before) findings.push(...compareYears(report, before.report, before.file));
    const result = resultOf(file, report, findings.sort(byPlace));
    if (before) {
      const { year } = identityOf(before.report);
      result.previous = { file: before.file, ...(year !== undefined ? { year } : {}) };
    }
    results.push(result);
    onFile(file);
  }
  return results;
}

export function resultOf(file: string, report: LocatedReport, findings: Finding[]): FileResult {
  const errorCount = findings.filter((f) => f.severity === 'error').length;
  const format = formatDef(report.format);
  for (const finding of findings) finding.labels = finding.cells.map((cell) => labelOf(format, cell));
  const suggestions = errorCount > 0 ? suggest(report) : [];
  const { agency, year } = identityOf(report);
  return {
    file,
    format: report.format,
    ...(agency !== undefined ? { agency } : {}),
    ...(year !== undefined ? { year } : {}),
    ok: errorCount === 0,
    errorCount,
    warningCount: findings.length - errorCount,
    findings,
    ...(suggestions.length > 0 ? { suggestions } : {}),
    report: report.data,
  };
}

/** Findings in reading order: by line, then column; findings without a place last. */
function byPlace(a: Finding, b: Finding): number {
  const la = a.location?.line ?? Infinity;
  const lb = b.location?.line ?? Infinity;
  if (la !== lb) return la - lb;
  return (a.location?.column ?? 0) - (b.location?.column ?? 0);
}
