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
  const findings = [...report.findings, ...schema, ...check(report), ...checkProse(report)];
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

export function resultOf(file: string, report: LocatedReport, findings: Finding[]): FileResult {
  const errorCount = findings.filter((f) => f.severity === 'error').length;
  const format = formatDef(report.format);
  for (const finding of findings) finding.labels = finding.cells.map((cell) => labelOf(format, cell));
  return {
    file,
    format: report.format,
    ok: errorCount === 0,
    errorCount,
    warningCount: findings.length - errorCount,
    findings,
  };
}

/** Findings in reading order: by line, then column; findings without a place last. */
function byPlace(a: Finding, b: Finding): number {
  const la = a.location?.line ?? Infinity;
  const lb = b.location?.line ?? Infinity;
  if (la !== lb) return la - lb;
  return (a.location?.column ?? 0) - (b.location?.column ?? 0);
}
